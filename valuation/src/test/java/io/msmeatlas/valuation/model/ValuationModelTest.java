package io.msmeatlas.valuation.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.valuation.ListingSamples;
import io.msmeatlas.valuation.training.ModelEvaluation;
import io.msmeatlas.valuation.training.SyntheticListings;
import io.msmeatlas.valuation.training.SyntheticListings.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed model: it loads, scores deterministically, keeps its sanity properties and its card's word. */
class ValuationModelTest {

    private static ValuationModel model;
    private static List<Sample> holdout;

    @BeforeAll
    static void load() {
        model = ValuationModel.fromClasspath("model", 1);
        ModelMetadata m = model.metadata();
        holdout = SyntheticListings.holdout(SyntheticListings.generate(m.training().seed(), m.training().samples()),
                m.training().holdoutFraction());
    }

    private static ValuationInputs sample() {
        return (ValuationInputs) new InputsReader(CodeTables.current()).read(ListingSamples.DETAILS,
                ListingSamples.CLASSIFICATION);
    }

    @Test
    void the_committed_model_loads_with_this_builds_encodings_and_features() {
        assertThat(model.method()).isEqualTo("xgboost:" + model.metadata().version());
        assertThat(model.metadata().encodings()).isEqualTo(CodeTables.VERSION);
        assertThat(model.metadata().features()).isEqualTo(Features.NAMES);
        assertThat(model.metadata().quantiles()).containsExactly(0.1, 0.5, 0.9);
    }

    @Test
    void the_same_inputs_always_get_the_same_range_alone_or_in_a_batch() {
        ValuationInputs pune = sample();
        Estimate first = model.score(List.of(pune), true).get(0);
        Estimate again = model.score(List.of(pune), true).get(0);
        List<ValuationInputs> batch = new ArrayList<>(holdout.subList(0, 99).stream().map(Sample::inputs).toList());
        batch.add(40, pune);
        Estimate inBatch = model.score(batch, true).get(40);

        assertThat(again).isEqualTo(first);
        assertThat(inBatch).isEqualTo(first);
        assertThat(ValuationModel.fromClasspath("model", 2).score(List.of(pune), true).get(0)).isEqualTo(first);
    }

    @Test
    void the_sample_shop_is_valued_in_a_plausible_range_with_reasons_in_words() {
        Estimate estimate = model.score(List.of(sample()), true).get(0);

        // EBITDA ₹95 lakh: between the rule-of-thumb 2× and a generous 8×.
        assertThat(estimate.mid()).isBetween(new BigDecimal("19000000"), new BigDecimal("76000000"));
        assertThat(estimate.low()).isLessThan(estimate.mid());
        assertThat(estimate.high()).isGreaterThan(estimate.mid());
        assertThat(estimate.reasons()).isNotEmpty().hasSizeLessThanOrEqualTo(Reasons.MAX);
        assertThat(estimate.reasons()).allSatisfy(r -> assertThat(r.text()).endsWith(" the value compared with the average MSME"));
        assertThat(estimate.reasons()).filteredOn(r -> r.feature().equals("earnings")).singleElement()
                .satisfies(r -> assertThat(r.text()).startsWith("EBITDA of ₹95 lakh "));
        assertThat(estimate.inputsHash()).matches("[0-9a-f]{64}");
    }

    @Test
    void low_is_never_above_mid_nor_mid_above_high() {
        List<Estimate> estimates = model.score(holdout.stream().map(Sample::inputs).toList(), false);
        assertThat(estimates).hasSize(holdout.size()).allSatisfy(e -> {
            assertThat(e.low()).isLessThanOrEqualTo(e.mid());
            assertThat(e.mid()).isLessThanOrEqualTo(e.high());
        });
    }

    @Test
    void more_ebitda_all_else_equal_never_lowers_any_end_of_the_range() {
        List<ValuationInputs> businesses = holdout.subList(0, 300).stream().map(Sample::inputs).toList();
        for (ValuationInputs business : businesses) {
            double revenue = business.revenue().doubleValue();
            List<ValuationInputs> ladder = new ArrayList<>();
            // From a loss of 15% of revenue to a 43% margin: the model's domain.
            for (int step = 0; step <= 28; step++) {
                ladder.add(business.withEarnings(BigDecimal.valueOf(Math.round(revenue * (-0.15 + 0.02 * step)))));
            }
            List<Estimate> estimates = model.score(ladder, false);
            for (int i = 1; i < estimates.size(); i++) {
                Estimate less = estimates.get(i - 1);
                Estimate more = estimates.get(i);
                String where = business + " step " + i;
                assertThat(more.low()).as(where).isGreaterThanOrEqualTo(less.low());
                assertThat(more.mid()).as(where).isGreaterThanOrEqualTo(less.mid());
                assertThat(more.high()).as(where).isGreaterThanOrEqualTo(less.high());
            }
        }
    }

    @Test
    void the_held_out_metrics_and_coverage_in_the_card_are_what_the_committed_model_scores() throws IOException {
        ModelMetadata.Metrics recomputed = ModelEvaluation.evaluate(model, holdout);

        assertThat(recomputed).isEqualTo(model.metadata().metrics());
        // Calibrated: about 80% of true values inside the p10–p90 range.
        assertThat(recomputed.coverage()).isBetween(0.75, 0.85);
        assertThat(recomputed.belowLow()).isBetween(0.05, 0.15);
        assertThat(recomputed.aboveHigh()).isBetween(0.05, 0.15);
        assertThat(card()).contains(String.format(Locale.ROOT, "**%.4f**", recomputed.coverage()))
                .contains(String.format(Locale.ROOT, "| %.4f |", recomputed.mape()));
    }

    private static String card() throws IOException {
        try (InputStream in = ValuationModelTest.class.getClassLoader().getResourceAsStream("model/MODEL_CARD.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
