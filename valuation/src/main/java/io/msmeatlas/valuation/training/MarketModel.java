package io.msmeatlas.valuation.training;

import io.msmeatlas.valuation.model.SectorGroup;
import io.msmeatlas.valuation.model.ValuationInputs;
import java.util.EnumMap;
import java.util.Map;

/**
 * The synthetic market's price for a business: what the training data's values are drawn around
 * (the data card explains each step and its source). Earnings-based value uses the sector's SDE
 * multiple for small earnings, rising to the sector's public EV/EBITDA less a 60% private-company
 * discount for large ones; it never falls below a revenue floor or an asset floor; debt is
 * deducted (a full sale of the company); the value is then drawn with multiplicative noise that is
 * wider for smaller businesses. Increasing in earnings, so the model's monotone constraint is true
 * of the data. {@link StrictMath} so the same seed gives the same data on every JVM.
 */
final class MarketModel {

    /** Damodaran EV/EBITDA, January 2026, US public firms, per group (see the data card for the mapping). */
    static final Map<SectorGroup, Double> PUBLIC_EV_EBITDA = new EnumMap<>(Map.of(
            SectorGroup.MANUFACTURING, (6.43 + 10.30 + 10.01 + 16.22 + 13.36) / 5,
            SectorGroup.FOOD, 17.49,
            SectorGroup.RETAIL, (17.38 + 8.94) / 2,
            SectorGroup.SERVICE, 9.26,
            SectorGroup.ONLINE_TECH, 24.48,
            SectorGroup.WHOLESALE, 8.94,
            SectorGroup.TRANSPORT, 10.41));
    static final double PRIVATE_DISCOUNT = 0.6;
    /** Earnings from which the multiple starts rising (₹50 lakh) and at which it reaches the large-firm one (₹25 crore). */
    static final double SMALL_EARNINGS = 5e6;
    static final double LARGE_EARNINGS = 2.5e8;
    static final double REVENUE_FLOOR_SHARE = 0.5;
    static final double ASSET_FLOOR_SHARE = 0.4;
    static final double MIN_EQUITY_SHARE = 0.25;

    private MarketModel() {
    }

    /** How far the earnings are from small (0) to large (1), on a log scale. */
    static double size(double earnings) {
        if (earnings <= SMALL_EARNINGS) {
            return 0;
        }
        double s = (StrictMath.log10(earnings) - StrictMath.log10(SMALL_EARNINGS))
                / (StrictMath.log10(LARGE_EARNINGS) - StrictMath.log10(SMALL_EARNINGS));
        return Math.min(1, s);
    }

    static double earningsMultiple(SectorGroup group, double earnings) {
        double small = group.sdeMultiple().doubleValue();
        double large = PUBLIC_EV_EBITDA.get(group) * (1 - PRIVATE_DISCOUNT);
        return small + size(earnings) * (large - small);
    }

    static double tierFactor(int tier) {
        return tier == 1 ? 1.10 : tier == 3 ? 0.90 : 1.0;
    }

    static double ageFactor(int years) {
        return years < 3 ? 0.80 : years < 5 ? 0.90 : 1.0;
    }

    /** Owner-dependent businesses (under five people) sell at a discount. */
    static double staffFactor(int employees) {
        return employees < 5 ? 0.85 : 1.0;
    }

    static double growthFactor(double growth) {
        return StrictMath.exp(0.8 * Math.max(-0.3, Math.min(0.5, growth)));
    }

    /** The noise's standard deviation in ln(value): 0.35 for small earnings, 0.20 for large. */
    static double noise(double earnings) {
        return 0.35 - 0.15 * size(earnings);
    }

    /**
     * The expected price (before noise) of a business with these inputs, where {@code actual} holds
     * what the listing may not say (true age, staff, assets, debt).
     */
    static double price(ValuationInputs in, Hidden actual) {
        SectorGroup group = in.group();
        double earnings = in.earnings().doubleValue();
        double revenue = in.revenue().doubleValue();
        double tier = tierFactor(in.locationTier());
        double growth = in.revenueGrowth() == null ? 0 : in.revenueGrowth();
        double byEarnings = earnings <= 0 ? 0 : earningsMultiple(group, earnings) * earnings * growthFactor(growth)
                * ageFactor(actual.yearsInOperation()) * staffFactor(actual.employees()) * tier;
        double byRevenue = REVENUE_FLOOR_SHARE * group.revenueMultiple().doubleValue() * revenue * tier;
        double byAssets = ASSET_FLOOR_SHARE * actual.assets();
        double enterprise = Math.max(byEarnings, Math.max(byRevenue, byAssets));
        return Math.max(enterprise - actual.debt(), MIN_EQUITY_SHARE * enterprise);
    }

    /** The true figures behind a listing, some of which the listing may leave out. */
    record Hidden(int yearsInOperation, int employees, double assets, double debt) {
    }
}
