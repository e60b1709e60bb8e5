package io.msmeatlas.schemas.listing;

import java.math.BigDecimal;

/**
 * The listing's Udyam category as derived when the event was recorded, with the notification whose
 * thresholds were applied ({@code "2020"}: S.O. 2119(E); {@code "2025"}: S.O. 1364(E), from
 * 2025-04-01) and the inputs it used, so that a classification stays explainable after a revision.
 * Amounts are in rupees; {@code turnover} excludes exports.
 */
public record UdyamClassification(Category category, String ruleVersion, BigDecimal investment,
        BigDecimal turnover) {

    public enum Category {
        MICRO, SMALL, MEDIUM
    }
}
