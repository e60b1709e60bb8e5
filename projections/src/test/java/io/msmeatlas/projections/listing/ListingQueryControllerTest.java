package io.msmeatlas.projections.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsRebalancingException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(ListingQueryController.class)
@Import(ListingQueryControllerTest.StubbedStore.class)
class ListingQueryControllerTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private StubbedStore store;

    @BeforeEach
    void storeIsEmpty() {
        reset(store.views);
        store.current = () -> store.views;
    }

    @Test
    void a_listing_is_returned_with_its_version_as_etag_and_money_as_decimal_strings() {
        given(store.views.get("lst-1")).willReturn(view("lst-1", 3));

        MvcTestResult result = mvc.get().uri("/api/msme/listings/lst-1").header("X-User-Id", "buyer-1").header("X-User-Roles", "BUYER").exchange();

        assertThat(result).hasStatusOk().hasHeader("ETag", "\"3\"");
        assertThat(result).bodyJson().extractingPath("$.askingPrice").isEqualTo("25000000.00");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("PUBLISHED");
        assertThat(result).bodyJson().extractingPath("$.publishedAt").isEqualTo("2026-01-05T10:01:00Z");
    }

    @Test
    void an_unknown_listing_is_a_404_problem() {
        MvcTestResult result = mvc.get().uri("/api/msme/listings/lst-404").header("X-User-Id", "buyer-1").header("X-User-Roles", "BUYER").exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(PROBLEM);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Listing not found");
    }

    @Test
    void a_search_without_parameters_returns_an_empty_first_page_with_a_null_cursor() {
        given(store.views.all()).willReturn(new EmptyIterator());

        MvcTestResult result = mvc.get().uri("/api/msme/listings").header("X-User-Id", "buyer-1").header("X-User-Roles", "BUYER").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().isEqualTo("{\"items\":[],\"nextCursor\":null}");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "limit, 0",
            "limit, 101",
            "limit, ten",
            "minPrice, abc",
            "minPrice, -5",
            "maxPrice, 1e9",
            "status, ARCHIVED",
            "cursor, %%%not-base64"
    })
    void an_invalid_parameter_is_a_400_problem_naming_it(String parameter, String value) {
        MvcTestResult result = mvc.get().uri("/api/msme/listings").param(parameter, value).header("X-User-Id", "buyer-1").header("X-User-Roles", "BUYER").exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo(parameter);
    }

    @Test
    void a_minimum_price_above_the_maximum_is_a_400_problem() {
        MvcTestResult result = mvc.get().uri("/api/msme/listings")
                .param("minPrice", "500").param("maxPrice", "499.99").header("X-User-Id", "buyer-1").header("X-User-Roles", "BUYER").exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo("minPrice");
    }

    @Test
    void while_kafka_streams_is_not_running_queries_are_a_503_problem_with_retry_after() {
        store.current = () -> {
            throw new StreamsRebalancingException("rebalancing");
        };

        MvcTestResult byId = mvc.get().uri("/api/msme/listings/lst-1").header("X-User-Id", "buyer-1").header("X-User-Roles", "BUYER").exchange();
        MvcTestResult search = mvc.get().uri("/api/msme/listings").header("X-User-Id", "buyer-1").header("X-User-Roles", "BUYER").exchange();

        for (MvcTestResult result : new MvcTestResult[] {byId, search}) {
            assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasContentTypeCompatibleWith(PROBLEM)
                    .hasHeader("Retry-After", "1");
        }
    }

    @Test
    void a_request_without_the_gateways_identity_is_a_401_problem() {
        MvcTestResult result = mvc.get().uri("/api/msme/listings/lst-1").exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasContentTypeCompatibleWith(PROBLEM);
    }

    @Test
    void a_draft_is_visible_to_its_seller_and_to_admins_and_to_nobody_else() {
        given(store.views.get("lst-1")).willReturn(view("lst-1", 1, ListingStatus.DRAFT));

        assertThat(mvc.get().uri("/api/msme/listings/lst-1").header("X-User-Id", "buyer-1")
                .header("X-User-Roles", "BUYER").exchange()).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/api/msme/listings/lst-1").header("X-User-Id", "seller-2")
                .header("X-User-Roles", "SELLER").exchange()).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/api/msme/listings/lst-1").header("X-User-Id", "seller-1")
                .header("X-User-Roles", "SELLER").exchange()).hasStatusOk();
        assertThat(mvc.get().uri("/api/msme/listings/lst-1").header("X-User-Id", "admin-1")
                .header("X-User-Roles", "ADMIN").exchange()).hasStatusOk();
    }

    private static ListingView view(String id, long version) {
        return view(id, version, ListingStatus.PUBLISHED);
    }

    private static ListingView view(String id, long version, ListingStatus status) {
        Instant created = Instant.parse("2026-01-05T10:00:00Z");
        return new ListingView(id, "seller-1", "Pune dye works", "Textiles", "Pune", "Maharashtra", 2009, 42,
                new BigDecimal("18000000.00"), new BigDecimal("-1.50"), new BigDecimal("25000000.00"), "INR", null,
                status, version, id + "-" + (version - 1), created, created.plusSeconds(60),
                created.plusSeconds(60), null);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class StubbedStore {

        @SuppressWarnings("unchecked")
        final ReadOnlyKeyValueStore<String, ListingView> views = mock(ReadOnlyKeyValueStore.class);

        volatile Supplier<ReadOnlyKeyValueStore<String, ListingView>> current = () -> views;

        @Bean
        ListingQuery listingQuery() {
            return new ListingQuery(() -> current.get());
        }
    }

    private static final class EmptyIterator implements KeyValueIterator<String, ListingView> {

        @Override
        public boolean hasNext() {
            return false;
        }

        @Override
        public KeyValue<String, ListingView> next() {
            throw new NoSuchElementException();
        }

        @Override
        public String peekNextKey() {
            throw new NoSuchElementException();
        }

        @Override
        public void close() {
        }
    }
}
