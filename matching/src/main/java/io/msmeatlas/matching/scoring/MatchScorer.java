package io.msmeatlas.matching.scoring;

import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import io.msmeatlas.schemas.match.MatchFactor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How well a listing fits a buyer profile: a weighted sum that says why (matching/README.md has the
 * table). First the hard criteria: the listing's sector, region, asking price (up to
 * {@value #BUDGET_TOLERANCE_PERCENT}% over budget) and deal type must be ones the buyer accepts, else
 * it is no match at all. Then seven factors each score how well they fit, from 0 to 1000, and
 * contribute {@code weight × fit / 1000} points (per mille); the score is their sum, and a pair at or
 * above the threshold is proposed. Weights follow the peer platforms' model (industry 0.25, budget
 * 0.20, size 0.15, location 0.15, risk 0.10, timeline 0.10, strategic fit 0.05) with risk measured as
 * profitability and timeline, which listings do not carry, replaced by the deal type.
 *
 * <p>Integer arithmetic throughout: the same inputs give the same score on every run and machine.
 */
public final class MatchScorer {

    public static final int BUDGET_TOLERANCE_PERCENT = 10;

    static final int INDUSTRY = 250;
    static final int BUDGET = 200;
    static final int SIZE = 150;
    static final int LOCATION = 150;
    static final int PROFITABILITY = 100;
    static final int DEAL_TYPE = 100;
    static final int STRATEGIC_FIT = 50;

    private static final int FULL = 1000;
    private static final int NEUTRAL = 500;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final int thresholdPerMille;

    /** @param threshold the lowest score (0 to 1) that is proposed */
    public MatchScorer(BigDecimal threshold) {
        this.thresholdPerMille = threshold.movePointRight(3).setScale(0, RoundingMode.CEILING).intValueExact();
        if (thresholdPerMille < 0 || thresholdPerMille > FULL) {
            throw new IllegalArgumentException("The threshold is between 0 and 1: " + threshold);
        }
    }

    /** A match at or above the threshold, or empty. */
    public Optional<Score> score(BuyerCriteria criteria, ListingFacts listing) {
        return evaluate(criteria, listing).filter(score -> score.perMille() >= thresholdPerMille);
    }

    /** The score whatever the threshold, or empty when a hard criterion excludes the listing. */
    public Optional<Score> evaluate(BuyerCriteria criteria, ListingFacts listing) {
        if (!passesHardCriteria(criteria, listing)) {
            return Optional.empty();
        }
        List<Factor> factors = List.of(
                industry(criteria, listing),
                budget(criteria, listing),
                size(criteria, listing),
                location(criteria, listing),
                profitability(listing),
                dealType(criteria, listing),
                strategicFit(criteria, listing));
        return Optional.of(Score.of(factors));
    }

    /** The most a profile with this budget accepts: budgetMax plus the tolerance. */
    public static BigDecimal highestAcceptablePrice(BigDecimal budgetMax) {
        return budgetMax.multiply(BigDecimal.valueOf(100 + BUDGET_TOLERANCE_PERCENT)).divide(HUNDRED);
    }

    static boolean passesHardCriteria(BuyerCriteria criteria, ListingFacts listing) {
        return sectorAccepted(criteria, listing) && regionAccepted(criteria, listing)
                && priceAccepted(criteria, listing) && dealTypeAccepted(criteria, listing);
    }

    private static boolean sectorAccepted(BuyerCriteria criteria, ListingFacts listing) {
        return criteria.sectors().isEmpty()
                || has(IndexKeys.sectorKeys(criteria), listing.section());
    }

    private static boolean regionAccepted(BuyerCriteria criteria, ListingFacts listing) {
        if (criteria.states().isEmpty() && criteria.cities().isEmpty()) {
            return true;
        }
        return has(criteria.states(), listing.state()) || sameCity(criteria, listing);
    }

    private static boolean priceAccepted(BuyerCriteria criteria, ListingFacts listing) {
        BigDecimal price = listing.askingPrice();
        return price != null && (criteria.budgetMin() == null || price.compareTo(criteria.budgetMin()) >= 0)
                && price.compareTo(highestAcceptablePrice(criteria.budgetMax())) <= 0;
    }

