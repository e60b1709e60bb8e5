package io.msmeatlas.valuation.training;

import io.msmeatlas.valuation.model.Estimate;
import io.msmeatlas.valuation.model.ModelMetadata;
import io.msmeatlas.valuation.model.ValuationInputs;
import io.msmeatlas.valuation.model.ValuationModel;
import io.msmeatlas.valuation.training.SyntheticListings.Sample;
import java.util.Arrays;
import java.util.List;

/**
 * Held-out metrics of a model, on the ranges it serves (sorted and rounded, as in the events):
 * MAPE and median APE of mid, R² of ln(mid) and of mid, and how often the true value falls inside
 * [low, high] (the p10–p90 range: 0.8 when calibrated), below it and above it; and, for scale, the
 * MAPE and median APE of the synthetic market's noise-free price (the irreducible error). Every held-out
 * listing is scored by the model, including the few outside its training domain.
 */
public final class ModelEvaluation {

    private ModelEvaluation() {
    }

    public static ModelMetadata.Metrics evaluate(ValuationModel model, List<Sample> holdout) {
        List<ValuationInputs> inputs = holdout.stream().map(Sample::inputs).toList();
        List<Estimate> estimates = model.score(inputs, false);
        int n = holdout.size();
        double[] ape = new double[n];
        double[] oracle = new double[n];
        double sumLog = 0;
        double sumValue = 0;
        int inside = 0;
        int below = 0;
        int above = 0;
        for (int i = 0; i < n; i++) {
            double value = holdout.get(i).value();
            Estimate estimate = estimates.get(i);
            double mid = estimate.mid().doubleValue();
            ape[i] = Math.abs(mid - value) / value;
            oracle[i] = Math.abs(holdout.get(i).price() - value) / value;
            sumLog += Math.log(value);
            sumValue += value;
            if (value < estimate.low().doubleValue()) {
                below++;
            } else if (value > estimate.high().doubleValue()) {
                above++;
            } else {
                inside++;
            }
        }
        double meanLog = sumLog / n;
        double meanValue = sumValue / n;
        double residualLog = 0;
        double totalLog = 0;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double value = holdout.get(i).value();
            double mid = estimates.get(i).mid().doubleValue();
            residualLog += square(Math.log(mid) - Math.log(value));
            totalLog += square(Math.log(value) - meanLog);
            residual += square(mid - value);
            total += square(value - meanValue);
        }
        return new ModelMetadata.Metrics(n, round(mean(ape)), round(median(ape)),
                round(1 - residualLog / totalLog), round(1 - residual / total), round((double) inside / n),
                round((double) below / n), round((double) above / n), round(mean(oracle)), round(median(oracle)));
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double square(double x) {
        return x * x;
    }

    /** Four decimals: what the model card shows and the test compares. */
    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}
