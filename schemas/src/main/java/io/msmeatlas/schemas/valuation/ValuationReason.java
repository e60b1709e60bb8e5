package io.msmeatlas.schemas.valuation;

/**
 * One input's effect on a valuation: which {@code feature}, whether it {@code RAISES} or
 * {@code LOWERS} the value against the model's average business, and a sentence for people
 * ("EBITDA of ₹95 lakh raises the value").
 */
public record ValuationReason(String feature, Effect effect, String text) {

    public enum Effect {
        RAISES, LOWERS
    }
}
