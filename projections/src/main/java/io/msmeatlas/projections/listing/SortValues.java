package io.msmeatlas.projections.listing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Sort values as fixed-width ASCII text whose byte order is the values' order, so that an index
 * key range scan returns listings in sort order. A missing value is {@value #NULL}, which sorts after
 * every present value ({@code '~'} is above the digits and letters used here); queries put nulls
 * last in both directions by scanning the null section separately.
 */
final class SortValues {

    static final String NULL = "~";

    /** Above the first character of every present value, below {@link #NULL}. */
    static final String PRESENT_END = "}";

    /** Significant digits kept of a decimal; money has at most 17 (15 integer + 2 fraction). */
    static final int DIGITS = 24;
    static final int DECIMAL_WIDTH = 1 + 4 + DIGITS;
    static final int TIME_WIDTH = 16 + 8;

    private static final int EXPONENT_BIAS = 5000;
    private static final int MAX_EXPONENT = 9999;
    private static final String ZERO = "1" + "0".repeat(4 + DIGITS);

    private SortValues() {
    }

    /**
     * A decimal: a sign character ({@code 0} negative, {@code 1} zero, {@code 2} positive), the biased
     * decimal exponent of its leading digit (4 digits) and its significant digits left-aligned and
     * zero-padded; for negatives the exponent and digits are complemented so that larger magnitudes
     * sort first. Digits beyond {@value #DIGITS} are truncated, which keeps the order monotonic (equal
     * encodings then fall back to the listing id); filters compare the exact values.
     */
    static String decimal(BigDecimal value) {
        if (value == null) {
            return NULL;
        }
        int signum = value.signum();
        if (signum == 0) {
            return ZERO;
        }
        BigDecimal magnitude = value.abs().stripTrailingZeros();
        String digits = magnitude.unscaledValue().toString();
        long exponent = (long) digits.length() - magnitude.scale() - 1;
        int biased = (int) Math.max(0, Math.min(MAX_EXPONENT, exponent + EXPONENT_BIAS));
        String mantissa = digits.length() >= DIGITS ? digits.substring(0, DIGITS)
                : digits + "0".repeat(DIGITS - digits.length());
        if (signum > 0) {
            return "2" + fourDigits(biased) + mantissa;
        }
        StringBuilder complement = new StringBuilder(DIGITS);
        for (int i = 0; i < mantissa.length(); i++) {
            complement.append((char) ('9' - mantissa.charAt(i) + '0'));
        }
        return "0" + fourDigits(MAX_EXPONENT - biased) + complement;
    }

    /** An instant: its epoch second with the sign bit flipped (16 hex digits), then its nanoseconds (8). */
    static String instant(Instant value) {
        if (value == null) {
            return NULL;
        }
        return String.format("%016x%08x", value.getEpochSecond() ^ Long.MIN_VALUE, value.getNano());
    }

    static boolean isDecimal(String encoded) {
        if (encoded.equals(NULL)) {
            return true;
        }
        if (encoded.length() != DECIMAL_WIDTH || "012".indexOf(encoded.charAt(0)) < 0) {
            return false;
        }
        return encoded.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    static boolean isInstant(String encoded) {
        return encoded.equals(NULL) || encoded.length() == TIME_WIDTH
                && encoded.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    private static String fourDigits(int value) {
        String text = Integer.toString(value);
        return "0".repeat(4 - text.length()) + text;
    }
}
