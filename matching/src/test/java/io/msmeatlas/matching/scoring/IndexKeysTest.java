package io.msmeatlas.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.matching.reference.IndianStates;
import io.msmeatlas.matching.reference.Nic2008;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The candidate index never misses a match: whenever a listing passes a profile's hard criteria, the
 * profile shares a key with the listing in every dimension (so the index lookup finds it).
 */
public class IndexKeysTest {

    private static final List<String> CODES = List.copyOf(Nic2008.all().keySet());
    private static final List<String> STATES = IndianStates.all();
    private static final List<String> CITIES = List.of("Pune", "Kochi", "Surat", "Mumbai", "Nagpur", "Indore");

    @Test
    void every_profile_that_passes_the_hard_criteria_shares_a_key_in_every_dimension() {
        Random random = new Random(20261125);
        int passed = 0;
        for (int i = 0; i < 20_000; i++) {
            BuyerCriteria criteria = criteria(random);
            ListingFacts listing = listing(random);
            if (MatchScorer.passesHardCriteria(criteria, listing)) {
                passed++;
                assertThat(IndexKeys.sectorKeys(criteria)).containsAnyElementsOf(IndexKeys.sectorKeys(listing));
                assertThat(IndexKeys.regionKeys(criteria)).containsAnyElementsOf(IndexKeys.regionKeys(listing));
                assertThat(IndexKeys.budgetBands(criteria)).contains(IndexKeys.band(listing.askingPrice()));
                assertThat(IndexKeys.matchKeys(criteria)).containsAnyElementsOf(IndexKeys.matchKeys(listing));
            }
        }
        assertThat(passed).as("enough pairs pass to make the check meaningful").isGreaterThan(200);
    }

    @Test
    void a_profile_is_indexed_under_every_combination_it_accepts_and_a_listing_looked_up_under_six() {
        BuyerCriteria criteria = new BuyerCriteria(List.of("25", "28", "J"), List.of("Kerala"), List.of("Pune"), null,
                new BigDecimal("300000"), null, null, null, null, null, null, null);
        ListingFacts listing = listing(new Random(1));

        assertThat(IndexKeys.matchKeys(criteria)).containsExactlyInAnyOrder(
                "C|Kerala|0", "C|Kerala|1", "C|city:pune|0", "C|city:pune|1",
                "J|Kerala|0", "J|Kerala|1", "J|city:pune|0", "J|city:pune|1");
        assertThat(IndexKeys.matchKeys(listing)).hasSize(6)
                .contains("*|*|" + IndexKeys.band(listing.askingPrice()));
    }

    @Test
    void budget_bands_double_in_width_from_one_lakh() {
        assertThat(IndexKeys.band(new BigDecimal("150000"))).isZero();
        assertThat(IndexKeys.band(new BigDecimal("199999.99"))).isZero();
        assertThat(IndexKeys.band(new BigDecimal("200000"))).isEqualTo(1);
        assertThat(IndexKeys.band(new BigDecimal("65000000"))).isEqualTo(9);
        assertThat(IndexKeys.band(new BigDecimal("999999999999999.99"))).isEqualTo(33);
    }

    @Test
    void a_profile_covers_the_bands_up_to_ten_percent_over_its_budget() {
        BuyerCriteria criteria = new BuyerCriteria(null, null, null, new BigDecimal("20000000"),
                new BigDecimal("60000000"), null, null, null, null, null, null, null);

        assertThat(IndexKeys.budgetBands(criteria)).containsExactly(7, 8, 9);
    }

    public static BuyerCriteria criteria(Random random) {
        List<String> sectors = random.nextInt(5) == 0 ? List.of() : pick(random, CODES, 1 + random.nextInt(3));
        List<String> states = random.nextInt(6) == 0 ? List.of() : pick(random, STATES, 1 + random.nextInt(3));
        List<String> cities = random.nextInt(3) == 0 ? pick(random, CITIES, 1) : List.of();
        long max = 1_000_000L * (1 + random.nextInt(200));
        BigDecimal min = random.nextBoolean() ? null : BigDecimal.valueOf(max / (2 + random.nextInt(8)));
        List<DealType> deals = random.nextInt(3) == 0 ? List.of(DealType.values()[random.nextInt(4)]) : List.of();
        return new BuyerCriteria(sectors, states, cities, min, BigDecimal.valueOf(max), null, null, null, null,
                List.of(), deals, BuyerType.values()[random.nextInt(3)]);
    }

    public static ListingFacts listing(Random random) {
        Nic2008.Code code = Nic2008.all().get(CODES.get(random.nextInt(CODES.size())));
        String city = CITIES.get(random.nextInt(CITIES.size()));
        long revenue = 1_000_000L * (1 + random.nextInt(500));
        return new ListingFacts("l-" + random.nextInt(1_000_000), "s", "t", code.code(), code.name(), code.section(), code.sectionName(),
                STATES.get(random.nextInt(STATES.size())), city, BigDecimal.valueOf(100_000L * (1 + random.nextInt(3000))),
                BigDecimal.valueOf(revenue), BigDecimal.valueOf(revenue / 10 - random.nextInt(1_000_000)),
                Category.values()[random.nextInt(3)], DealType.values()[random.nextInt(4)]);
    }

    private static List<String> pick(Random random, List<String> from, int count) {
        List<String> copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, count));
    }
}
