package io.msmeatlas.valuation.valuation;

import java.math.BigDecimal;

/** An administrator's valuation: {@code value} in rupees (a decimal, as a JSON string or number) and why. */
record OverrideRequest(BigDecimal value, String note) {
}
