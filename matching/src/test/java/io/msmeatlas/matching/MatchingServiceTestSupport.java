package io.msmeatlas.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.infra.TopicReader;
import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventSchemaValidator;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The matching service on this JVM's real PostgreSQL and Kafka, driven through its HTTP API and the
 * listing topic. Every test class that extends this shares one Spring context. Tests share the
 * broker and the index, so each uses fresh ids and a city of its own and asserts on its own ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN"})
public abstract class MatchingServiceTestSupport {

    static final String PROFILES = "/api/matchmaking/profiles";
    static final String MATCHES = "/api/matchmaking/matches";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private static KafkaProducer<String, byte[]> producer;

    final JsonMapper json = JsonMapper.builder().build();
    final EventSchemaValidator validator = new EventSchemaValidator();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedInfrastructure.postgres().jdbcUrl());
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
        registry.add("atlas.outbox.poll-interval", () -> "100ms");
        registry.add("atlas.outbox.max-backoff", () -> "500ms");
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    RestClient as(String userId, String roles) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("X-User-Id", userId)
                .defaultHeader("X-User-Roles", roles)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    ResponseEntity<String> post(RestClient client, String path, String body) {
        return post(client, path, body, Map.of());
    }

    ResponseEntity<String> post(RestClient client, String path, String body, Map<String, String> headers) {
        var request = client.post().uri(path).headers(h -> headers.forEach(h::add));
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(String.class);
    }

    ResponseEntity<String> put(RestClient client, String path, String body, Map<String, String> headers) {
        return client.put().uri(path).headers(h -> headers.forEach(h::add)).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(String.class);
    }

    JsonNode body(ResponseEntity<String> response) {
        return json.readTree(response.getBody());
    }

    /** A profile JSON: sector 25 (or any when null), the given city only, budget up to 8 crore. */
    static String profile(String name, String sector, String city) {
        String sectors = sector == null ? "[]" : "[\"" + sector + "\"]";
        return """
                {"name":"%s","criteria":{"sectors":%s,"cities":["%s"],"budgetMin":"20000000","budgetMax":"80000000",
                 "dealTypes":["FULL_SALE"],"buyerType":"STRATEGIC"},
                 "contact":{"name":"Ravi Menon","email":"ravi@example.in","phone":"+91 98000 00002"}}"""
                .formatted(name, sectors, city);
    }

    String createProfile(String buyerId, String body) {
        ResponseEntity<String> created = post(as(buyerId, "BUYER"), PROFILES, body);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return body(created).get("id").asString();
    }

    static String uniqueCity() {
        return "City-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A CNC shop in {@code city} (Maharashtra), 6.5 crore, drafted, submitted and published. */
    static String publishListing(String sellerId, String city) {
        String listingId = UUID.randomUUID().toString();
        ListingDetails details = ListingEvents.details("CNC shop in " + city, "25", "Maharashtra", city, "65000000",
                "84000000", "9500000", ListingDetails.DealType.FULL_SALE);
        send(ListingEvents.record(new ListingDrafted(listingId, sellerId, details,
                ListingEvents.classification(Category.SMALL)), 0));
        send(ListingEvents.record(new ListingSubmitted(listingId), 1));
        send(ListingEvents.record(new ListingPublished(listingId, "admin-1", null), 2));
        return listingId;
    }

    static synchronized void send(ProducerRecord<String, byte[]> record) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
                    "acks", "all"), new StringSerializer(), new ByteArraySerializer());
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The match topic's records with this key, once {@code until} holds; duplicates dropped by event id. */
    static List<ConsumerRecord<String, byte[]>> awaitMatchEvents(String key,
            Predicate<List<String>> until) {
        return awaitRecords(Topics.MATCH_EVENTS, record -> key.equals(record.key()), until);
    }

    static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter, Predicate<List<String>> until) {
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka().bootstrapServers(), topic)) {
            return await().atMost(PATIENCE).until(() -> {
                Map<String, ConsumerRecord<String, byte[]>> byId = new LinkedHashMap<>();
                reader.poll().stream().filter(filter)
                        .forEach(r -> byId.putIfAbsent(r.headers().lastHeader("ce_id") == null
                                ? r.topic() + r.partition() + ":" + r.offset()
                                : EventEnvelope.readFrom(r.headers()).id(), r));
                return List.copyOf(byId.values());
            }, records -> until.test(types(records)));
        }
    }

    static List<String> types(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> r.headers().lastHeader("ce_type") == null ? "?"
                : EventEnvelope.readFrom(r.headers()).type()).map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    void assertValidAgainstSchemas(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
            EventContract contract = EventContracts.forCeType(envelope.type()).orElseThrow();
            assertThat(envelope.source()).isEqualTo("/msmeatlas/matching");
            assertThat(validator.violations(contract, record.value())).as(contract.name()).isEmpty();
        }
    }

    JsonNode payload(ConsumerRecord<String, byte[]> record) {
        return json.readTree(record.value());
    }
}
