package io.msmeatlas.valuation.model;

import io.msmeatlas.schemas.valuation.ValuationReason;
import io.msmeatlas.schemas.valuation.ValuationReason.Effect;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the model's SHAP contributions for one listing (XGBoost {@code predictContrib} on the median,
 * in ln(value) units) into sentences: the few inputs that moved the value most, largest first. SHAP
 * values compare with the model's average business, so each sentence says so: "EBITDA of ₹95 lakh
 * lowers the value compared with the average MSME" means a typical training business earns more,
 * not that more EBITDA would lower the value (it never does). The one-hot sector columns count as
 * one input, "sector".
 */
final class Reasons {

    static final int MAX = 4;
    static final String COMPARED = " compared with the average MSME";
    /** Below this (about 1% of the value) an input is not worth a sentence. */
    private static final double NEGLIGIBLE = 0.01;

    private Reasons() {
    }

    /** {@code contributions}: one per feature in {@link Features#NAMES} order, then the bias. */
    static List<ValuationReason> from(ValuationInputs inputs, float[] contributions, int offset) {
        Map<String, Double> byInput = new LinkedHashMap<>();
        for (int i = 0; i < Features.count(); i++) {
            String name = Features.NAMES.get(i);
            String input = name.startsWith("sector_") ? "sector" : name;
            byInput.merge(input, (double) contributions[offset + i], Double::sum);
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(byInput.entrySet());
        ranked.removeIf(e -> Math.abs(e.getValue()) < NEGLIGIBLE || !Double.isFinite(e.getValue()));
        ranked.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        return ranked.stream().limit(MAX)
                .map(e -> reason(inputs, e.getKey(), e.getValue() > 0 ? Effect.RAISES : Effect.LOWERS))
                .map(r -> new ValuationReason(r.feature(), r.effect(), r.text() + COMPARED))
                .toList();
    }

    static ValuationReason reason(ValuationInputs in, String input, Effect effect) {
        String verb = effect == Effect.RAISES ? "raises" : "lowers";
        String verbPlural = effect == Effect.RAISES ? "raise" : "lower";
        String text = switch (input) {
            case "sector" -> "The " + in.group().label().toLowerCase(Locale.ROOT) + " sector (NIC " + in.sectorCode() + ") "
                    + verb + " the value";
            case Features.LOCATION_TIER -> (in.locationTier() == 1 ? "A tier-1 city (" + in.city() + ")"
                    : "The location (" + in.state() + ", tier " + in.locationTier() + ")") + " " + verb + " the value";
            case Features.UDYAM_CATEGORY -> "Udyam category " + in.udyamCategory() + " " + verb + " the value";
            case Features.REVENUE -> "Revenue of " + Rupees.format(in.revenue()) + " " + verb + " the value";
            case Features.EARNINGS -> (in.earnings().signum() < 0 ? "A loss (" + in.earningsKind() + " of "
                    + Rupees.format(in.earnings()) + ")" : in.earningsKind() + " of " + Rupees.format(in.earnings()))
                    + " " + verb + " the value";
            case Features.EARNINGS_MARGIN -> in.earningsMargin() == null ? "No revenue to measure a margin against "
                    + verb + " the value" : "An " + in.earningsKind() + " margin of " + percent(in.earningsMargin()) + " "
                    + verb + " the value";
            case Features.REVENUE_GROWTH -> in.revenueGrowth() == null
                    ? "Unknown revenue growth (one year of figures) " + verb + " the value"
                    : "Revenue growth of " + percent(in.revenueGrowth()) + " a year " + verb + " the value";
            case Features.YEARS_IN_OPERATION -> in.yearsInOperation() == null ? "An unknown year of establishment "
                    + verb + " the value" : in.yearsInOperation() + (in.yearsInOperation() == 1 ? " year in operation "
                    + verb : " years in operation " + verbPlural) + " the value";
            case Features.EMPLOYEES -> in.employees() == null ? "An unknown number of employees " + verb + " the value"
                    : in.employees() + (in.employees() == 1 ? " employee " + verb : " employees " + verbPlural) + " the value";
            case Features.ASSETS -> in.assets() == null ? "Unknown assets " + verbPlural + " the value"
                    : "Assets of " + Rupees.format(in.assets()) + " " + verbPlural + " the value";
            case Features.DEBT -> in.debt() == null ? "Unknown debt " + verb + " the value"
                    : (in.debt().signum() == 0 ? "No debt " + verb : "Debt of " + Rupees.format(in.debt()) + " " + verb)
                    + " the value";
            default -> throw new IllegalArgumentException("No sentence for " + input);
        };
        return new ValuationReason(input, effect, text);
    }

    private static String percent(double fraction) {
        return new BigDecimal(fraction * 100).setScale(0, java.math.RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
