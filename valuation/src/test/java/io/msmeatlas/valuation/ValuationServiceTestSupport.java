package io.msmeatlas.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.infra.TopicReader;
import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.EventSchemaValidator;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.ListingUpdated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
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
 * The valuation service on this JVM's real PostgreSQL and Kafka. Tests play the listings service:
 * they publish listing events to {@code msme.listing.events} as its outbox relay would (CloudEvents
 * headers, key = listing id), and read what the valuation service publishes. Every test class that
 * extends this shares one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ValuationServiceTestSupport {

    public static final String DLQ = "msme.valuation.dlq";
    public static final String SELLER = "seller-1";

    private static KafkaProducer<String, byte[]> producer;

    protected final JsonMapper json = JsonMapper.builder().build();
    protected final EventSchemaValidator validator = new EventSchemaValidator();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        String kafka = SharedInfrastructure.kafka().bootstrapServers();
        createTopic(kafka, Topics.LISTING_EVENTS);
        registry.add("spring.datasource.url", () -> SharedInfrastructure.postgres().jdbcUrl());
        registry.add("spring.kafka.bootstrap-servers", () -> kafka);
        registry.add("atlas.outbox.poll-interval", () -> "100ms");
        registry.add("atlas.outbox.max-backoff", () -> "500ms");
        registry.add("atlas.valuation.estimate.permits", () -> "3");
        registry.add("atlas.valuation.estimate.period", () -> "1h");
    }

    private static void createTopic(String kafka, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, Topics.DEFAULT_PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
                    "acks", "all"), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** A listing event as the listings service publishes it: {@code sequence} is its position in the listing, from 0. */
    protected static ProducerRecord<String, byte[]> listingEvent(ListingEvent event, long sequence, String eventId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LISTING_EVENTS, event.listingId(),
                EventJson.write(event));
        EventEnvelope.of(eventId, "/msmeatlas/listings", EventContracts.of(event.getClass()), event.listingId(),
                Instant.now(), sequence, "req-" + eventId).writeTo(record.headers());
        return record;
    }

    protected static void publish(ProducerRecord<String, byte[]> record) {
        try {
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes the event with a fresh event id and returns the id. */
    protected static String publish(ListingEvent event, long sequence) {
        String eventId = UUID.randomUUID().toString();
        publish(listingEvent(event, sequence, eventId));
        return eventId;
    }

    protected static String newListingId() {
        return UUID.randomUUID().toString();
    }

    protected static ListingDrafted drafted(String listingId, ListingDetails details) {
        return new ListingDrafted(listingId, SELLER, details, ListingSamples.CLASSIFICATION);
    }

    protected static ListingUpdated updated(String listingId, ListingDetails details, String... changed) {
        return new ListingUpdated(listingId, details, ListingSamples.CLASSIFICATION, List.of(changed));
    }

    /** A listing drafted, submitted and approved: visible to buyers, valued at version 1. */
    protected static String publishedListing() {
        String id = newListingId();
        publish(drafted(id, ListingSamples.DETAILS), 0);
        publish(new ListingSubmitted(id), 1);
        publish(new ListingPublished(id, "admin-1", Instant.now().plus(Duration.ofDays(90))), 2);
        return id;
    }

    /** The listing's valuation events on the topic, once {@code count} distinct ones are there (duplicates by ce_id dropped). */
    protected static List<ConsumerRecord<String, byte[]>> awaitValuations(String listingId, int count) {
        return awaitRecords(Topics.VALUATION_EVENTS, listingId, count);
    }

    protected static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key, int count) {
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka().bootstrapServers(), topic)) {
            return await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<String, ConsumerRecord<String, byte[]>> byId = new LinkedHashMap<>();
                reader.poll().stream().filter(r -> key.equals(r.key())).forEach(r -> byId.putIfAbsent(id(r), r));
                return List.copyOf(byId.values());
            }, records -> records.size() >= count);
        }
    }

    private static String id(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader(EventEnvelope.CE_ID);
        return header == null ? record.topic() + "@" + record.partition() + ":" + record.offset()
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    protected static String type(ConsumerRecord<String, byte[]> record) {
        String type = EventEnvelope.readFrom(record.headers()).type();
        return type.substring(type.lastIndexOf('.') + 1);
    }

    protected JsonNode payload(ConsumerRecord<String, byte[]> record) {
        return json.readTree(record.value());
    }

    protected void assertValidAgainstSchema(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
        EventContract contract = EventContracts.forCeType(envelope.type()).orElseThrow();
        assertThat(envelope.dataVersion()).isEqualTo(contract.version());
        assertThat(validator.violations(contract, record.value())).as(contract.name()).isEmpty();
    }

    protected RestClient as(String userId, String roles) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("X-User-Id", userId)
                .defaultHeader("X-User-Roles", roles)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    protected static ResponseEntity<String> get(RestClient client, String path) {
        return client.get().uri(path).retrieve().toEntity(String.class);
    }

    protected static ResponseEntity<String> post(RestClient client, String path, String body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(String.class);
    }

    protected JsonNode body(ResponseEntity<String> response) {
        return json.readTree(response.getBody());
    }
}
