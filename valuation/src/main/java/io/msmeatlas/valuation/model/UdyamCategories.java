package io.msmeatlas.valuation.model;

import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;

/**
 * The Udyam category by the composite rule of S.O. 1364(E) (in force from 2025-04-01), for inputs
 * that do not carry the listing service's classification (a what-if estimate, a listing upcast from
 * v1): the higher of the category by investment and by turnover. Beyond the medium limits it stays
 * MEDIUM: the valuation does not police who may list.
 */
final class UdyamCategories {

    private static final BigDecimal CRORE = new BigDecimal("10000000");
    private static final BigDecimal[] INVESTMENT = {new BigDecimal("2.5").multiply(CRORE), new BigDecimal("25").multiply(CRORE)};
    private static final BigDecimal[] TURNOVER = {new BigDecimal("10").multiply(CRORE), new BigDecimal("100").multiply(CRORE)};

    private UdyamCategories() {
    }

    static Category of(BigDecimal investment, BigDecimal turnover) {
        int byInvestment = investment == null ? 0 : level(investment, INVESTMENT);
        int byTurnover = turnover == null ? 0 : level(turnover, TURNOVER);
        return Category.values()[Math.max(byInvestment, byTurnover)];
    }

    private static int level(BigDecimal amount, BigDecimal[] limits) {
        int level = 0;
        while (level < limits.length && amount.compareTo(limits[level]) > 0) {
            level++;
        }
        return level;
    }
}
