package io.msmeatlas.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.projections.listing.TestBroker;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Contact;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.UdyamClassification;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole service against a real KRaft broker (the module's shared one): events in, HTTP queries
 * out. The context is closed after the class so that Kafka Streams stops before its temporary state
 * directory is deleted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.kafka=WARN",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.state.change.logger=WARN"})
@DirtiesContext
class ProjectionsApplicationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;

    private KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestBroker::bootstrapServers);
        registry.add("spring.kafka.streams.state-dir", () -> stateDir.toString());
    }

    @BeforeEach
    void openProducer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void published_events_become_queryable_over_http_and_a_redelivery_changes_nothing() throws Exception {
        String id = "lst-e2e-1";
        publish(new ListingDrafted(id, "seller-9", details("Coimbatore pump works", "12500000.00"), SMALL), 0);
        ListingUpdated update = new ListingUpdated(id, details("Coimbatore pump and motor works", "11999999.99"),
                SMALL, List.of("title", "askingPrice"));
        publish(update, 1);
        publish(new ListingSubmitted(id), 2);
        publish(new ListingPublished(id, "admin-1", Instant.parse("2026-04-05T10:00:00Z")), 3);
        publish(update, 1);

        await().atMost(PATIENCE).untilAsserted(() -> {
            ResponseEntity<String> response = get("/api/msme/listings/" + id, "admin-1", "ADMIN");
            assertThat(response.getStatusCode().value()).isEqualTo(200);
            assertThat(response.getHeaders().getETag()).isEqualTo("\"4\"");
            JsonNode view = EventJson.mapper().readTree(response.getBody());
            assertThat(view.get("status").asString()).isEqualTo("PUBLISHED");
            assertThat(view.get("title").asString()).isEqualTo("Coimbatore pump and motor works");
            assertThat(view.get("askingPrice").isString()).isTrue();
            assertThat(view.get("askingPrice").asString()).isEqualTo("11999999.99");
            assertThat(view.get("legalName").asString()).isEqualTo("Kovai Pumps Pvt Ltd");
        });

        JsonNode publicView = EventJson.mapper().readTree(get("/api/msme/listings/" + id, "buyer-1", "BUYER").getBody());
        assertThat(publicView.has("legalName")).isFalse();
        assertThat(publicView.has("contact")).isFalse();
        JsonNode page = EventJson.mapper().readTree(
                get("/api/msme/listings?sector=C&state=TAMIL NADU&city=coimbatore&sort=price_asc&q=pump",
                        "buyer-1", "BUYER").getBody());
        assertThat(page.get("items").findValuesAsString("id")).containsExactly(id);
        assertThat(page.get("items").get(0).has("contact")).isFalse();
    }

    @Test
    void a_poison_record_goes_to_the_dead_letter_topic_and_later_events_are_still_projected() throws Exception {
        String id = "lst-e2e-2";
        producer.send(new ProducerRecord<>(Topics.LISTING_EVENTS, id, "not an event".getBytes(StandardCharsets.UTF_8)))
                .get();
        publish(new ListingDrafted(id, "seller-3", details("Ludhiana hosiery unit", "4000000.00"), null), 0);

        try (KafkaConsumer<byte[], byte[]> deadLetters = deadLetterConsumer()) {
            List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(seen::add);
                assertThat(seen).anySatisfy(record -> {
                    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(id);
                    assertThat(record.headers().lastHeader("__streams.errors.exception")).isNotNull();
                });
            });
        }
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(get("/api/msme/listings/" + id, "admin-1", "ADMIN").getStatusCode().value()).isEqualTo(200));
    }

    @Test
    void health_reports_the_kafka_streams_state_and_its_metrics_are_exported() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            ResponseEntity<String> health = get("/actuator/health", "admin-1", "ADMIN");
            assertThat(health.getStatusCode().value()).isEqualTo(200);
            JsonNode kafkaStreams = EventJson.mapper().readTree(health.getBody()).at("/components/kafkaStreams");
            assertThat(kafkaStreams.at("/details/state").asString()).isIn("RUNNING", "REBALANCING");
        });
        assertThat(meters.find("kafka.stream.thread.process.total").meters()).isNotEmpty();
        assertThat(get("/actuator/prometheus", "admin-1", "ADMIN").getBody()).contains("kafka_stream_");
    }

    private ResponseEntity<String> get(String path, String user, String roles) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("X-User-Id", user)
                .defaultHeader("X-User-Roles", roles)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build()
                .get().uri(path).retrieve().toEntity(String.class);
    }

    private void publish(ListingEvent event, long sequence) throws ExecutionException, InterruptedException {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.LISTING_EVENTS, event.listingId(), EventJson.write(event));
        EventEnvelope.of(event.listingId() + "-" + sequence, "/msme/listings", EventContracts.of(event.getClass()),
                event.listingId(), Instant.parse("2026-01-05T10:00:00Z").plusSeconds(sequence), sequence, null)
                .writeTo(record.headers());
        producer.send(record).get();
    }

    private KafkaConsumer<byte[], byte[]> deadLetterConsumer() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(KafkaStreamsConfig.DEAD_LETTER_TOPIC));
        return consumer;
    }

    private static final UdyamClassification SMALL = new UdyamClassification(UdyamClassification.Category.SMALL,
            "2025", new BigDecimal("30000000.00"), new BigDecimal("85000000.00"));

    private static ListingDetails details(String title, String askingPrice) {
        return new ListingDetails(title, "Kovai Pumps Pvt Ltd", new Contact("R. Senthil", "senthil@example.in", null),
                new Sector("28", "Manufacture of machinery and equipment n.e.c.", "C", "Manufacturing"),
                "Tamil Nadu", "Coimbatore", 1998, 60, null, new BigDecimal("30000000.00"),
                List.of(new AnnualFinancials(2025, new BigDecimal("90000000.00"), null, new BigDecimal("8000000.00"),
                        null, null)),
                null, null, new BigDecimal(askingPrice), "INR", DealType.FULL_SALE, null, List.of("Pump exports"),
                null);
    }
}
