package io.msmeatlas.valuation.model;

import java.math.BigDecimal;

/**
 * The sector groups of the valuation, one per sector row of the BizBuySell multiples in
 * {@code domain-facts.md}, with those multiples. The order is the model's one-hot order: never
 * reorder or insert; a new group is a new encodings version and a retrained model.
 *
 * @param revenueMultiple BizBuySell average sale price / revenue, Q1 2021–Q4 2025
 * @param sdeMultiple BizBuySell average sale price / seller's discretionary earnings, same period
 */
public enum SectorGroup {
    MANUFACTURING("Manufacturing", "0.73", "3.03"),
    FOOD("Food and hospitality", "0.42", "2.24"),
    RETAIL("Retail", "0.54", "2.61"),
    SERVICE("Services", "0.82", "2.59"),
    ONLINE_TECH("Online and technology", "1.09", "3.33"),
    WHOLESALE("Wholesale", "0.55", "2.91"),
    TRANSPORT("Transport", "0.63", "1.97");

    private final String label;
    private final BigDecimal revenueMultiple;
    private final BigDecimal sdeMultiple;

    SectorGroup(String label, String revenueMultiple, String sdeMultiple) {
        this.label = label;
        this.revenueMultiple = new BigDecimal(revenueMultiple);
        this.sdeMultiple = new BigDecimal(sdeMultiple);
    }

    public String label() {
        return label;
    }

    public BigDecimal revenueMultiple() {
        return revenueMultiple;
    }

    public BigDecimal sdeMultiple() {
        return sdeMultiple;
    }

    /** The one-hot feature name. */
    public String featureName() {
        return "sector_" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
