package io.msmeatlas.projections.match;

import static io.msmeatlas.projections.match.MatchEvents.accepted;
import static io.msmeatlas.projections.match.MatchEvents.interest;
import static io.msmeatlas.projections.match.MatchEvents.proposed;
import static io.msmeatlas.projections.match.MatchEvents.revealed;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.projections.cluster.FanOut;
import io.msmeatlas.projections.cluster.KeyedQuery;
import io.msmeatlas.projections.cluster.PeerClient;
import io.msmeatlas.projections.cluster.ProjectionCluster;
import io.msmeatlas.projections.cluster.ReadYourWrites;
import io.msmeatlas.schemas.match.MatchProposed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The matchmaking read API over the real projection and queries (a TopologyTestDriver's stores, one
 * instance holding the one partition): roles, who sees which match and how much of it, parameters.
 */
@WebMvcTest(MatchQueryController.class)
@Import(MatchQueryControllerTest.Stores.class)
class MatchQueryControllerTest {

    private static final Duration PATIENCE = Duration.ofMillis(200);
    private static final MatchProposed ACCEPTED = proposed("m-acc", "buyer-1", "lst-1", "seller-1", "0.800");
    private static final MatchProposed PENDING = proposed("m-pen", "buyer-1", "lst-2", "seller-1", "0.900");
    private static final MatchProposed OTHER = proposed("m-oth", "buyer-2", "lst-1", "seller-1", "0.700");

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private MatchDriver projection;

    private static boolean loaded;

    @BeforeAll
    static void reset() {
        loaded = false;
    }

    private void events() {
        if (!loaded) {
            projection.given(ACCEPTED, 0).given(interest(ACCEPTED), 1).given(accepted(ACCEPTED), 2)
                    .given(revealed(ACCEPTED), 3);
            projection.given(PENDING, 0).given(interest(PENDING), 1, MatchEvents.time(10));
            projection.given(OTHER, 0);
            projection.given(MatchEvents.profile("p-1", "buyer-1"), 0);
            loaded = true;
        }
    }

    private MvcTestResult get(String path, String user, String roles) {
        events();
        return mvc.get().uri(path).header("X-User-Id", user).header("X-User-Roles", roles).exchange();
    }

    @Test
    void a_buyer_lists_their_matches_best_first_with_money_as_decimal_strings() {
        MvcTestResult result = get("/api/matchmaking/matches/mine", "buyer-1", "BUYER");

        assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.items[*].matchId").isEqualTo(List.of("m-pen", "m-acc"));
        assertThat(result).bodyJson().extractingPath("$.items[0].listing.askingPrice").isEqualTo("65000000.00");
        assertThat(result).bodyJson().extractingPath("$.items[0].score").isEqualTo("0.900");
        assertThat(result).bodyJson().doesNotHavePath("$.nextCursor");
    }

    @Test
    void a_buyer_filters_by_the_step_of_the_deal_and_pages_with_a_cursor() {
        assertThat(get("/api/matchmaking/matches/mine?interest=accepted", "buyer-1", "BUYER")).bodyJson()
                .extractingPath("$.items[*].matchId").isEqualTo(List.of("m-acc"));
        MvcTestResult first = get("/api/matchmaking/matches/mine?limit=1", "buyer-1", "BUYER");
        assertThat(first).bodyJson().extractingPath("$.nextCursor").isNotNull();
        assertThat(get("/api/matchmaking/matches/mine?interest=maybe", "buyer-1", "BUYER")).hasStatus(400);
        assertThat(get("/api/matchmaking/matches/mine?limit=0", "buyer-1", "BUYER")).hasStatus(400);
        assertThat(get("/api/matchmaking/matches/mine?cursor=bm90LW1pbmU", "buyer-1", "BUYER")).hasStatus(400);
    }

    @Test
    void a_seller_lists_the_interests_received_newest_first_and_a_listings_matches() {
        assertThat(get("/api/matchmaking/interests/received", "seller-1", "SELLER")).bodyJson()
                .extractingPath("$.items[*].matchId").isEqualTo(List.of("m-pen", "m-acc"));
        assertThat(get("/api/matchmaking/interests/received?status=EXPRESSED", "seller-1", "SELLER")).bodyJson()
                .extractingPath("$.items[*].matchId").isEqualTo(List.of("m-pen"));
        assertThat(get("/api/matchmaking/listings/lst-1/matches", "seller-1", "SELLER")).bodyJson()
                .extractingPath("$.items[*].matchId").isEqualTo(List.of("m-acc", "m-oth"));
        assertThat(get("/api/matchmaking/listings/lst-1/matches", "seller-9", "SELLER")).bodyJson()
                .extractingPath("$.items").isEqualTo(List.of());
    }

