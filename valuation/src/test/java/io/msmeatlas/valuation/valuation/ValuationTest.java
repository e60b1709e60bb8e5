package io.msmeatlas.valuation.valuation;

import io.msmeatlas.schemas.valuation.ValuationCompleted;
import io.msmeatlas.schemas.valuation.ValuationFailed;
import io.msmeatlas.schemas.valuation.ValuationOverridden;
import io.msmeatlas.schemas.valuation.ValuationReason;
import io.msmeatlas.schemas.valuation.ValuationReason.Effect;
import io.msmeatlas.valuation.model.Estimate;
import io.msmeatlas.valuation.model.Unusable;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValuationTest {

    private static final String LISTING = "listing-1";
    private static final String HASH = "9f2c4e1b7a3d5f60812c4e9b0a7d3f5e6c1b2a4d8e0f9a7c5b3d1e2f4a6c8b0d";
    private static final List<ValuationReason> REASONS =
            List.of(new ValuationReason("earnings", Effect.RAISES, "EBITDA of ₹95 lakh raises the value"));
    private static final Estimate ESTIMATE = new Estimate(new BigDecimal("41200000"), new BigDecimal("52800000"),
            new BigDecimal("66100000"), "xgboost:1.0.0", REASONS, HASH, null);
    private static final Unusable NO_EARNINGS = new Unusable(Unusable.NO_EARNINGS,
            "The latest fiscal year has neither EBITDA nor SDE.");

    private AggregateTestFixture<Valuation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Valuation.class);
    }

    private static ValuationCompleted completed(long version) {
        return new ValuationCompleted(LISTING, version, ESTIMATE.low(), ESTIMATE.mid(), ESTIMATE.high(), "INR",
                "xgboost:1.0.0", REASONS, HASH, "event-" + version);
    }

    @Test
    void the_first_valuation_of_a_listing_is_recorded_with_the_version_it_valued() {
        fixture.givenNoPriorActivity()
                .when(new RecordValuation(LISTING, 1, ESTIMATE, "event-1"))
                .expectEvents(completed(1))
                .expectResultMessagePayload(true);
    }

    @Test
    void a_newer_listing_version_is_valued_again() {
        fixture.given(completed(1))
                .when(new RecordValuation(LISTING, 3, ESTIMATE, "event-3"))
                .expectEvents(completed(3));
    }

    @Test
    void a_redelivered_listing_version_already_valued_records_nothing() {
        fixture.given(completed(3))
                .when(new RecordValuation(LISTING, 3, ESTIMATE, "event-3"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void a_stale_listing_version_never_replaces_a_newer_valuation() {
        fixture.given(completed(3))
                .when(new RecordValuation(LISTING, 2, ESTIMATE, "event-2"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void unusable_details_are_recorded_as_a_failure_with_the_reason() {
        fixture.givenNoPriorActivity()
                .when(new RecordValuationFailure(LISTING, 1, NO_EARNINGS, "event-1"))
                .expectEvents(new ValuationFailed(LISTING, 1, "NO_EARNINGS",
                        "The latest fiscal year has neither EBITDA nor SDE.", "event-1"));
    }

    @Test
    void a_failure_counts_as_valued_so_its_redelivery_records_nothing() {
        fixture.given(new ValuationFailed(LISTING, 2, "NO_EARNINGS", "reason", "event-2"))
                .when(new RecordValuation(LISTING, 2, ESTIMATE, "event-2"))
                .expectNoEvents();
    }

    @Test
    void a_stale_failure_never_replaces_a_newer_valuation() {
        fixture.given(completed(4))
                .when(new RecordValuationFailure(LISTING, 3, NO_EARNINGS, "event-3"))
                .expectNoEvents();
    }

    @Test
    void an_administrator_overrides_the_latest_valuation_for_the_version_it_valued() {
        fixture.given(completed(3))
                .when(new OverrideValuation(LISTING, new BigDecimal("50000000.00"), "Valuer's report", "admin-1"))
                .expectEvents(new ValuationOverridden(LISTING, 3, new BigDecimal("50000000.00"), "INR", "Valuer's report",
                        "admin-1"));
    }

    @Test
    void a_listing_version_after_an_override_is_valued_again() {
        fixture.given(completed(3), new ValuationOverridden(LISTING, 3, BigDecimal.TEN, "INR", "note", "admin-1"))
                .when(new RecordValuation(LISTING, 4, ESTIMATE, "event-4"))
                .expectEvents(completed(4));
    }

    @Test
    void an_override_does_not_make_the_version_it_replaced_valuable_again() {
        fixture.given(completed(3), new ValuationOverridden(LISTING, 3, BigDecimal.TEN, "INR", "note", "admin-1"))
                .when(new RecordValuation(LISTING, 3, ESTIMATE, "event-3"))
                .expectNoEvents();
    }

    @Test
    void a_listing_never_valued_cannot_be_overridden() {
        fixture.givenNoPriorActivity()
                .when(new OverrideValuation(LISTING, BigDecimal.TEN, "note", "admin-1"))
                .expectException(AggregateNotFoundException.class);
    }
}
