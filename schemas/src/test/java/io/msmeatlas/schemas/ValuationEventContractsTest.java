package io.msmeatlas.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.valuation.ValuationCompleted;
import io.msmeatlas.schemas.valuation.ValuationEvent;
import io.msmeatlas.schemas.valuation.ValuationFailed;
import io.msmeatlas.schemas.valuation.ValuationOverridden;
import io.msmeatlas.schemas.valuation.ValuationReason;
import io.msmeatlas.schemas.valuation.ValuationReason.Effect;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuationEventContractsTest {

    private static final String LISTING_ID = "7d4c8b1e-2f5a-4c3e-9b1d-0a6e5f4d3c2b";
    private static final String HASH = "9f2c4e1b7a3d5f60812c4e9b0a7d3f5e6c1b2a4d8e0f9a7c5b3d1e2f4a6c8b0d";
    private static final List<ValuationEvent> SAMPLES = List.of(
            new ValuationCompleted(LISTING_ID, 3, new BigDecimal("41200000"), new BigDecimal("52800000"),
                    new BigDecimal("66100000"), "INR", "xgboost:1.0.0",
                    List.of(new ValuationReason("earnings", Effect.RAISES, "EBITDA of ₹95 lakh raises the value")),
                    HASH, "3f1e0c59-4d1a-4b7e-8c55-6a1f2d3e4b5c"),
            new ValuationCompleted(LISTING_ID, 1, new BigDecimal("700000"), new BigDecimal("1000000"),
                    new BigDecimal("1400000"), "INR", "rules:1", List.of(), HASH, null),
            new ValuationFailed(LISTING_ID, 1, "NO_EARNINGS", "The latest fiscal year has neither EBITDA nor SDE.",
                    "0b7c2d9e-1a3f-4e5d-8c6b-7a9f0e1d2c3b"),
            new ValuationOverridden(LISTING_ID, 3, new BigDecimal("50000000.00"), "INR", "Valuer's report",
                    "admin-1"));

    private final EventSchemaValidator validator = new EventSchemaValidator();

    @Test
    void every_valuation_event_type_is_registered_on_the_valuation_context_with_a_schema_file() {
        for (Class<?> type : ValuationEvent.class.getPermittedSubclasses()) {
            EventContract contract = EventContracts.of(type);
            assertThat(contract.ceType()).isEqualTo("io.msmeatlas.valuation." + type.getSimpleName());
            assertThat(getClass().getClassLoader().getResource(contract.schemaResource()))
                    .as(contract.schemaResource()).isNotNull();
        }
    }

    @Test
    void every_sample_valuation_event_validates_and_round_trips_with_money_as_decimal_strings() {
        Arrays.stream(ValuationEvent.class.getPermittedSubclasses())
                .forEach(type -> assertThat(SAMPLES).as("a sample of " + type.getSimpleName()).anyMatch(type::isInstance));
        for (ValuationEvent event : SAMPLES) {
            EventContract contract = EventContracts.of(event.getClass());
            assertThat(validator.violations(contract, EventJson.write(event))).as(event.toString()).isEmpty();
            assertThat(EventJson.read(EventJson.write(event), contract.ceType())).isEqualTo(event);
        }
        assertThat(new String(EventJson.write(SAMPLES.get(0)), StandardCharsets.UTF_8))
                .contains("\"mid\":\"52800000\"").contains("\"listingVersion\":3");
    }

    @Test
    void a_range_as_json_numbers_or_an_unknown_method_breaks_the_contract() {
        EventContract contract = EventContracts.of(ValuationCompleted.class);
        String json = """
                {"listingId":"l-1","listingVersion":1,"low":1,"mid":"2","high":"3","currency":"INR",
                 "method":"guess:1","reasons":[],"inputsHash":"%s"}""".formatted(HASH);
        assertThat(String.join("\n", validator.violations(contract, json.getBytes(StandardCharsets.UTF_8))))
                .contains("low").contains("method");
    }
}
