package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.projections.listing.ListingValuation.Status;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.valuation.ValuationCompleted;
import io.msmeatlas.schemas.valuation.ValuationFailed;
import io.msmeatlas.schemas.valuation.ValuationOverridden;
import io.msmeatlas.schemas.valuation.ValuationReason;
import io.msmeatlas.schemas.valuation.ValuationReason.Effect;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latest valuation of each listing, joined into its view from the valuation service's events. */
class ListingValuationJoinTest {

    private static final String ID = "lst-1";
    private static final ListingDrafted DRAFTED = ListingEvents.drafted(ID, "seller-7", details("Pune dye works"));

    @TempDir
    Path stateDir;

    private ProjectionDriver projection;

    @BeforeEach
    void start() {
        projection = new ProjectionDriver(stateDir);
    }

    @AfterEach
    void stop() {
        projection.close();
    }

    @Test
    void a_completed_valuation_shows_its_range_method_and_reasons_without_changing_the_listing_version() {
        projection.given(DRAFTED, 0).valued(completed(1, "52000000", "61000000", "70000000"), 0);

        ListingView view = projection.view(ID);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.valuation().status()).isEqualTo(Status.VALUED);
        assertThat(view.valuation().mid()).isEqualByComparingTo("61000000");
        assertThat(view.valuation().low()).isEqualByComparingTo("52000000");
        assertThat(view.valuation().high()).isEqualByComparingTo("70000000");
        assertThat(view.valuation().method()).isEqualTo("xgboost:2026.12.1");
        assertThat(view.valuation().reasons()).containsExactly("EBITDA of ₹95 lakh raises the value");
        assertThat(view.etag()).isEqualTo("\"1.0\"");
        assertThat(PublicListing.of(view).valuation()).as("buyers see the range too").isEqualTo(view.valuation());
    }

    @Test
    void a_later_valuation_replaces_the_earlier_and_a_redelivered_or_older_one_changes_nothing() {
        projection.given(DRAFTED, 0)
                .valued(completed(1, "1", "2", "3"), 0)
                .valued(new ValuationOverridden(ID, 1, new BigDecimal("65000000"), "INR", "Audited accounts",
                        "admin-1"), 1)
                .valued(completed(1, "1", "2", "3"), 0);

        ListingValuation valuation = projection.view(ID).valuation();
        assertThat(valuation.status()).isEqualTo(Status.MANUAL);
        assertThat(valuation.method()).isEqualTo("MANUAL");
        assertThat(valuation.mid()).isEqualByComparingTo("65000000");
        assertThat(valuation.reasons()).containsExactly("Audited accounts");
        assertThat(valuation.sequence()).isEqualTo(1);
    }

    @Test
    void a_valuation_that_arrives_before_its_listing_is_joined_when_the_listing_is_drafted() {
        projection.valued(completed(1, "10", "20", "30"), 0);
        assertThat(projection.view(ID)).isNull();

        projection.given(DRAFTED, 0);

        assertThat(projection.view(ID).valuation().mid()).isEqualByComparingTo("20");
    }

    @Test
    void a_failed_valuation_says_why_and_shows_no_range() {
        projection.given(DRAFTED, 0).valued(new ValuationFailed(ID, 1, "NO_EARNINGS",
                "The listing states no EBITDA, SDE or net profit.", ID + "-0"), 0);

        ListingValuation valuation = projection.view(ID).valuation();
        assertThat(valuation.status()).isEqualTo(Status.FAILED);
        assertThat(valuation.failure()).contains("no EBITDA");
        assertThat(valuation.mid()).isNull();
    }

    @Test
    void listing_events_after_a_valuation_keep_it() {
        projection.given(DRAFTED, 0).valued(completed(1, "1", "2", "3"), 0).given(new ListingSubmitted(ID), 1);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.SUBMITTED);
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.valuation().mid()).isEqualByComparingTo("2");
    }

    private static ValuationCompleted completed(long listingVersion, String low, String mid, String high) {
        return new ValuationCompleted(ID, listingVersion, new BigDecimal(low), new BigDecimal(mid), new BigDecimal(high),
                "INR", "xgboost:2026.12.1", List.of(new ValuationReason("ebitda", Effect.RAISES,
                        "EBITDA of ₹95 lakh raises the value")), "hash", ID + "-0");
    }
}
