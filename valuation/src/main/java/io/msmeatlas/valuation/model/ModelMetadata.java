package io.msmeatlas.valuation.model;

import java.util.List;
import java.util.Map;

/**
 * What the training command records beside a model artifact ({@code valuation-model.json}): its
 * version, the encodings and features it expects, how it was trained, its held-out metrics and the
 * range of inputs it has seen.
 */
public record ModelMetadata(
        String version,
        String encodings,
        List<String> features,
        String monotoneConstraints,
        List<Double> quantiles,
        String target,
        Training training,
        Metrics metrics,
        Domain domain) {

    /**
     * @param seed the data generator's and XGBoost's seed; the same seed regenerates the same data
     * @param holdoutFraction the share of generated listings held out from training, the last ones
     */
    public record Training(long seed, int samples, double holdoutFraction, int rounds, Map<String, String> params,
            String library, String dataCard) {
    }

    /**
     * Held-out figures. {@code mape}: mean absolute percentage error of mid against the true value;
     * {@code r2Log}: R² of ln(mid) against ln(value); {@code coverage}: the share of true values
     * within [low, high], the p10–p90 range, so about 0.8 when calibrated. {@code oracleMape} and
     * {@code oracleMedianApe}: the same errors of the synthetic market's own price before noise, the
     * best any model could do.
     */
    public record Metrics(int holdoutSamples, double mape, double medianApe, double r2Log, double r2, double coverage,
            double belowLow, double aboveHigh, double oracleMape, double oracleMedianApe) {
    }

    /** The inputs the model was trained on: outside these it does not score and the rules value instead. */
    public record Domain(double revenueMin, double revenueMax, double marginMin, double marginMax,
            int maxYearsInOperation) {
    }
}
