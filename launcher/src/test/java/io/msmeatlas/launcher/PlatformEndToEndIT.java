package io.msmeatlas.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.Ports;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform as run-local starts it (real jars, one JVM per service, embedded Kafka and
 * PostgreSQL), driven only through the gateway, as a client would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndIT {

    private static final Duration EVENTUAL = Duration.ofSeconds(90);
    private static final String DRAFT = """
            {"title":"%s","sector":"C25","city":"Pune","state":"Maharashtra","yearEstablished":2009,
             "employees":42,"annualRevenue":"84000000.00","ebitda":"9500000.00","askingPrice":"65000000.00",
             "currency":"INR","description":"Precision machining for auto OEMs."}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private Platform platform;

    @BeforeAll
    void startPlatform() throws IOException {
        Path data = Files.createTempDirectory("atlas-e2e");
        PlatformConfig config = new PlatformConfig(Path.of("..").toAbsolutePath().normalize(), data,
                Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree(),
                Ports.findFree(), Ports.findFree(), "128m", Duration.ofSeconds(240));
        platform = new Platform(config, System.out::println);
        platform.start();
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void health_all_lists_every_running_service() {
        HttpResponse<String> response = get("/health/all");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode services = json.readTree(response.body()).get("services");
        for (String service : List.of("command-gateway", "listings", "projections")) {
            assertThat(services.get(service).get("status").asString()).as(service).isEqualTo("UP");
        }
        assertThat(get("/direct/listings/health").statusCode()).isEqualTo(200);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void a_listing_is_drafted_published_and_read_back_through_the_gateway() {
        HttpResponse<String> created = send("POST", "/api/msme/listings", DRAFT.formatted("CNC job shop in Pune"));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/msme/listings/" + id);

        assertThat(send("POST", "/api/msme/listings/" + id + "/publish", null).statusCode()).isEqualTo(200);

        JsonNode view = awaitView(id, v -> v.get("version").asLong() == 2);
        assertThat(view.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(view.get("title").asString()).isEqualTo("CNC job shop in Pune");
        assertThat(view.get("askingPrice").asString()).isEqualTo("65000000.00");

        HttpResponse<String> page = get("/api/msme/listings?status=PUBLISHED&sector=C25&limit=100");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(json.readTree(page.body()).get("items").findValuesAsString("id")).contains(id);

        assertThat(get("/api/msme/listings/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void events_accepted_while_the_broker_is_down_reach_the_read_model_exactly_once_and_in_order() {
        String id;
        platform.kafka().stop();
        try {
            HttpResponse<String> created = send("POST", "/api/msme/listings", DRAFT.formatted("t0"));
            assertThat(created.statusCode()).isEqualTo(201);
            id = json.readTree(created.body()).get("id").asString();
            for (int i = 1; i <= 3; i++) {
                assertThat(send("PATCH", "/api/msme/listings/" + id, "{\"title\":\"t" + i + "\"}").statusCode())
                        .isEqualTo(200);
            }
            assertThat(send("POST", "/api/msme/listings/" + id + "/publish", null).statusCode()).isEqualTo(200);
        } finally {
            platform.kafka().start();
        }

        JsonNode view = awaitView(id, v -> v.get("version").asLong() == 5);
        assertThat(view.get("title").asString()).isEqualTo("t3");
        assertThat(view.get("status").asString()).isEqualTo("PUBLISHED");

        List<ConsumerRecord<String, byte[]>> records = recordsFor(id);
        Map<String, Long> firstSequenceByEventId = new LinkedHashMap<>();
        records.forEach(r -> firstSequenceByEventId.putIfAbsent(EventEnvelope.readFrom(r.headers()).id(),
                EventEnvelope.readFrom(r.headers()).sequence()));
        assertThat(firstSequenceByEventId.values()).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    @Order(4)
    void health_all_is_503_and_names_a_service_that_is_down() {
        platform.service("projections").stop(Duration.ofSeconds(20));

        HttpResponse<String> response = get("/health/all");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode services = json.readTree(response.body()).get("services");
        assertThat(services.get("projections").get("status").asString()).isNotEqualTo("UP");
        assertThat(services.get("listings").get("status").asString()).isEqualTo("UP");
    }

    private JsonNode awaitView(String id, java.util.function.Predicate<JsonNode> ready) {
        return await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = get("/api/msme/listings/" + id);
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        }, view -> view != null && ready.test(view));
    }

    private List<ConsumerRecord<String, byte[]>> recordsFor(String id) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", platform.kafka().bootstrapServers(),
                "group.id", "e2e-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.LISTING_EVENTS));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(EVENTUAL).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        records.add(r);
                    }
                });
                return records.stream().map(r -> EventEnvelope.readFrom(r.headers()).id()).distinct().count() >= 5;
            });
            return records;
        }
    }

    private HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
