package io.msmeatlas.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.infra.TopicReader;
import io.msmeatlas.outbox.EventOutbox;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventSchemaValidator;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.listing.ListingPublished;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The listings service on a real PostgreSQL and a real Kafka broker, through its HTTP API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListingServiceTest {

    private static final String DRAFT = """
            {"title":"Precision CNC shop","sector":"C25","city":"Pune","state":"Maharashtra",
             "yearEstablished":2009,"employees":42,"annualRevenue":"84000000.00","ebitda":9500000.5,
             "askingPrice":"65000000.00","currency":"INR","description":"Auto OEM supplier"}""";

    private final JsonMapper json = JsonMapper.builder().build();
    private final EventSchemaValidator validator = new EventSchemaValidator();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    EventOutbox outbox;

    private RestClient http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestStack.register(registry);
        registry.add("atlas.outbox.poll-interval", () -> "100ms");
        registry.add("atlas.outbox.max-backoff", () -> "500ms");
    }

    @BeforeEach
    void client() {
        http = as("seller-1", "SELLER");
    }

    private RestClient as(String userId, String roles) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("X-User-Id", userId)
                .defaultHeader("X-User-Roles", roles)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @Test
    void a_drafted_listing_reaches_kafka_keyed_by_its_id_with_a_cloudevents_envelope() {
        ResponseEntity<String> created = post("/api/msme/listings", DRAFT, Map.of("X-Request-Id", "req-draft-1"));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        JsonNode body = json.readTree(created.getBody());
        String id = body.get("id").asString();
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/msme/listings/" + id);

        ConsumerRecord<String, byte[]> record = awaitEvents(id, 1).get(0);
        EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
        assertThat(record.key()).isEqualTo(id);
        assertThat(envelope.type()).isEqualTo("io.msmeatlas.listing.ListingDrafted");
        assertThat(envelope.subject()).isEqualTo(id);
        assertThat(envelope.sequence()).isZero();
        assertThat(envelope.correlationId()).isEqualTo("req-draft-1");
        assertThat(record.timestamp()).isEqualTo(envelope.time().toEpochMilli());
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .contains("\"askingPrice\":\"65000000.00\"")
                .contains("\"ebitda\":\"9500000.5\"")
                .contains("\"sellerId\":\"seller-1\"");
    }

    @Test
    void every_event_the_service_emits_validates_against_its_schema_file_in_order() {
        String id = draft();
        assertThat(patch(id, "{\"askingPrice\":\"60000000\",\"title\":\"CNC shop, Pune\"}").getStatusCode().value())
                .isEqualTo(200);
        assertThat(post("/api/msme/listings/" + id + "/publish", null, Map.of()).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> withdrawn = post("/api/msme/listings/" + id + "/withdraw", "{\"reason\":\"Sold\"}", Map.of());
        assertThat(json.readTree(withdrawn.getBody()).get("version").asLong()).isEqualTo(4);

        List<ConsumerRecord<String, byte[]>> records = awaitEvents(id, 4);
        assertThat(records).extracting(r -> EventEnvelope.readFrom(r.headers()).sequence()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(records).extracting(r -> EventEnvelope.readFrom(r.headers()).type()).containsExactly(
                "io.msmeatlas.listing.ListingDrafted", "io.msmeatlas.listing.ListingUpdated",
                "io.msmeatlas.listing.ListingPublished", "io.msmeatlas.listing.ListingWithdrawn");
        for (ConsumerRecord<String, byte[]> record : records) {
            var contract = EventContracts.forCeType(EventEnvelope.readFrom(record.headers()).type()).orElseThrow();
            assertThat(validator.violations(contract, record.value())).as(contract.name()).isEmpty();
        }
        assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8))
                .contains("\"changedFields\":[\"title\",\"askingPrice\"]");
    }

    @Test
    void invalid_fields_get_a_422_naming_each_field_and_store_nothing() {
        long before = storedEvents();
        ResponseEntity<String> response = post("/api/msme/listings", """
                {"title":" ","sector":"C25","city":"Pune","state":"MH","askingPrice":"-5",
                 "currency":"rupees","annualRevenue":"1.234"}""", Map.of());

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(response.getBody()).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("title", "askingPrice", "currency", "annualRevenue");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void a_year_in_the_future_is_rejected_by_field() {
        ResponseEntity<String> response = post("/api/msme/listings", DRAFT.replace("2009", "2999"), Map.of());
        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody()).contains("yearEstablished");
    }

    @Test
    void malformed_json_and_unknown_fields_get_a_400_problem_without_internals() {
        ResponseEntity<String> malformed = post("/api/msme/listings", "{\"title\": ", Map.of());
        ResponseEntity<String> unknown = post("/api/msme/listings", DRAFT.replace("\"title\"", "\"titel\""), Map.of());

        for (ResponseEntity<String> response : List.of(malformed, unknown)) {
            assertThat(response.getStatusCode().value()).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at io.");
        }
    }

    @Test
    void commands_need_the_gateways_identity_and_the_seller_role() {
        RestClient anonymous = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
        assertThat(anonymous.post().uri("/api/msme/listings").contentType(MediaType.APPLICATION_JSON).body(DRAFT)
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(as("buyer-1", "BUYER").post().uri("/api/msme/listings").contentType(MediaType.APPLICATION_JSON)
                .body(DRAFT).retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void a_seller_cannot_touch_another_sellers_listing_but_an_admin_can_withdraw_it() {
        String id = draft();
        RestClient otherSeller = as("seller-2", "SELLER");

        ResponseEntity<String> publish = otherSeller.post().uri("/api/msme/listings/" + id + "/publish")
                .retrieve().toEntity(String.class);
        ResponseEntity<String> update = otherSeller.patch().uri("/api/msme/listings/" + id)
                .contentType(MediaType.APPLICATION_JSON).body("{\"title\":\"mine now\"}").retrieve().toEntity(String.class);
        assertThat(publish.getStatusCode().value()).isEqualTo(403);
        assertThat(update.getStatusCode().value()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, id)).isEqualTo(1);

        ResponseEntity<String> withdrawn = as("admin-1", "ADMIN").post().uri("/api/msme/listings/" + id + "/withdraw")
                .retrieve().toEntity(String.class);
        assertThat(withdrawn.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void a_command_for_an_unknown_listing_gets_404() {
        ResponseEntity<String> response = post("/api/msme/listings/" + UUID.randomUUID() + "/publish", null, Map.of());
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void an_illegal_transition_gets_409_with_the_current_status() {
        String id = draft();
        post("/api/msme/listings/" + id + "/withdraw", null, Map.of());

        ResponseEntity<String> response = post("/api/msme/listings/" + id + "/publish", null, Map.of());

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(json.readTree(response.getBody()).get("currentStatus").asString()).isEqualTo("WITHDRAWN");
    }

    @Test
    void an_empty_update_is_a_422() {
        String id = draft();
        assertThat(patch(id, "{}").getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void an_event_and_its_outbox_row_commit_together_or_not_at_all() {
        long before = storedEvents();
        jdbc.execute("""
                create or replace function refuse_boom() returns trigger language plpgsql as $$
                begin
                  if position('BOOM' in convert_from(new.payload, 'UTF8')) > 0 then
                    raise exception 'outbox refused';
                  end if;
                  return new;
                end $$;
                create trigger refuse_boom before insert on event_outbox for each row execute function refuse_boom();
                """);
        try {
            ResponseEntity<String> response = post("/api/msme/listings", DRAFT.replace("Precision", "BOOM"), Map.of());
            assertThat(response.getStatusCode().value()).isEqualTo(500);
            assertThat(response.getBody()).doesNotContain("outbox refused");
        } finally {
            jdbc.execute("drop trigger refuse_boom on event_outbox");
        }
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void while_postgresql_is_down_a_command_gets_503_with_retry_after_and_works_again_after() {
        SharedInfrastructure.postgres().stop();
        try {
            ResponseEntity<String> refused = post("/api/msme/listings", DRAFT, Map.of());
            assertThat(refused.getStatusCode().value()).isEqualTo(503);
            assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        } finally {
            SharedInfrastructure.postgres().start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(post("/api/msme/listings", DRAFT, Map.of()).getStatusCode().value()).isEqualTo(201));
    }

    @Test
    void a_retried_draft_with_the_same_idempotency_key_creates_one_listing() {
        String key = UUID.randomUUID().toString();
        ResponseEntity<String> first = post("/api/msme/listings", DRAFT, Map.of("Idempotency-Key", key));
        ResponseEntity<String> retry = post("/api/msme/listings", DRAFT, Map.of("Idempotency-Key", key));

        String id = json.readTree(first.getBody()).get("id").asString();
        assertThat(json.readTree(retry.getBody()).get("id").asString()).isEqualTo(id);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, id)).isEqualTo(1);
    }

    @Test
    void an_event_committed_late_by_a_slow_transaction_is_still_published() throws Exception {
        String slowListing = UUID.randomUUID().toString();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong slowRowId = new AtomicLong();

        // A transaction takes an outbox id, then stalls before committing...
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            outbox.add(List.of(new GenericDomainEventMessage<>("Listing", slowListing, 0,
                    new ListingPublished(slowListing))));
            slowRowId.set(jdbc.queryForObject("select currval('event_outbox_id_seq')", Long.class));
            inserted.countDown();
            awaitQuietly(release);
        }));
        assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();

        // ...while later transactions, with higher ids, commit and are published.
        String later = draft();
        awaitEvents(later, 1);
        assertThat(jdbc.queryForObject("select last_value from event_outbox_id_seq", Long.class))
                .isGreaterThan(slowRowId.get());

        release.countDown();
        slow.get(10, TimeUnit.SECONDS);

        assertThat(awaitEvents(slowListing, 1)).hasSize(1);
    }

    @Test
    void commands_succeed_while_kafka_is_down_and_their_events_follow_in_order_when_it_returns() {
        String id;
        SharedInfrastructure.kafka().stop();
        try {
            id = draft();
            for (int i = 1; i <= 3; i++) {
                assertThat(patch(id, "{\"askingPrice\":\"" + (1000 + i) + "\"}").getStatusCode().value()).isEqualTo(200);
            }
            assertThat(post("/api/msme/listings/" + id + "/publish", null, Map.of()).getStatusCode().value())
                    .isEqualTo(200);
            assertThat(jdbc.queryForObject("select count(*) from event_outbox where aggregate_id = ?", Long.class, id))
                    .isEqualTo(5);
        } finally {
            SharedInfrastructure.kafka().start();
        }

        List<ConsumerRecord<String, byte[]>> records = awaitEvents(id, 5);
        assertThat(records).extracting(r -> EventEnvelope.readFrom(r.headers()).sequence())
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select count(*) from event_outbox where aggregate_id = ?", Long.class, id))
                .isZero());
    }

    private String draft() {
        ResponseEntity<String> created = post("/api/msme/listings", DRAFT, Map.of());
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return json.readTree(created.getBody()).get("id").asString();
    }

    private ResponseEntity<String> post(String path, String body, Map<String, String> headers) {
        var request = http.post().uri(path).headers(h -> headers.forEach(h::add));
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> patch(String id, String body) {
        return http.patch().uri("/api/msme/listings/" + id).contentType(MediaType.APPLICATION_JSON).body(body)
                .header(HttpHeaders.ACCEPT, "application/json, application/problem+json")
                .retrieve().toEntity(String.class);
    }

    private long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    /** The listing's records on the topic, once each event id is there; duplicates dropped by id as a subscriber does. */
    private List<ConsumerRecord<String, byte[]>> awaitEvents(String listingId, int count) {
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka().bootstrapServers(), Topics.LISTING_EVENTS)) {
            return await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<String, ConsumerRecord<String, byte[]>> byEventId = new LinkedHashMap<>();
                reader.poll().stream().filter(r -> listingId.equals(r.key()))
                        .forEach(r -> byEventId.putIfAbsent(EventEnvelope.readFrom(r.headers()).id(), r));
                return List.copyOf(byEventId.values());
            }, records -> records.size() >= count);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
