package io.msmeatlas.valuation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msmeatlas.valuation.ListingSamples;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the model cannot score, the rules value the listing; unusable details stay unusable. */
class FallbackTest {

    private final InputsReader reader = new InputsReader(CodeTables.current());

    private ValuationInputs read(String ebitda) {
        return (ValuationInputs) reader.read(ListingSamples.withEbitda(ebitda), ListingSamples.CLASSIFICATION);
    }

    @Test
    void without_a_model_every_listing_is_valued_by_the_rules_sector_multiple_times_earnings() {
        Valuer valuer = new Valuer(null, "native library missing");

        Estimate estimate = (Estimate) valuer.value(read("12000000"));

        // Manufacturing SDE multiple 3.03 × ₹1.2 crore = ₹3.64 crore; the band is ÷ and × √2.
        assertThat(estimate.method()).isEqualTo("rules:1");
        assertThat(estimate.mid()).isEqualByComparingTo("36400000");
        assertThat(estimate.low()).isEqualByComparingTo("25700000");
        assertThat(estimate.high()).isEqualByComparingTo("51400000");
        assertThat(estimate.fallbackReason()).isEqualTo("native library missing");
        assertThat(estimate.reasons()).extracting(r -> r.text())
                .containsExactly("Manufacturing businesses sell for about 3.03× earnings: EBITDA of ₹1.2 crore");
    }

    @Test
    void small_or_negative_earnings_are_valued_at_the_revenue_floor() {
        Estimate estimate = new RuleBook().value(read("-2000000"), "test");

        // Half the manufacturing revenue multiple 0.73 × revenue ₹8.4 crore.
        assertThat(estimate.mid()).isEqualByComparingTo("30700000");
        assertThat(estimate.reasons().get(0).feature()).isEqualTo("revenue");
    }

    @Test
    void the_rules_never_lower_the_value_for_more_earnings() {
        RuleBook rules = new RuleBook();
        BigDecimal previous = BigDecimal.ZERO;
        for (long ebitda = -5_000_000; ebitda <= 60_000_000; ebitda += 500_000) {
            BigDecimal mid = rules.value(read(Long.toString(ebitda)), "test").mid();
            assertThat(mid).isGreaterThanOrEqualTo(previous);
            previous = mid;
        }
    }

    @Test
    void inputs_outside_the_models_training_domain_are_valued_by_the_rules() {
        Valuer valuer = new Valuer(ValuationModel.fromClasspath("model", 1), null);

        Estimate inDomain = (Estimate) valuer.value(read("9500000"));
        // A 95% margin: no synthetic business was ever that profitable.
        Estimate outside = (Estimate) valuer.value(read("80000000"));

        assertThat(inDomain.method()).startsWith("xgboost:");
        assertThat(outside.method()).isEqualTo("rules:1");
        assertThat(outside.fallbackReason()).isEqualTo("earnings margin outside the model's range");
    }

    @Test
    void unusable_details_are_not_valued_at_all() {
        Valuer valuer = new Valuer(null, "no model");
        Outcome outcome = valuer.valueAll(List.of(reader.read(ListingSamples.withoutEarnings(), null))).get(0);
        assertThat(outcome).isEqualTo(new Unusable(Unusable.NO_EARNINGS, "The latest fiscal year has neither EBITDA nor SDE."));
    }

    @Test
    void a_model_that_is_missing_or_for_other_encodings_does_not_load() {
        assertThatThrownBy(() -> ValuationModel.fromClasspath("no-such-model", 1))
                .isInstanceOf(ValuationModel.ModelUnavailable.class).hasMessageContaining("no-such-model");
    }
}
