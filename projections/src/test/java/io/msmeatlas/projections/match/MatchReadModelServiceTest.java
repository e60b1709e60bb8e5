package io.msmeatlas.projections.match;

import static io.msmeatlas.projections.match.MatchEvents.interest;
import static io.msmeatlas.projections.match.MatchEvents.proposed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.projections.listing.TestBroker;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.buyer.BuyerProfileEvent;
import io.msmeatlas.schemas.match.MatchProposed;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The match read models in the whole service against a real broker: match events in on the six
 * partitions of {@code msme.match.events}, the matchmaking queries out over HTTP, read from the real
 * Kafka Streams stores partition by partition.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.streams.application-id=match-read-models-test",
        "logging.level.kafka=WARN", "logging.level.org.apache.kafka=WARN", "logging.level.state.change.logger=WARN"})
@DirtiesContext
class MatchReadModelServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestBroker::bootstrapServers);
        registry.add("spring.kafka.streams.state-dir", () -> stateDir.toString());
    }

    @Test
    void match_events_become_the_buyers_and_the_sellers_lists_over_http() throws Exception {
        List<MatchProposed> matches = List.of(
                proposed("rm-1", "rm-buyer", "rm-lst-1", "rm-seller", "0.700"),
                proposed("rm-2", "rm-buyer", "rm-lst-2", "rm-seller", "0.950"),
                proposed("rm-3", "rm-buyer", "rm-lst-3", "rm-other-seller", "0.800"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (MatchProposed match : matches) {
                send(producer, match, match.matchId(), 0);
            }
            send(producer, interest(matches.get(0)), "rm-1", 1);
            BuyerProfileEvent profile = MatchEvents.profile("rm-profile", "rm-buyer");
            send(producer, profile, "rm-profile", 0);
        }

        JsonNode mine = await().atMost(PATIENCE).until(() -> get("/api/matchmaking/matches/mine", "rm-buyer", "BUYER"),
                page -> page != null && page.get("items").size() == 3);
        assertThat(mine.get("items").findValuesAsString("matchId")).containsExactly("rm-2", "rm-3", "rm-1");
        JsonNode received = get("/api/matchmaking/interests/received", "rm-seller", "SELLER");
        assertThat(received.get("items").findValuesAsString("matchId")).containsExactly("rm-1");
        assertThat(received.get("items").get(0).has("buyerId")).isFalse();
        JsonNode paged = get("/api/matchmaking/matches/mine?limit=2", "rm-buyer", "BUYER");
        JsonNode rest = get("/api/matchmaking/matches/mine?limit=2&cursor=" + paged.get("nextCursor").asString(),
                "rm-buyer", "BUYER");
        assertThat(rest.get("items").findValuesAsString("matchId")).containsExactly("rm-1");

        JsonNode one = get("/api/matchmaking/matches/rm-1", "rm-seller", "SELLER");
        assertThat(one.get("interest").asString()).isEqualTo("EXPRESSED");
        assertThat(one.get("listing").get("askingPrice").asString()).isEqualTo("65000000.00");
        JsonNode profiles = await().atMost(PATIENCE).until(
                () -> get("/api/matchmaking/profiles/mine", "rm-buyer", "BUYER"),
                page -> page != null && page.get("items").size() == 1);
        assertThat(profiles.get("items").get(0).get("id").asString()).isEqualTo("rm-profile");
        assertThat(status("/api/matchmaking/matches/rm-1", "rm-intruder", "BUYER")).isEqualTo(404);
    }

    private static void send(KafkaProducer<String, byte[]> producer, Object event, String key, long sequence)
            throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.MATCH_EVENTS, key, EventJson.write(event));
        EventEnvelope.of(key + "-" + sequence, "/msmeatlas/matching", EventContracts.of(event.getClass()), key,
                Instant.now(), sequence, null).writeTo(record.headers());
        producer.send(record).get();
    }

    private JsonNode get(String path, String user, String roles) {
        ResponseEntity<String> response = client(user, roles).get().uri(path).retrieve().toEntity(String.class);
        return response.getStatusCode().value() == 200 ? EventJson.mapper().readTree(response.getBody()) : null;
    }

    private int status(String path, String user, String roles) {
        return client(user, roles).get().uri(path).retrieve().toEntity(String.class).getStatusCode().value();
    }

    private RestClient client(String user, String roles) {
        return RestClient.builder().baseUrl("http://localhost:" + port).defaultHeader("X-User-Id", user)
                .defaultHeader("X-User-Roles", roles).defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }
}
