package io.msmeatlas.valuation.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Amounts as Indians write them: ₹45,000, ₹9.5 lakh, ₹8.4 crore. */
public final class Rupees {

    private static final BigDecimal LAKH = new BigDecimal("100000");
    private static final BigDecimal CRORE = new BigDecimal("10000000");

    private Rupees() {
    }

    public static String format(BigDecimal amount) {
        String sign = amount.signum() < 0 ? "−" : "";
        BigDecimal value = amount.abs();
        if (value.compareTo(CRORE) >= 0) {
            return sign + "₹" + figure(value.divide(CRORE), value.compareTo(CRORE.multiply(BigDecimal.TEN)) >= 0 ? 1 : 2)
                    + " crore";
        }
        if (value.compareTo(LAKH) >= 0) {
            return sign + "₹" + figure(value.divide(LAKH), 1) + " lakh";
        }
        return sign + "₹" + String.format(Locale.ROOT, "%,d", value.setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }

    private static String figure(BigDecimal value, int decimals) {
        return value.setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
