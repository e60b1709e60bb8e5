package io.msmeatlas.valuation.model;

/**
 * Details that cannot be valued: {@code code} for programs (as in {@code ValuationFailed}), and a
 * {@code reason} the seller can act on.
 */
public record Unusable(String code, String reason) implements ReadResult, Outcome {

    public static final String NOT_INR = "NOT_INR";
    public static final String UNKNOWN_SECTOR = "UNKNOWN_SECTOR";
    public static final String UNKNOWN_STATE = "UNKNOWN_STATE";
    public static final String NO_FINANCIALS = "NO_FINANCIALS";
    public static final String NO_REVENUE = "NO_REVENUE";
    public static final String NO_EARNINGS = "NO_EARNINGS";
}
