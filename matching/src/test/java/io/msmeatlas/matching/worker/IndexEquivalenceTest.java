package io.msmeatlas.matching.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.infra.EmbeddedPostgresServer;
import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.matching.scoring.IndexKeysTest;
import io.msmeatlas.matching.scoring.ListingFacts;
import io.msmeatlas.matching.scoring.MatchScorer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The candidate index finds exactly the matches that scoring every profile finds, on a two thousand
 * random profiles in real PostgreSQL (a schema of its own), and the reverse lookup from a profile
 * finds exactly the live listings that match it.
 */
class IndexEquivalenceTest {

    private static final String SCHEMA = "matching_equivalence";
    private static JdbcTemplate jdbc;
    private static BuyerIndex buyers;
    private static ListingIndex listings;
    private static MatchingEngine engine;
    private static final MatchScorer SCORER = new MatchScorer(new BigDecimal("0.50"));

    @BeforeAll
    static void profilesInTheIndex() {
        String url = SharedInfrastructure.postgres().jdbcUrl();
        Flyway.configure().dataSource(url, EmbeddedPostgresServer.USER, "").schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration").cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(url, EmbeddedPostgresServer.USER, "").schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url + "?currentSchema=" + SCHEMA,
                EmbeddedPostgresServer.USER, "", true);
        jdbc = new JdbcTemplate(dataSource);
        buyers = new BuyerIndex(jdbc);
        listings = new ListingIndex(jdbc);
        engine = new MatchingEngine(buyers, listings, SCORER);
        Random random = new Random(7);
        List<ProfileRow> profiles = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            profiles.add(new ProfileRow("p-" + i, "b-" + i, i % 10 != 0, 0, "profile " + i,
                    IndexKeysTest.criteria(random), null));
        }
        buyers.saveAll(profiles);
    }

    @Test
    void matching_a_listing_through_the_index_finds_what_scoring_every_profile_finds() {
        Random random = new Random(11);
        int matched = 0;
        for (int i = 0; i < 40; i++) {
            ListingFacts listing = IndexKeysTest.listing(random);

            List<String> indexed = engine.forListing(listing).stream().map(Proposal::matchId).toList();
            List<String> bruteForce = engine.forListingBruteForce(listing).stream().map(Proposal::matchId).toList();

            assertThat(indexed).as("listing " + i).isEqualTo(bruteForce);
            matched += indexed.size();
        }
        assertThat(matched).as("the sample has matches to compare").isGreaterThan(20);
    }

    @Test
    void the_index_reads_a_small_share_of_the_profiles() {
        ListingFacts listing = IndexKeysTest.listing(new Random(3));
        int candidates = buyers.candidatesFor(listing).size();
        assertThat(candidates).isLessThan(3000 / 5);
    }

    @Test
    void a_profile_finds_exactly_the_live_listings_that_match_it() {
        Random random = new Random(5);
        for (int i = 0; i < 400; i++) {
            ListingFacts facts = IndexKeysTest.listing(random);
            String status = i % 4 == 0 ? "SOLD" : "PUBLISHED";
            listings.save(new ListingRow("listing-" + i, "seller", status, 2,
                    io.msmeatlas.matching.ListingEvents.details(facts.title(), facts.sectorCode(), facts.state(),
                            facts.city(), facts.askingPrice().toPlainString(), facts.revenue().toPlainString(),
                            facts.ebitda().toPlainString(), facts.dealType()),
                    io.msmeatlas.matching.ListingEvents.classification(facts.classification())));
        }
        List<ListingFacts> live = jdbc.query("select listing_id from listing_index where status = 'PUBLISHED'",
                (rs, n) -> listings.find(rs.getString(1)).orElseThrow().facts());
        Random profiles = new Random(9);
        int matched = 0;
        for (int i = 0; i < 60; i++) {
            BuyerCandidate profile = new BuyerCandidate("q-" + i, "b", IndexKeysTest.criteria(profiles));
            List<String> indexed = engine.forProfile(profile).stream().map(p -> p.listing().listingId()).toList();
            List<String> everyListing = live.stream()
                    .filter(listing -> SCORER.score(profile.criteria(), listing).isPresent())
                    .map(ListingFacts::listingId).sorted().toList();
            assertThat(indexed.stream().sorted().toList()).as("profile " + i).isEqualTo(everyListing);
            matched += indexed.size();
        }
        assertThat(matched).isGreaterThan(5);
    }
}
