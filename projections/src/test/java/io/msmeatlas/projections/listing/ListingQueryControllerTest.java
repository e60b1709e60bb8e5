package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.web.ConsistencyToken;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.projections.cluster.ClusterRequest;
import io.msmeatlas.projections.cluster.FanOut;
import io.msmeatlas.projections.cluster.KeyedQuery;
import io.msmeatlas.projections.cluster.PeerClient;
import io.msmeatlas.projections.cluster.ReadYourWrites;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.errors.StreamsRebalancingException;
import org.apache.kafka.streams.query.FailureReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The HTTP API over the real query layer on in-memory partitioned stores: who sees which listing and
 * how much of it, conditional requests, parameters and the 503 while the stores load.
 */
@WebMvcTest(ListingQueryController.class)
@Import(ListingQueryControllerTest.Stores.class)
class ListingQueryControllerTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    private static final int PARTITIONS = 2;
    /** How long a store that cannot be read is retried before the 503. */
    private static final Duration PATIENCE = Duration.ofMillis(200);
    private static final Duration CONSISTENCY_WAIT = Duration.ofMillis(300);

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private InMemoryListingStores stores;

    @BeforeEach
    void listings() {
        stores.clear();
        stores.put(ListingEvents.liveView("lst-1", "seller-1", details("Pune dye works").price("25000000.00")
                .financials("18000000.00", "-1.50"), time(1)));
    }

    @Test
    void a_buyer_gets_the_public_listing_without_its_confidential_fields_with_its_version_as_etag()
            throws Exception {
        MvcTestResult result = get("/api/msme/listings/lst-1", "buyer-1", "BUYER").exchange();

        assertThat(result).hasStatusOk().hasHeader("ETag", "\"2\"");
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Pune dye works");
        assertThat(result).bodyJson().extractingPath("$.askingPrice").isEqualTo("25000000.00");
        assertThat(result).bodyJson().extractingPath("$.financials[0].ebitda").isEqualTo("-1.50");
        assertThat(result).bodyJson().extractingPath("$.classification.turnover").isEqualTo("80000000.00");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("PUBLISHED");
        assertThat(result).bodyJson().extractingPath("$.publishedAt").isEqualTo("2026-01-05T10:01:00Z");
        assertThat(result).bodyJson().doesNotHavePath("$.legalName");
        assertThat(result).bodyJson().doesNotHavePath("$.contact");
        assertThat(result).bodyJson().doesNotHavePath("$.sellerId");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("Shree Precision", "anil@example.in");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"seller-1, SELLER", "admin-1, ADMIN"})
    void its_seller_and_administrators_get_everything(String user, String role) {
        MvcTestResult result = get("/api/msme/listings/lst-1", user, role).exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.legalName").isEqualTo("Shree Precision Components Pvt Ltd");
        assertThat(result).bodyJson().extractingPath("$.contact.email").isEqualTo("anil@example.in");
        assertThat(result).bodyJson().extractingPath("$.sellerId").isEqualTo("seller-1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ListingStatus.class)
    void published_under_offer_and_sold_listings_are_for_everyone_the_rest_for_seller_and_admins(
            ListingStatus status) {
        stores.put(withStatus(ListingEvents.liveView("lst-9", "seller-1", details("Unit"), time(1)), status));
        boolean public_ = status == ListingStatus.PUBLISHED || status == ListingStatus.UNDER_OFFER
                || status == ListingStatus.SOLD;
        HttpStatus forOthers = public_ ? HttpStatus.OK : HttpStatus.NOT_FOUND;

        assertThat(get("/api/msme/listings/lst-9", "buyer-1", "BUYER").exchange()).hasStatus(forOthers);
        assertThat(get("/api/msme/listings/lst-9", "seller-2", "SELLER").exchange()).hasStatus(forOthers);
        assertThat(get("/api/msme/listings/lst-9", "seller-1", "SELLER").exchange()).hasStatusOk();
        assertThat(get("/api/msme/listings/lst-9", "admin-1", "ADMIN").exchange()).hasStatusOk();
    }

    @Test
    void a_matching_if_none_match_is_a_304_and_a_stale_one_a_200() {
        assertThat(get("/api/msme/listings/lst-1", "buyer-1", "BUYER").header("If-None-Match", "\"2\"").exchange())
                .hasStatus(HttpStatus.NOT_MODIFIED).hasHeader("ETag", "\"2\"");
        assertThat(get("/api/msme/listings/lst-1", "buyer-1", "BUYER").header("If-None-Match", "\"1\", W/\"2\"")
                .exchange()).hasStatus(HttpStatus.NOT_MODIFIED);
        assertThat(get("/api/msme/listings/lst-1", "buyer-1", "BUYER").header("If-None-Match", "\"1\"").exchange())
                .hasStatusOk();
    }

    @Test
    void a_listing_hidden_from_the_caller_is_a_404_even_for_a_conditional_request() {
        stores.put(withStatus(ListingEvents.liveView("lst-9", "seller-1", details("Unit"), time(1)),
                ListingStatus.DRAFT));

        assertThat(get("/api/msme/listings/lst-9", "buyer-1", "BUYER").header("If-None-Match", "*").exchange())
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void an_unknown_listing_is_a_404_problem() {
        MvcTestResult result = get("/api/msme/listings/lst-404", "buyer-1", "BUYER").exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(PROBLEM);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Listing not found");
    }

    @Test
    void a_search_over_no_listings_is_an_empty_page_with_a_null_cursor() {
        stores.clear();

        MvcTestResult result = get("/api/msme/listings", "buyer-1", "BUYER").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().isEqualTo("{\"items\":[],\"nextCursor\":null}");
    }

    @Test
    void buyers_search_live_listings_in_their_public_form_and_admins_see_everything() {
        stores.put(ListingEvents.draftView("lst-2", "seller-1", details("Draft"), time(3)));

        MvcTestResult buyer = get("/api/msme/listings", "buyer-1", "BUYER").exchange();
        MvcTestResult admin = get("/api/msme/listings", "admin-1", "ADMIN").exchange();

        assertThat(buyer).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly("lst-1");
        assertThat(buyer).bodyJson().doesNotHavePath("$.items[0].legalName");
        assertThat(buyer).bodyJson().doesNotHavePath("$.items[0].contact");
        assertThat(admin).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly("lst-2", "lst-1");
        assertThat(admin).bodyJson().extractingPath("$.items[1].legalName")
                .isEqualTo("Shree Precision Components Pvt Ltd");
    }

    @Test
    void filters_sort_and_cursor_work_over_http() throws Exception {
        stores.put(ListingEvents.liveView("lst-2", "seller-2", details("Foundry").city("PUNE").price("900"), time(2)));
        stores.put(ListingEvents.liveView("lst-3", "seller-2", details("Foundry").city("Nagpur").price("800"), time(3)));

        MvcTestResult first = get("/api/msme/listings", "buyer-1", "BUYER").param("sector", "c").param("city", "pune")
                .param("sort", "price_asc").param("limit", "1").exchange();
        assertThat(first).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly("lst-2");
        String cursor = first.getResponse().getContentAsString().replaceAll(".*\"nextCursor\":\"([^\"]+)\".*", "$1");

        MvcTestResult second = get("/api/msme/listings", "buyer-1", "BUYER").param("sector", "c").param("city", "pune")
                .param("sort", "price_asc").param("limit", "1").param("cursor", cursor).exchange();
        assertThat(second).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly("lst-1");
        assertThat(second).bodyJson().extractingPath("$.nextCursor").isNull();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "limit, 0",
            "limit, 101",
            "limit, ten",
            "minPrice, abc",
            "minPrice, -5",
            "maxPrice, 1e9",
            "minRevenue, 5.5.5",
            "maxEbitda, 1e5",
            "status, ARCHIVED",
            "status, DRAFT",
            "cursor, %%%not-base64",
            "cursor, YWJj",
            "sector, C25",
            "sector, V",
            "sector, 123",
            "classification, HUGE",
            "dealType, LEASE",
            "sort, cheapest",
            "sort, submitted_asc",
            "q, '!!! ???'"
    })
    void an_invalid_parameter_is_a_400_problem_naming_it(String parameter, String value) {
        MvcTestResult result = get("/api/msme/listings", "buyer-1", "BUYER").param(parameter, value).exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo(parameter);
    }

    @ParameterizedTest(name = "{0} > {1}")
    @CsvSource({"minPrice, maxPrice", "minRevenue, maxRevenue", "minEbitda, maxEbitda"})
    void a_minimum_above_its_maximum_is_a_400_problem_naming_the_minimum(String min, String max) {
        MvcTestResult result = get("/api/msme/listings", "buyer-1", "BUYER").param(min, "500").param(max, "499.99")
                .exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo(min);
    }

    @Test
    void administrators_may_filter_any_status() {
        stores.put(ListingEvents.draftView("lst-2", "seller-1", details("Draft"), time(3)));

        MvcTestResult result = get("/api/msme/listings", "admin-1", "ADMIN").param("status", "draft").exchange();

        assertThat(result).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly("lst-2");
    }

    @Test
    void a_seller_lists_their_own_listings_in_every_state_with_everything() {
        stores.put(ListingEvents.draftView("lst-2", "seller-1", details("Draft"), time(3)));
        stores.put(ListingEvents.draftView("lst-3", "seller-2", details("Not mine"), time(4)));

        MvcTestResult result = get("/api/msme/listings/mine", "seller-1", "SELLER").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly("lst-2", "lst-1");
        assertThat(result).bodyJson().extractingPath("$.items[0].legalName")
                .isEqualTo("Shree Precision Components Pvt Ltd");
        assertThat(get("/api/msme/listings/mine", "seller-1", "SELLER").param("status", "published").exchange())
                .bodyJson().extractingPath("$.items[*].id").asArray().containsExactly("lst-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"buyer-1, BUYER", "admin-1, ADMIN"})
    void only_sellers_have_listings_of_their_own(String user, String role) {
        MvcTestResult result = get("/api/msme/listings/mine", user, role).exchange();

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasContentTypeCompatibleWith(PROBLEM);
    }

    @Test
    void the_moderation_queue_is_for_administrators_oldest_submission_first() {
        stores.put(submitted("lst-2", Instant.parse("2026-01-05T12:00:00Z")));
        stores.put(submitted("lst-3", Instant.parse("2026-01-05T11:00:00Z")));

        MvcTestResult result = get("/api/msme/moderation/queue", "admin-1", "ADMIN").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly("lst-3", "lst-2");
        assertThat(result).bodyJson().extractingPath("$.items[0].contact.name").isEqualTo("Anil Kulkarni");
        assertThat(get("/api/msme/moderation/queue", "seller-1", "SELLER").exchange())
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(get("/api/msme/moderation/queue", "buyer-1", "BUYER").exchange())
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void while_the_stores_cannot_be_queried_every_query_is_a_503_problem_with_retry_after() {
        stores.failWith(() -> new StreamsRebalancingException("rebalancing"));

        assertUnavailable();
    }

    @Test
    void a_partition_behind_or_not_hosted_is_a_503_too() {
        stores.failWith(() -> new StorePartitionUnavailableException(ListingViewProjection.STORE, 3,
                FailureReason.NOT_PRESENT, "not here"));

        assertUnavailable();
    }

    @Test
    void a_consistency_token_already_reflected_gets_a_plain_answer() {
        String token = ConsistencyToken.of("lst-1", 2).encode();

        assertThat(get("/api/msme/listings/lst-1", "buyer-1", "BUYER").header(ConsistencyToken.HEADER, token)
                .exchange()).hasStatusOk().doesNotContainHeader(ClusterRequest.CONSISTENCY_HEADER);
        assertThat(get("/api/msme/listings", "buyer-1", "BUYER").header(ConsistencyToken.HEADER, token).exchange())
                .hasStatusOk().doesNotContainHeader(ClusterRequest.CONSISTENCY_HEADER);
    }

    @Test
    void a_consistency_token_not_reached_within_the_wait_gets_the_data_at_hand_marked_stale() {
        String token = ConsistencyToken.of("lst-1", 3).encode();

        MvcTestResult byId = get("/api/msme/listings/lst-1", "buyer-1", "BUYER")
                .header(ConsistencyToken.HEADER, token).exchange();
        MvcTestResult search = get("/api/msme/listings", "buyer-1", "BUYER")
                .header(ConsistencyToken.HEADER, token).exchange();

        assertThat(byId).hasStatusOk().hasHeader(ClusterRequest.CONSISTENCY_HEADER, ClusterRequest.STALE)
                .hasHeader("ETag", "\"2\"");
        assertThat(search).hasStatusOk().hasHeader(ClusterRequest.CONSISTENCY_HEADER, ClusterRequest.STALE);
        assertThat(search).bodyJson().extractingPath("$.items[0].id").isEqualTo("lst-1");
    }

    @Test
    void a_token_for_a_listing_not_yet_projected_waits_then_answers_404_marked_stale() {
        String token = ConsistencyToken.of("lst-new", 1).encode();

        assertThat(get("/api/msme/listings/lst-new", "buyer-1", "BUYER").header(ConsistencyToken.HEADER, token)
                .exchange()).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void a_malformed_consistency_token_is_a_400_problem() {
        assertThat(get("/api/msme/listings/lst-1", "buyer-1", "BUYER").header(ConsistencyToken.HEADER, "nonsense")
                .exchange()).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
    }

    @Test
    void a_peer_asking_for_some_partitions_gets_their_full_views_to_merge_itself() {
        int partition = stores.partitionOf("lst-1");

        MvcTestResult share = get("/api/msme/listings", "buyer-1", "BUYER")
                .header(ClusterRequest.PARTITIONS_HEADER, Integer.toString(partition)).exchange();
        MvcTestResult otherShare = get("/api/msme/listings", "buyer-1", "BUYER")
                .header(ClusterRequest.PARTITIONS_HEADER, Integer.toString(1 - partition)).exchange();

        assertThat(share).hasStatusOk();
        assertThat(share).bodyJson().extractingPath("$.items[0].legalName")
                .isEqualTo("Shree Precision Components Pvt Ltd");
        assertThat(otherShare).bodyJson().extractingPath("$.items").asArray().isEmpty();
    }

    @Test
    void a_peer_asking_for_partitions_outside_the_store_gets_a_503_so_it_asks_another_replica() {
        assertThat(get("/api/msme/listings", "buyer-1", "BUYER").header(ClusterRequest.PARTITIONS_HEADER, "7")
                .exchange()).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void a_request_without_the_gateways_identity_is_a_401_problem() {
        MvcTestResult result = mvc.get().uri("/api/msme/listings/lst-1").exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasContentTypeCompatibleWith(PROBLEM);
    }

    private void assertUnavailable() {
        for (MockMvcRequestBuilder request : new MockMvcRequestBuilder[] {
                get("/api/msme/listings/lst-1", "buyer-1", "BUYER"),
                get("/api/msme/listings", "buyer-1", "BUYER"),
                get("/api/msme/listings/mine", "seller-1", "SELLER"),
                get("/api/msme/moderation/queue", "admin-1", "ADMIN")}) {
            assertThat(request.exchange()).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                    .hasContentTypeCompatibleWith(PROBLEM).hasHeader("Retry-After", "1");
        }
    }

    private MockMvcRequestBuilder get(String path, String user, String roles) {
        return mvc.get().uri(path).header("X-User-Id", user).header("X-User-Roles", roles);
    }

    private static ListingView submitted(String id, Instant at) {
        ListingView draft = ListingEvents.draftView(id, "seller-1", details("Unit " + id), time(0));
        return draft.submitted(EventEnvelope.of(id + "-1", "/msme/listings",
                EventContracts.of(ListingSubmitted.class), id, at, 1, null));
    }

    /** The view moved to {@code status} the way the projection would (any event will do for the matrix). */
    private static ListingView withStatus(ListingView view, ListingStatus status) {
        EventEnvelope envelope = EventEnvelope.of(view.id() + "-2", "/msme/listings",
                EventContracts.of(ListingWithdrawn.class), view.id(), time(5), 2, null);
        return switch (status) {
            case DRAFT -> ListingEvents.draftView(view.id(), view.sellerId(), details("Unit"), time(0));
            case SUBMITTED -> view.submitted(envelope);
            case PUBLISHED -> view;
            case UNDER_OFFER -> view.underOffer(envelope);
            case REJECTED, SUSPENDED -> view.moderated(status, "reason", envelope);
            case SOLD, WITHDRAWN, EXPIRED -> view.closed(status, envelope);
        };
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Stores {

        @Bean
        InMemoryListingStores inMemoryListingStores() {
            return new InMemoryListingStores(PARTITIONS);
        }

        @Bean
        ListingQuery listingQuery(InMemoryListingStores stores) {
            return new ListingQuery(stores);
        }

        @Bean
        SingleInstanceCluster cluster(InMemoryListingStores stores) {
            return new SingleInstanceCluster(stores, PARTITIONS);
        }

        @Bean
        PeerClient peerClient() {
            return new PeerClient(PATIENCE, CONSISTENCY_WAIT);
        }

        @Bean
        KeyedQuery keyedQuery(SingleInstanceCluster cluster, PeerClient peers) {
            return new KeyedQuery(cluster, peers, PATIENCE);
        }

        @Bean
        FanOut fanOut(SingleInstanceCluster cluster, PeerClient peers) {
            return new FanOut(cluster::plan, peers, cluster::self, PATIENCE);
        }

        @Bean
        ReadYourWrites readYourWrites(SingleInstanceCluster cluster) {
            return new ReadYourWrites(cluster, CONSISTENCY_WAIT);
        }
    }
}