    @Test
    void one_match_shows_each_party_its_part_and_nobody_else_anything() {
        MvcTestResult buyer = get("/api/matchmaking/matches/m-acc", "buyer-1", "BUYER");
        assertThat(buyer).hasStatusOk().hasHeader("ETag", "\"4\"");
        assertThat(buyer).bodyJson().extractingPath("$.revealed.legalName")
                .isEqualTo("Shree Precision Components Pvt Ltd");
        assertThat(buyer).bodyJson().doesNotHavePath("$.revealed.buyerContact");

        MvcTestResult seller = get("/api/matchmaking/matches/m-acc", "seller-1", "SELLER");
        assertThat(seller).bodyJson().extractingPath("$.revealed.buyerContact.email").isEqualTo("ravi@example.in");
        assertThat(seller).bodyJson().doesNotHavePath("$.revealed.legalName");

        MvcTestResult pending = get("/api/matchmaking/matches/m-pen", "seller-1", "SELLER");
        assertThat(pending).bodyJson().doesNotHavePath("$.buyerId");
        assertThat(pending).bodyJson().doesNotHavePath("$.revealed");

        assertThat(get("/api/matchmaking/matches/m-acc", "buyer-2", "BUYER")).hasStatus(404);
        assertThat(get("/api/matchmaking/matches/m-acc", "seller-9", "SELLER")).hasStatus(404);
        assertThat(get("/api/matchmaking/matches/nope", "buyer-1", "BUYER")).hasStatus(404);
        assertThat(get("/api/matchmaking/matches/m-acc", "admin-1", "ADMIN")).bodyJson()
                .extractingPath("$.revealed.buyerContact.email").isEqualTo("ravi@example.in");
    }

    @Test
    void buyers_read_their_own_profiles() {
        assertThat(get("/api/matchmaking/profiles/mine", "buyer-1", "BUYER")).bodyJson()
                .extractingPath("$.items[*].id").isEqualTo(List.of("p-1"));
        assertThat(get("/api/matchmaking/profiles/p-1", "buyer-1", "BUYER")).bodyJson()
                .extractingPath("$.criteria.budgetMax").isEqualTo("80000000");
        assertThat(get("/api/matchmaking/profiles/p-1", "buyer-2", "BUYER")).hasStatus(404);
        assertThat(get("/api/matchmaking/profiles/mine", "buyer-2", "BUYER")).bodyJson()
                .extractingPath("$.items").isEqualTo(List.of());
    }

    @Test
    void each_list_is_for_its_role_and_every_query_needs_an_identity() {
        assertThat(get("/api/matchmaking/matches/mine", "seller-1", "SELLER")).hasStatus(403);
        assertThat(get("/api/matchmaking/interests/received", "buyer-1", "BUYER")).hasStatus(403);
        assertThat(get("/api/matchmaking/listings/lst-1/matches", "buyer-1", "BUYER")).hasStatus(403);
        assertThat(get("/api/matchmaking/profiles/mine", "seller-1", "SELLER")).hasStatus(403);
        assertThat(mvc.get().uri("/api/matchmaking/matches/mine").exchange()).hasStatus(401);
    }

    @TestConfiguration
    static class Stores {

        @Bean(destroyMethod = "close")
        MatchDriver matchDriver() {
            try {
                return new MatchDriver(Files.createTempDirectory("match-controller"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Bean
        MatchQuery matchQuery(MatchDriver driver) {
            return new MatchQuery(driver.stores());
        }

        @Bean
        ProjectionCluster cluster() {
            return new OnePartitionCluster();
        }

        @Bean
        PeerClient peerClient() {
            return new PeerClient(PATIENCE, PATIENCE);
        }

        @Bean
        KeyedQuery keyedQuery(ProjectionCluster cluster, PeerClient peers) {
            return new KeyedQuery(cluster, peers, PATIENCE);
        }

        @Bean
        FanOut fanOut(ProjectionCluster cluster, PeerClient peers) {
            return new FanOut(cluster::plan, peers, cluster::self, PATIENCE);
        }

        @Bean
        ReadYourWrites readYourWrites(ProjectionCluster cluster) {
            return new ReadYourWrites(cluster, PATIENCE);
        }
    }

    /** The group as a lone instance holding the driver's one partition sees it. */
    static final class OnePartitionCluster extends ProjectionCluster {

        private static final HostInfo SELF = new HostInfo("localhost", 3006);

        OnePartitionCluster() {
            super(() -> {
                throw new StreamsNotStartedException("no Kafka Streams in this test");
            }, () -> SELF, 0);
        }

        @Override
        public Route route(String store, String key) {
            return new Route(0, List.of(SELF));
        }

        @Override
        public Map<HostInfo, Set<Integer>> plan(String store, Set<HostInfo> avoid) {
            return Map.of(SELF, Set.of(0));
        }

        @Override
        public Set<Integer> readablePartitions(String store) {
            return Set.of(0);
        }
    }
}
