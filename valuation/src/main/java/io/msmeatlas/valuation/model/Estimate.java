package io.msmeatlas.valuation.model;

import io.msmeatlas.schemas.valuation.ValuationReason;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * A valuation range in rupees, {@code low ≤ mid ≤ high}, with the method that produced it
 * ({@code xgboost:<version>} or {@code rules:<version>}), the reasons and the inputs hash.
 * {@code fallbackReason} says why the rules valued it instead of the model (null for the model);
 * it is for logs and metrics, not the event.
 */
public record Estimate(BigDecimal low, BigDecimal mid, BigDecimal high, String method,
        List<ValuationReason> reasons, String inputsHash, String fallbackReason) implements Outcome {

    public static final String CURRENCY = "INR";
    private static final MathContext THREE_FIGURES = new MathContext(3, RoundingMode.HALF_EVEN);

    public Estimate {
        reasons = List.copyOf(reasons);
        if (low.compareTo(mid) > 0 || mid.compareTo(high) > 0) {
            throw new IllegalArgumentException("Not an ordered range: " + low + " " + mid + " " + high);
        }
    }

    /**
     * A range from three values in any order, sorted (quantile models can cross) and rounded to three
     * significant figures: more precision than that would be false. Never below one rupee.
     */
    static Estimate of(double a, double b, double c, String method, List<ValuationReason> reasons, String inputsHash,
            String fallbackReason) {
        double[] sorted = {a, b, c};
        java.util.Arrays.sort(sorted);
        return new Estimate(rupees(sorted[0]), rupees(sorted[1]), rupees(sorted[2]), method, reasons, inputsHash,
                fallbackReason);
    }

    static BigDecimal rupees(double value) {
        BigDecimal rounded = new BigDecimal(Math.max(value, 1.0)).round(THREE_FIGURES);
        return rounded.setScale(0, RoundingMode.HALF_EVEN);
    }
}
