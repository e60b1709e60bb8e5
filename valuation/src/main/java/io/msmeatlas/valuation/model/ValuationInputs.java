package io.msmeatlas.valuation.model;

import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A listing's details as the valuation sees them, tidied and encoded with {@link CodeTables}: what
 * the model's features and the rules are computed from. Amounts are rupees; optional figures are null
 * when the listing does not give them. {@code inputsHash} is the SHA-256 of the canonical form of
 * exactly these inputs (see {@link InputsReader}).
 */
public record ValuationInputs(
        String sectorCode,
        String section,
        SectorGroup group,
        String state,
        String city,
        int locationTier,
        Category udyamCategory,
        Integer fiscalYear,
        BigDecimal revenue,
        BigDecimal earnings,
        EarningsKind earningsKind,
        Double revenueGrowth,
        Integer yearsInOperation,
        Integer employees,
        BigDecimal assets,
        BigDecimal debt,
        String inputsHash) implements ReadResult {

    /** Earnings over revenue; null without revenue. */
    public Double earningsMargin() {
        return revenue.signum() == 0 ? null : earnings.divide(revenue, MathContext.DECIMAL64).doubleValue();
    }

    /** The same business with other earnings (what-if and the monotonicity property). */
    public ValuationInputs withEarnings(BigDecimal other) {
        return new ValuationInputs(sectorCode, section, group, state, city, locationTier, udyamCategory, fiscalYear,
                revenue, other, earningsKind, revenueGrowth, yearsInOperation, employees, assets, debt, inputsHash);
    }
}
