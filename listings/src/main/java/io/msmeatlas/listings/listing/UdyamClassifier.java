package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Udyam category of an enterprise (Ministry of MSME). Composite criteria: an enterprise is in
 * the lowest category whose investment limit and turnover limit it both does not exceed, so it moves
 * up as soon as it exceeds either limit. Limits are "not exceeding", in rupees. Turnover excludes
 * exports. Which limits apply depends on the day of classification:
 * <ul>
 *   <li>"2020", S.O. 2119(E) of 26 June 2020: investment 1 / 10 / 50 crore, turnover 5 / 50 / 250 crore;</li>
 *   <li>"2025", S.O. 1364(E) of 21 March 2025, from 1 April 2025: investment 2.5 / 25 / 125 crore,
 *       turnover 10 / 100 / 500 crore.</li>
 * </ul>
 */
final class UdyamClassifier {

    static final LocalDate REVISION_2025 = LocalDate.of(2025, 4, 1);

    /** What an enterprise can exceed. */
    enum Criterion {
        INVESTMENT, TURNOVER
    }

    private record Limits(String version, BigDecimal[] investment, BigDecimal[] turnover) {
    }

    private static final BigDecimal CRORE = new BigDecimal("10000000");
    private static final Limits RULES_2020 = new Limits("2020", crore("1", "10", "50"), crore("5", "50", "250"));
    private static final Limits RULES_2025 = new Limits("2025", crore("2.5", "25", "125"), crore("10", "100", "500"));

    /** Beyond the medium limits on {@code exceeded}: not an MSME. */
    static final class NotAnMsme extends RuntimeException {

        private final Set<Criterion> exceeded;

        NotAnMsme(Set<Criterion> exceeded, String ruleVersion) {
            super("Exceeds the Udyam medium limit (" + ruleVersion + " rules) on " + exceeded);
            this.exceeded = Set.copyOf(exceeded);
        }

        Set<Criterion> exceeded() {
            return exceeded;
        }
    }

    private UdyamClassifier() {
    }

    /**
     * Classifies by investment in plant and machinery (or equipment) and turnover (net of exports)
     * under the rules in force on {@code on}.
     *
     * @throws NotAnMsme when either exceeds the medium limit
     */
    static UdyamClassification classify(BigDecimal investment, BigDecimal turnover, LocalDate on) {
        Limits limits = on.isBefore(REVISION_2025) ? RULES_2020 : RULES_2025;
        int byInvestment = tier(investment, limits.investment());
        int byTurnover = tier(turnover, limits.turnover());
        Set<Criterion> exceeded = EnumSet.noneOf(Criterion.class);
        if (byInvestment == Category.values().length) {
            exceeded.add(Criterion.INVESTMENT);
        }
        if (byTurnover == Category.values().length) {
            exceeded.add(Criterion.TURNOVER);
        }
        if (!exceeded.isEmpty()) {
            throw new NotAnMsme(exceeded, limits.version());
        }
        return new UdyamClassification(Category.values()[Math.max(byInvestment, byTurnover)], limits.version(),
                investment, turnover);
    }

    /** The index of the first category whose limit {@code amount} does not exceed; the number of categories if none. */
    private static int tier(BigDecimal amount, BigDecimal[] limits) {
        for (int i = 0; i < limits.length; i++) {
            if (amount.compareTo(limits[i]) <= 0) {
                return i;
            }
        }
        return limits.length;
    }

    private static BigDecimal[] crore(String micro, String small, String medium) {
        return new BigDecimal[] {new BigDecimal(micro).multiply(CRORE), new BigDecimal(small).multiply(CRORE),
                new BigDecimal(medium).multiply(CRORE)};
    }
}
