package io.msmeatlas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerProfileCreated;
import io.msmeatlas.schemas.buyer.BuyerProfilePaused;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.valuation.ValuationCompleted;
import io.msmeatlas.schemas.valuation.ValuationOverridden;
import io.msmeatlas.schemas.valuation.ValuationReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The same commands work for the valuation service's and the matching service's stores. */
class ValuationAndBuyerAuditTest {

    private static final Instant VALUED = Instant.parse("2026-05-01T09:00:00Z");
    private static final Instant OVERRIDDEN = Instant.parse("2026-05-03T09:00:00Z");

    @Test
    void a_disputed_valuation_shows_who_overrode_it_and_the_value_before_and_after() throws Exception {
        try (Fixture store = Fixture.of("valuation")) {
            String listing = UUID.randomUUID().toString();
            Fixture.Recorded completed = store.append(listing, new ValuationCompleted(listing, 3,
                    new BigDecimal("21000000.00"), new BigDecimal("26000000.00"), new BigDecimal("31000000.00"), "INR",
                    "xgboost-quantile-v1", List.of(new ValuationReason("ebitda", ValuationReason.Effect.RAISES,
                            "EBITDA margin 14%")), "inputs-hash", UUID.randomUUID().toString()),
                    VALUED, "valuation-worker", "req-value");
            Fixture.Recorded overridden = store.append(listing, new ValuationOverridden(listing, 3,
                    new BigDecimal("24000000.00"), "INR", "Customer contract ends in March", "admin-7"),
                    OVERRIDDEN, "admin-7", "req-override");
            store.publish(completed, overridden);

            Fixture.Run history = store.audit("history", "valuation", listing);
            Fixture.Run before = store.audit("as-of", "valuation", listing, "2026-05-02");
            Fixture.Run diff = store.audit("diff", "valuation", listing, "2026-05-02", "2026-05-04", "--json");
            Fixture.Run verify = store.audit("verify");

            assertThat(history.lines()).containsExactly(
                    "2026-05-01T09:00:00Z  #0  ValuationCompleted v1  by valuation-worker  request req-value  correlation req-value",
                    "2026-05-03T09:00:00Z  #1  ValuationOverridden v1  by admin-7  request req-override  correlation req-override");
            JsonNode state = EventJson.mapper().readTree(before.out()).get("state");
            assertThat(state.get("status").asString()).isEqualTo("VALUED");
            assertThat(state.get("mid").asString()).isEqualTo("26000000.00");
            JsonNode changes = EventJson.mapper().readTree(diff.out()).get("changes");
            assertThat(changes).extracting(change -> change.get("field").asString()).contains("status", "value", "overriddenBy");
            assertThat(changes).anySatisfy(change -> {
                assertThat(change.get("field").asString()).isEqualTo("status");
                assertThat(change.get("before").asString()).isEqualTo("VALUED");
                assertThat(change.get("after").asString()).isEqualTo("OVERRIDDEN");
                assertThat(change.at("/events/0/userId").asString()).isEqualTo("admin-7");
            });
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out()).contains("verify: 2 stored events, 0 discrepancies");
        }
    }

    @Test
    void a_buyer_profile_has_its_history_and_its_state_at_any_moment() throws Exception {
        try (Fixture store = Fixture.of("buyer-profile")) {
            String profile = UUID.randomUUID().toString();
            store.append(profile, new BuyerProfileCreated(profile, "buyer-3", "Pune engineering roll-up",
                    new BuyerCriteria(List.of("25"), List.of("Maharashtra"), List.of(), null,
                            new BigDecimal("80000000.00"), null, null, null, null, null, null, BuyerType.STRATEGIC),
                    new BuyerContact("Meera Joshi", "meera@example.in", null)), VALUED, "buyer-3", "req-create");
            store.append(profile, new BuyerProfilePaused(profile), OVERRIDDEN, "buyer-3", "req-pause");

            Fixture.Run history = store.audit("history", "buyer-profile", profile, "--json");
            Fixture.Run active = store.audit("as-of", "buyer-profile", profile, "2026-05-02");
            Fixture.Run paused = store.audit("as-of", "buyer-profile", profile, "2026-05-04");
            Fixture.Run unknown = store.audit("history", "buyer-profile", UUID.randomUUID().toString());

            assertThat(history.lines()).extracting(line -> EventJson.mapper().readTree(line).get("type").asString())
                    .containsExactly("BuyerProfileCreated", "BuyerProfilePaused");
            JsonNode before = EventJson.mapper().readTree(active.out()).get("state");
            assertThat(before.get("status").asString()).isEqualTo("ACTIVE");
            assertThat(before.at("/criteria/budgetMax").asString()).isEqualTo("80000000.00");
            assertThat(EventJson.mapper().readTree(paused.out()).at("/state/status").asString()).isEqualTo("PAUSED");
            assertThat(unknown.exitCode()).isNotZero();
        }
    }
}
