package io.msmeatlas.valuation.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The model's features, in column order, and how {@link ValuationInputs} become one row of them.
 * Unknown optional figures are NaN, which XGBoost treats as missing. The order is part of the
 * model: a change is a new model version.
 *
 * <p>Monotone constraints: {@code earnings} and {@code earnings_margin} are +1, so more earnings
 * (with revenue fixed, both go up) never lowers any predicted quantile.
 */
public final class Features {

    public static final String EARNINGS = "earnings";
    public static final String EARNINGS_MARGIN = "earnings_margin";
    public static final String LOCATION_TIER = "location_tier";
    public static final String UDYAM_CATEGORY = "udyam_category";
    public static final String REVENUE = "revenue";
    public static final String REVENUE_GROWTH = "revenue_growth";
    public static final String YEARS_IN_OPERATION = "years_in_operation";
    public static final String EMPLOYEES = "employees";
    public static final String ASSETS = "assets";
    public static final String DEBT = "debt";

    /** Column names: one-hot sector groups in {@link SectorGroup} order, then the rest. */
    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (SectorGroup group : SectorGroup.values()) {
            names.add(group.featureName());
        }
        names.addAll(List.of(LOCATION_TIER, UDYAM_CATEGORY, REVENUE, EARNINGS, EARNINGS_MARGIN, REVENUE_GROWTH,
                YEARS_IN_OPERATION, EMPLOYEES, ASSETS, DEBT));
        NAMES = List.copyOf(names);
    }

    private Features() {
    }

    /** What a feature is, for the model card and {@code GET /api/valuation/model}. */
    public static String description(String name) {
        if (name.startsWith("sector_")) {
            return "1 if the NIC 2008 code maps to this sector group (code table sector-groups-v" + CodeTables.VERSION
                    + ".csv), else 0";
        }
        return switch (name) {
            case LOCATION_TIER -> "1 tier-1 city, 2 other, 3 special category state or island territory (location-tiers-v"
                    + CodeTables.VERSION + ".csv, tier1-cities-v" + CodeTables.VERSION + ".csv)";
            case UDYAM_CATEGORY -> "Udyam category: 0 micro, 1 small, 2 medium (the listing's classification, "
                    + "else the 2025 composite rule)";
            case REVENUE -> "latest fiscal year's revenue, rupees";
            case EARNINGS -> "latest fiscal year's EBITDA, or SDE when EBITDA is not given, rupees (monotone +1)";
            case EARNINGS_MARGIN -> "earnings / revenue (monotone +1)";
            case REVENUE_GROWTH -> "compound annual revenue growth over the years given; missing with one year";
            case YEARS_IN_OPERATION -> "latest fiscal year − year established; missing if not given";
            case EMPLOYEES -> "employees; missing if not given";
            case ASSETS -> "total assets, rupees; missing if not given";
            case DEBT -> "debt, rupees; missing if not given";
            default -> throw new IllegalArgumentException("No feature " + name);
        };
    }

    public static int count() {
        return NAMES.size();
    }

    public static int index(String name) {
        int index = NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No feature " + name);
        }
        return index;
    }

    /** XGBoost's {@code monotone_constraints}: +1 for earnings and margin, 0 elsewhere. */
    public static String monotoneConstraints() {
        return NAMES.stream().map(n -> n.equals(EARNINGS) || n.equals(EARNINGS_MARGIN) ? "1" : "0")
                .collect(Collectors.joining(",", "(", ")"));
    }

    /** Writes the row of {@code inputs} into {@code matrix} at {@code row} (row-major, {@link #count()} columns). */
    public static void write(ValuationInputs inputs, float[] matrix, int row) {
        int at = row * count();
        for (SectorGroup group : SectorGroup.values()) {
            matrix[at + group.ordinal()] = inputs.group() == group ? 1f : 0f;
        }
        int next = at + SectorGroup.values().length;
        matrix[next++] = inputs.locationTier();
        matrix[next++] = inputs.udyamCategory().ordinal();
        matrix[next++] = amount(inputs.revenue());
        matrix[next++] = amount(inputs.earnings());
        matrix[next++] = number(inputs.earningsMargin());
        matrix[next++] = number(inputs.revenueGrowth());
        matrix[next++] = number(inputs.yearsInOperation());
        matrix[next++] = number(inputs.employees());
        matrix[next++] = amount(inputs.assets());
        matrix[next] = amount(inputs.debt());
    }

    public static float[] row(ValuationInputs inputs) {
        float[] row = new float[count()];
        write(inputs, row, 0);
        return row;
    }

    private static float amount(BigDecimal amount) {
        return amount == null ? Float.NaN : amount.floatValue();
    }

    private static float number(Number value) {
        return value == null ? Float.NaN : value.floatValue();
    }
}
