package io.msmeatlas.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import io.msmeatlas.schemas.match.MatchFactor;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the scoring model on its own. */
class MatchScorerTest {

    private static final ListingFacts CNC = new ListingFacts("l-1", "s-1", "CNC shop", "25",
            "Manufacture of fabricated metal products, except machinery and equipment", "C", "Manufacturing",
            "Maharashtra", "Pune", new BigDecimal("65000000"), new BigDecimal("84000000"), new BigDecimal("9500000"),
            Category.SMALL, DealType.FULL_SALE);

    private final MatchScorer scorer = new MatchScorer(BigDecimal.ZERO);

    private static BuyerCriteria wants(List<String> sectors, List<String> states, String budgetMax) {
        return new BuyerCriteria(sectors, states, List.of(), null, new BigDecimal(budgetMax), null, null, null, null,
                List.of(), List.of(), null);
    }

    private MatchFactor factor(BuyerCriteria criteria, ListingFacts listing, String name) {
        return scorer.evaluate(criteria, listing).orElseThrow().factors().stream()
                .filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void a_listing_outside_the_buyers_sectors_regions_budget_or_deal_types_is_no_match_at_all() {
        assertThat(scorer.evaluate(wants(List.of("J"), List.of(), "70000000"), CNC)).isEmpty();
        assertThat(scorer.evaluate(wants(List.of(), List.of("Kerala"), "70000000"), CNC)).isEmpty();
        assertThat(scorer.evaluate(wants(List.of(), List.of(), "59000000"), CNC)).isEmpty();
        assertThat(scorer.evaluate(new BuyerCriteria(null, null, null, new BigDecimal("66000000"),
                new BigDecimal("90000000"), null, null, null, null, null, null, null), CNC)).isEmpty();
        assertThat(scorer.evaluate(new BuyerCriteria(null, null, null, null, new BigDecimal("70000000"), null, null,
                null, null, null, List.of(DealType.ASSET_SALE), null), CNC)).isEmpty();
    }

    @Test
    void up_to_ten_percent_over_budget_is_a_match_with_half_the_budget_points() {
        MatchFactor budget = factor(wants(List.of(), List.of(), "59090910"), CNC, "budget");

        assertThat(budget.points()).isEqualByComparingTo("0.100");
        assertThat(budget.reason()).isEqualTo("slightly above budget");
    }

    @Test
    void the_industry_fit_is_highest_for_the_division_then_the_section_then_a_sibling_division() {
        assertThat(factor(wants(List.of("25"), List.of(), "70000000"), CNC, "industry").points())
                .isEqualByComparingTo("0.250");
        assertThat(factor(wants(List.of("C"), List.of(), "70000000"), CNC, "industry").points())
                .isEqualByComparingTo("0.200");
        MatchFactor sibling = factor(wants(List.of("28"), List.of(), "70000000"), CNC, "industry");
        assertThat(sibling.points()).isEqualByComparingTo("0.125");
        assertThat(sibling.reason()).isEqualTo("related sector: Manufacturing");
        assertThat(factor(wants(List.of(), List.of(), "70000000"), CNC, "industry").reason())
                .isEqualTo("open to any sector");
    }

    @Test
    void the_same_city_beats_the_same_state_which_beats_anywhere() {
        BuyerCriteria city = new BuyerCriteria(null, null, List.of("PUNE"), null, new BigDecimal("70000000"), null,
                null, null, null, null, null, null);
        assertThat(factor(city, CNC, "location").reason()).isEqualTo("same city: Pune");
        assertThat(factor(city, CNC, "location").points()).isEqualByComparingTo("0.150");
        assertThat(factor(wants(List.of(), List.of("Maharashtra"), "70000000"), CNC, "location").points())
                .isEqualByComparingTo("0.120");
        assertThat(factor(wants(List.of(), List.of(), "70000000"), CNC, "location").points())
                .isEqualByComparingTo("0.075");
    }

    @Test
    void profitability_reads_the_latest_margin_and_says_so() {
        ListingFacts thin = withEbitda("2000000");
        ListingFacts losing = withEbitda("-100");
        ListingFacts unknown = withEbitda(null);
        BuyerCriteria any = wants(List.of(), List.of(), "70000000");

        assertThat(factor(any, CNC, "profitability").reason()).isEqualTo("profitable: EBITDA margin 11%");
        assertThat(factor(any, thin, "profitability").reason()).isEqualTo("thin margin: EBITDA margin 2%");
        assertThat(factor(any, thin, "profitability").points()).isEqualByComparingTo("0.060");
        assertThat(factor(any, losing, "profitability").points()).isEqualByComparingTo("0");
        assertThat(factor(any, unknown, "profitability").reason()).isEqualTo("profitability not stated");
    }

    @Test
    void size_is_the_mean_of_the_size_criteria_the_buyer_gave() {
        BuyerCriteria criteria = new BuyerCriteria(null, null, null, null, new BigDecimal("70000000"),
                new BigDecimal("90000000"), null, null, new BigDecimal("5000000"), List.of(Category.SMALL), null, null);

        MatchFactor size = factor(criteria, CNC, "size");

        // revenue below range (0), EBITDA above range (0), SMALL as wanted (1000): mean 333 of 150.
        assertThat(size.points()).isEqualByComparingTo("0.049");
        assertThat(size.reason()).isEqualTo("revenue below range; EBITDA above range; Udyam SMALL as wanted");
    }

    @Test
    void the_buyer_type_decides_what_strategic_fit_means() {
        BuyerCriteria strategic = new BuyerCriteria(List.of("25"), null, null, null, new BigDecimal("70000000"), null,
                null, null, null, null, null, BuyerType.STRATEGIC);
        BuyerCriteria financial = new BuyerCriteria(null, null, null, null, new BigDecimal("70000000"), null, null,
                null, null, null, null, BuyerType.FINANCIAL);
        BuyerCriteria individual = new BuyerCriteria(null, null, null, null, new BigDecimal("70000000"), null, null,
                null, null, null, null, BuyerType.INDIVIDUAL);

        assertThat(factor(strategic, CNC, "strategicFit").reason()).isEqualTo("strategic fit: same industry");
        assertThat(factor(financial, CNC, "strategicFit").reason()).isEqualTo("financial buyer, margin under 15%");
        assertThat(factor(individual, CNC, "strategicFit").reason()).isEqualTo("owner-operator size: small");
    }

    @Test
    void a_listing_without_a_sector_or_an_upcast_one_matches_only_buyers_open_to_any_sector() {
        ListingFacts old = new ListingFacts("l-0", "s-1", "Old listing", null, "Bakery", null, null, "Kerala", "Kochi",
                new BigDecimal("1500000"), null, null, null, DealType.ASSET_SALE);

        assertThat(scorer.evaluate(wants(List.of("C"), List.of(), "2000000"), old)).isEmpty();
        assertThat(scorer.evaluate(wants(List.of(), List.of(), "2000000"), old)).isPresent();
    }

    @Test
    void the_threshold_is_between_zero_and_one() {
        assertThatThrownBy(() -> new MatchScorer(new BigDecimal("1.5"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static ListingFacts withEbitda(String ebitda) {
        return new ListingFacts(CNC.listingId(), CNC.sellerId(), CNC.title(), CNC.sectorCode(), CNC.sectorName(),
                CNC.section(), CNC.sectionName(), CNC.state(), CNC.city(), CNC.askingPrice(), CNC.revenue(),
                ebitda == null ? null : new BigDecimal(ebitda), CNC.classification(), CNC.dealType());
    }
}
