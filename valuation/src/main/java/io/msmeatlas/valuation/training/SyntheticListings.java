package io.msmeatlas.valuation.training;

import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import io.msmeatlas.valuation.model.EarningsKind;
import io.msmeatlas.valuation.model.SectorGroup;
import io.msmeatlas.valuation.model.ValuationInputs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic training data: {@code samples} MSMEs drawn with a fixed seed, each with the inputs a
 * listing would give and a sale value from {@link MarketModel} with noise. The same seed and count
 * always give the same list (the data card describes every distribution). The last
 * {@code holdoutFraction} of the list is the held-out set.
 */
public final class SyntheticListings {

    /**
     * One business: what its listing says, the price it sells for ({@code value}), and the market
     * model's price before noise ({@code price}), which no model can beat on average.
     */
    public record Sample(ValuationInputs inputs, double value, double price) {
    }

    private static final SectorGroup[] GROUPS = SectorGroup.values();
    /** Share of each group, in {@link SectorGroup} order. */
    private static final double[] GROUP_WEIGHTS = {0.30, 0.10, 0.15, 0.20, 0.08, 0.10, 0.07};
    /** Typical EBITDA margin of each group, in {@link SectorGroup} order. */
    private static final double[] GROUP_MARGIN = {0.12, 0.10, 0.06, 0.18, 0.22, 0.04, 0.10};
    private static final String[] SECTION_OF_GROUP = {"C", "I", "G", "M", "J", "G", "H"};
    private static final String[] CODE_OF_GROUP = {"25", "56", "47", "70", "62", "46", "49"};
    private static final double[] TIER_WEIGHTS = {0.25, 0.65, 0.10};
    /** Revenue bands (rupees) by Udyam-2025 turnover limits, and their shares: micro, small, medium. */
    private static final double[][] REVENUE_BANDS = {{1e6, 1e8}, {1e8, 1e9}, {1e9, 5e9}};
    private static final double[] BAND_WEIGHTS = {0.55, 0.33, 0.12};
    private static final int LATEST_YEAR = 2025;

    private SyntheticListings() {
    }

    public static List<Sample> generate(long seed, int samples) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sample> data = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            data.add(sample(random));
        }
        return data;
    }

    /** The held-out part of {@link #generate}: its last {@code round(samples × fraction)} entries. */
    public static List<Sample> holdout(List<Sample> all, double fraction) {
        int size = (int) Math.round(all.size() * fraction);
        return all.subList(all.size() - size, all.size());
    }

    public static List<Sample> training(List<Sample> all, double fraction) {
        return all.subList(0, all.size() - holdout(all, fraction).size());
    }

    private static Sample sample(SplittableRandom random) {
        int g = pick(random, GROUP_WEIGHTS);
        SectorGroup group = GROUPS[g];
        int tier = pick(random, TIER_WEIGHTS) + 1;
        double[] band = REVENUE_BANDS[pick(random, BAND_WEIGHTS)];
        double revenue = round(StrictMath.exp(uniform(random, StrictMath.log(band[0]), StrictMath.log(band[1]))));
        double margin = random.nextDouble() < 0.07 ? -uniform(random, 0, 0.15)
                : clamp(GROUP_MARGIN[g] + 0.07 * gaussian(random), 0.01, 0.6);
        double earnings = round(revenue * margin);
        int years = pickYears(random);
        double growth = clamp(0.08 + 0.12 * gaussian(random), -0.4, 0.8);
        int age = (int) StrictMath.floor(StrictMath.exp(uniform(random, 0, StrictMath.log(46)))) - 1;
        int employees = (int) Math.max(1, Math.round(revenue / uniform(random, 1.5e6, 5e6)));
        double assets = round(revenue * uniform(random, 0.2, 1.2));
        double investment = round(assets * uniform(random, 0.15, 0.6));
        double debt = random.nextDouble() < 0.2 ? 0 : round(assets * uniform(random, 0, 0.7));
        boolean ageKnown = random.nextDouble() >= 0.05;
        boolean employeesKnown = random.nextDouble() >= 0.10;
        boolean assetsKnown = random.nextDouble() >= 0.15;
        boolean debtKnown = random.nextDouble() >= 0.15;
        double noise = gaussian(random);

        ValuationInputs inputs = new ValuationInputs(CODE_OF_GROUP[g], SECTION_OF_GROUP[g], group, null, null, tier,
                category(investment, revenue), LATEST_YEAR, money(revenue), money(earnings), EarningsKind.EBITDA,
                years > 1 ? growth : null, ageKnown ? age : null, employeesKnown ? employees : null,
                assetsKnown ? money(assets) : null, debtKnown ? money(debt) : null, "");
        MarketModel.Hidden actual = new MarketModel.Hidden(age, employees, assets, debt);
        double price = MarketModel.price(inputs, actual);
        double value = price * StrictMath.exp(MarketModel.noise(earnings) * noise);
        return new Sample(inputs, Math.max(value, 1e5), price);
    }

    /** Udyam 2025 composite rule, as the listings service classifies (exports are nil here). */
    private static Category category(double investment, double turnover) {
        int byInvestment = investment > 2.5e8 ? 2 : investment > 2.5e7 ? 1 : 0;
        int byTurnover = turnover > 1e9 ? 2 : turnover > 1e8 ? 1 : 0;
        return Category.values()[Math.max(byInvestment, byTurnover)];
    }

    /** 3 years of figures for 60%, 2 for 25%, 1 for 15% (one year: no growth figure). */
    private static int pickYears(SplittableRandom random) {
        double u = random.nextDouble();
        return u < 0.60 ? 3 : u < 0.85 ? 2 : 1;
    }

    private static int pick(SplittableRandom random, double[] weights) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (u < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** Box–Muller with StrictMath: the same numbers on every JVM. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double round(double rupees) {
        return Math.round(rupees / 1000.0) * 1000.0;
    }

    private static BigDecimal money(double rupees) {
        return BigDecimal.valueOf(rupees).setScale(0, RoundingMode.HALF_EVEN);
    }
}
