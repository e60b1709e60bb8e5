package io.msmeatlas.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.infra.TopicReader;
import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventSchemaValidator;
import io.msmeatlas.schemas.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The listings service on this JVM's real PostgreSQL and Kafka, driven through its HTTP API. Every
 * test class that extends this shares one Spring context (moderation on, the default expiry period).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ListingServiceTestSupport {

    static final String LISTINGS = "/api/msme/listings";

    /** A valid draft: the years in ascending order and the state in lower case, as a seller may send them. */
    static final String DRAFT = """
            {"title":"Precision CNC job shop in Pune","legalName":"Shree Precision Components Pvt Ltd",
             "contact":{"name":"Anil Kulkarni","email":"anil@example.in","phone":"+91 98000 00001"},
             "sectorCode":"25","state":"maharashtra","city":"Pune","yearEstablished":2009,"employees":42,
             "legalStructure":"PRIVATE_LIMITED","plantAndMachineryInvestment":"32000000.00",
             "financials":[{"fiscalYear":2024,"revenue":"79000000.00","ebitda":"6100000"},
                           {"fiscalYear":2025,"revenue":"84000000.00","exports":"4000000.00","ebitda":9500000.5,
                            "netProfit":"-2000000"}],
             "assets":"55000000","debt":"12000000","askingPrice":"65000000.00","currency":"INR",
             "dealType":"FULL_SALE","reasonForSale":"Founder retiring",
             "highlights":["Supplies two auto OEMs","ISO 9001"],"description":"Precision machining for auto OEMs."}""";

    static final String SELLER_ID = "seller-1";
    static final String ADMIN_ID = "admin-1";

    final JsonMapper json = JsonMapper.builder().build();
    final EventSchemaValidator validator = new EventSchemaValidator();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    RestClient seller;
    RestClient admin;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestStack.register(registry);
        registry.add("atlas.outbox.poll-interval", () -> "100ms");
        registry.add("atlas.outbox.max-backoff", () -> "500ms");
    }

    @BeforeEach
    void clients() {
        seller = as(SELLER_ID, "SELLER");
        admin = as(ADMIN_ID, "ADMIN");
    }

    RestClient as(String userId, String roles) {
        return Http.client(port, userId, roles);
    }

    ResponseEntity<String> post(String path, String body, Map<String, String> headers) {
        return Http.post(seller, path, body, headers);
    }

    ResponseEntity<String> post(RestClient client, String path, String body) {
        return Http.post(client, path, body, Map.of());
    }

    /** POST /{id}/{action} as the seller, without a body. */
    ResponseEntity<String> act(String id, String action) {
        return Http.post(seller, LISTINGS + "/" + id + "/" + action, null, Map.of());
    }

    ResponseEntity<String> patch(String id, String body) {
        return patch(id, body, Map.of());
    }

    ResponseEntity<String> patch(String id, String body, Map<String, String> headers) {
        return seller.patch().uri(LISTINGS + "/" + id).contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::add)).body(body)
                .header(HttpHeaders.ACCEPT, "application/json, application/problem+json")
                .retrieve().toEntity(String.class);
    }

    String draft() {
        ResponseEntity<String> created = post(LISTINGS, DRAFT, Map.of());
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return body(created).get("id").asString();
    }

    /** A listing an administrator approved: published. */
    String published() {
        String id = draft();
        assertThat(status(act(id, "submit"))).isEqualTo("SUBMITTED");
        assertThat(status(post(admin, LISTINGS + "/" + id + "/approve", null))).isEqualTo("PUBLISHED");
        return id;
    }

    JsonNode body(ResponseEntity<String> response) {
        return json.readTree(response.getBody());
    }

    String status(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return body(response).get("status").asString();
    }

    List<Map<String, String>> errors(ResponseEntity<String> response) {
        return body(response).get("errors").values().stream()
                .map(e -> Map.of("field", e.get("field").asString(), "message", e.get("message").asString()))
                .toList();
    }

    List<String> errorFields(ResponseEntity<String> response) {
        return errors(response).stream().map(e -> e.get("field")).toList();
    }

    long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    /** The simple names of the listing's stored event types, in order. */
    List<String> storedTypes(String listingId) {
        return jdbc.queryForList("""
                select payload_type from domain_event_entry where aggregate_identifier = ? order by sequence_number""",
                String.class, listingId).stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** Expiry deadlines scheduled in PostgreSQL for this listing (its id is inside the deadline's scope). */
    long scheduledExpiries(String listingId) {
        return jdbc.queryForObject("""
                select count(*) from scheduled_tasks where task_name = 'AxonDeadline'
                   and position(convert_to(?, 'UTF8') in task_data) > 0""", Long.class, listingId);
    }

    /** The listing's records on the topic, once {@code count} distinct event ids are there; duplicates dropped by id. */
    static List<ConsumerRecord<String, byte[]>> awaitEvents(String listingId, int count) {
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka().bootstrapServers(), Topics.LISTING_EVENTS)) {
            return await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<String, ConsumerRecord<String, byte[]>> byEventId = new LinkedHashMap<>();
                reader.poll().stream().filter(r -> listingId.equals(r.key()))
                        .forEach(r -> byEventId.putIfAbsent(EventEnvelope.readFrom(r.headers()).id(), r));
                return List.copyOf(byEventId.values());
            }, records -> records.size() >= count);
        }
    }

    static List<String> types(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> EventEnvelope.readFrom(r.headers()).type())
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** Every record validates against the JSON Schema of its type and version. */
    void assertValidAgainstSchemas(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
            EventContract contract = EventContracts.forCeType(envelope.type()).orElseThrow();
            assertThat(envelope.dataVersion()).as(contract.name()).isEqualTo(contract.version());
            assertThat(validator.violations(contract, record.value())).as(contract.name()).isEmpty();
        }
    }

    JsonNode payload(ConsumerRecord<String, byte[]> record) {
        return json.readTree(record.value());
    }
}