    private static boolean dealTypeAccepted(BuyerCriteria criteria, ListingFacts listing) {
        return criteria.dealTypes().isEmpty() || has(criteria.dealTypes(), listing.dealType());
    }

    private static boolean sameCity(BuyerCriteria criteria, ListingFacts listing) {
        return listing.city() != null && criteria.cities().stream()
                .anyMatch(city -> IndexKeys.cityKey(city).equals(IndexKeys.cityKey(listing.city())));
    }

    private static Factor industry(BuyerCriteria criteria, ListingFacts listing) {
        if (criteria.sectors().isEmpty()) {
            return new Factor("industry", INDUSTRY, NEUTRAL, "open to any sector");
        }
        if (has(criteria.sectors(), listing.sectorCode())) {
            return new Factor("industry", INDUSTRY, FULL, "sector match: " + listing.sectorName());
        }
        if (has(criteria.sectors(), listing.section())) {
            return new Factor("industry", INDUSTRY, 800, "sector match: " + listing.sectionName());
        }
        return new Factor("industry", INDUSTRY, NEUTRAL, "related sector: " + listing.sectionName());
    }

    private static Factor budget(BuyerCriteria criteria, ListingFacts listing) {
        return listing.askingPrice().compareTo(criteria.budgetMax()) <= 0
                ? new Factor("budget", BUDGET, FULL, "within budget")
                : new Factor("budget", BUDGET, NEUTRAL, "slightly above budget");
    }

    /** Revenue, EBITDA and Udyam category, each fitting or not; their mean. */
    private static Factor size(BuyerCriteria criteria, ListingFacts listing) {
        List<Factor> parts = new ArrayList<>(3);
        if (criteria.revenueMin() != null || criteria.revenueMax() != null) {
            parts.add(range("revenue", listing.revenue(), criteria.revenueMin(), criteria.revenueMax()));
        }
        if (criteria.ebitdaMin() != null || criteria.ebitdaMax() != null) {
            parts.add(range("EBITDA", listing.ebitda(), criteria.ebitdaMin(), criteria.ebitdaMax()));
        }
        if (!criteria.classifications().isEmpty()) {
            parts.add(classification(criteria.classifications(), listing.classification()));
        }
        if (parts.isEmpty()) {
            return new Factor("size", SIZE, NEUTRAL, "no size preference");
        }
        int fit = parts.stream().mapToInt(Factor::fit).sum() / parts.size();
        return new Factor("size", SIZE, fit, String.join("; ", parts.stream().map(Factor::reason).toList()));
    }

    private static Factor range(String what, BigDecimal value, BigDecimal min, BigDecimal max) {
        if (value == null) {
            return new Factor(what, 0, NEUTRAL, what + " not stated");
        }
        if (min != null && value.compareTo(min) < 0) {
            return new Factor(what, 0, 0, what + " below range");
        }
        if (max != null && value.compareTo(max) > 0) {
            return new Factor(what, 0, 0, what + " above range");
        }
        return new Factor(what, 0, FULL, what + " within range");
    }

    private static Factor classification(List<Category> wanted, Category category) {
        if (category == null) {
            return new Factor("udyam", 0, NEUTRAL, "Udyam category not stated");
        }
        return wanted.contains(category)
                ? new Factor("udyam", 0, FULL, "Udyam " + category + " as wanted")
                : new Factor("udyam", 0, 0, "Udyam " + category + " not wanted");
    }

    private static Factor location(BuyerCriteria criteria, ListingFacts listing) {
        if (sameCity(criteria, listing)) {
            return new Factor("location", LOCATION, FULL, "same city: " + listing.city());
        }
        if (has(criteria.states(), listing.state())) {
            return new Factor("location", LOCATION, 800, "same state: " + listing.state());
        }
        return new Factor("location", LOCATION, NEUTRAL, "open to any location");
    }

