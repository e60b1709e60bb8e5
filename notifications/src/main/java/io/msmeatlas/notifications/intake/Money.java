package io.msmeatlas.notifications.intake;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rupee amounts as people in India read them: in crore or lakh above those. */
final class Money {

    private static final BigDecimal CRORE = new BigDecimal("10000000");
    private static final BigDecimal LAKH = new BigDecimal("100000");

    private Money() {
    }

    static String inr(BigDecimal amount) {
        if (amount == null) {
            return "an undisclosed amount";
        }
        BigDecimal magnitude = amount.abs();
        if (magnitude.compareTo(CRORE) >= 0) {
            return "₹" + amount.divide(CRORE, 2, RoundingMode.HALF_UP).toPlainString() + " crore";
        }
        if (magnitude.compareTo(LAKH) >= 0) {
            return "₹" + amount.divide(LAKH, 2, RoundingMode.HALF_UP).toPlainString() + " lakh";
        }
        return "₹" + amount.setScale(0, RoundingMode.HALF_UP).toPlainString();
    }
}
