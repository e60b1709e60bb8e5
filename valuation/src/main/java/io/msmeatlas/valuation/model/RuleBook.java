package io.msmeatlas.valuation.model;

import io.msmeatlas.schemas.valuation.ValuationReason;
import io.msmeatlas.schemas.valuation.ValuationReason.Effect;
import java.util.List;

/**
 * The rule-based valuation, for when the model cannot score: the sector's SDE multiple × earnings,
 * never below a revenue floor of half the sector's revenue multiple × revenue (BizBuySell sector
 * multiples, {@link SectorGroup}). The range is the centre ÷ and × √2: the ratio of the Indian rule
 * of thumb's 2–4× earnings band around its geometric centre. Monotone in earnings by construction.
 */
public final class RuleBook {

    public static final String VERSION = "1";
    public static final String METHOD = "rules:" + VERSION;
    static final double FLOOR_SHARE = 0.5;
    private static final double SPREAD = Math.sqrt(2);

    public Estimate value(ValuationInputs in, String fallbackReason) {
        SectorGroup group = in.group();
        double byEarnings = group.sdeMultiple().doubleValue() * Math.max(0, in.earnings().doubleValue());
        double floor = FLOOR_SHARE * group.revenueMultiple().doubleValue() * in.revenue().doubleValue();
        double mid = Math.max(byEarnings, floor);
        ValuationReason reason = byEarnings >= floor
                ? new ValuationReason(Features.EARNINGS, Effect.RAISES, group.label() + " businesses sell for about "
                        + group.sdeMultiple() + "× earnings: " + in.earningsKind() + " of " + Rupees.format(in.earnings()))
                : new ValuationReason(Features.REVENUE, Effect.RAISES, "Revenue floor: " + FLOOR_SHARE + " × the "
                        + group.label().toLowerCase(java.util.Locale.ROOT) + " revenue multiple of "
                        + group.revenueMultiple() + " × revenue of " + Rupees.format(in.revenue()));
        return Estimate.of(mid / SPREAD, mid, mid * SPREAD, METHOD, List.of(reason), in.inputsHash(), fallbackReason);
    }
}