    /** Risk, read from the latest year's EBITDA margin. */
    private static Factor profitability(ListingFacts listing) {
        Optional<Integer> margin = marginPercent(listing);
        if (margin.isEmpty()) {
            return new Factor("profitability", PROFITABILITY, NEUTRAL, "profitability not stated");
        }
        int percent = margin.get();
        if (percent >= 10) {
            return new Factor("profitability", PROFITABILITY, FULL, "profitable: EBITDA margin " + percent + "%");
        }
        if (listing.ebitda().signum() > 0) {
            return new Factor("profitability", PROFITABILITY, 600, "thin margin: EBITDA margin " + percent + "%");
        }
        return new Factor("profitability", PROFITABILITY, 0, "loss-making: EBITDA margin " + percent + "%");
    }

    private static Factor dealType(BuyerCriteria criteria, ListingFacts listing) {
        return criteria.dealTypes().isEmpty()
                ? new Factor("dealType", DEAL_TYPE, NEUTRAL, "open to any deal type")
                : new Factor("dealType", DEAL_TYPE, FULL, "deal type wanted: " + listing.dealType());
    }

    private static Factor strategicFit(BuyerCriteria criteria, ListingFacts listing) {
        BuyerType type = criteria.buyerType();
        if (type == null) {
            return new Factor("strategicFit", STRATEGIC_FIT, 0, "buyer type not stated");
        }
        return switch (type) {
            case STRATEGIC -> has(criteria.sectors(), listing.sectorCode())
                    ? new Factor("strategicFit", STRATEGIC_FIT, FULL, "strategic fit: same industry")
                    : new Factor("strategicFit", STRATEGIC_FIT, 0, "strategic buyer, other industry");
            case FINANCIAL -> marginPercent(listing).filter(percent -> percent >= 15).isPresent()
                    ? new Factor("strategicFit", STRATEGIC_FIT, FULL, "financial fit: EBITDA margin 15% or more")
                    : new Factor("strategicFit", STRATEGIC_FIT, 0, "financial buyer, margin under 15%");
            case INDIVIDUAL -> listing.classification() == Category.MICRO || listing.classification() == Category.SMALL
                    ? new Factor("strategicFit", STRATEGIC_FIT, FULL,
                            "owner-operator size: " + listing.classification().name().toLowerCase(Locale.ROOT))
                    : new Factor("strategicFit", STRATEGIC_FIT, 0, "large for an individual buyer");
        };
    }

    /** The latest year's EBITDA as a whole percentage of revenue (rounded down), when both are known. */
    private static Optional<Integer> marginPercent(ListingFacts listing) {
        if (listing.ebitda() == null || listing.revenue() == null || listing.revenue().signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(listing.ebitda().multiply(HUNDRED).divide(listing.revenue(), 0, RoundingMode.FLOOR)
                .intValue());
    }

    /** One factor: its weight (per mille of the score) and fit (per mille of the weight). */
    record Factor(String name, int weight, int fit, String reason) {

        int points() {
            return weight * fit / FULL;
        }

        MatchFactor contract() {
            return new MatchFactor(name, decimal(weight), decimal(points()), reason);
        }
    }

    /**
     * A match's score (0 to 1, per mille), its factors (whose points add up to it) and its reasons: the
     * factors that contributed, most points first.
     */
    public record Score(int perMille, List<MatchFactor> factors, List<String> reasons) {

        static Score of(List<Factor> factors) {
            int total = factors.stream().mapToInt(Factor::points).sum();
            List<String> reasons = factors.stream()
                    .filter(factor -> factor.points() > 0)
                    .sorted(Comparator.comparingInt(Factor::points).reversed())
                    .map(Factor::reason)
                    .toList();
            return new Score(total, factors.stream().map(Factor::contract).toList(), reasons);
        }

        public BigDecimal value() {
            return decimal(perMille);
        }
    }

    /** Immutable lists refuse to look for null; an absent value is simply not in the list. */
    private static boolean has(List<?> list, Object value) {
        return value != null && list.contains(value);
    }

    /** Per mille as a decimal with three places: 825 is 0.825. */
    static BigDecimal decimal(int perMille) {
        return BigDecimal.valueOf(perMille, 3);
    }
}
