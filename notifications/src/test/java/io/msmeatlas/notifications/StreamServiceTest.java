package io.msmeatlas.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.schemas.match.InterestAccepted;
import io.msmeatlas.schemas.match.InterestDeclined;
import io.msmeatlas.schemas.match.MatchProposed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The live stream: once per notification, replay on reconnect, and fan-out to another instance through Redis. */
class StreamServiceTest extends NotificationsServiceTestSupport {

    private static ConfigurableApplicationContext instanceB;

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    private static List<String> ids(SseClient client) {
        return client.events().stream().map(SseClient.Event::id).toList();
    }

    @Test
    void a_connected_user_gets_each_new_notification_once_with_its_inbox_id() {
        String buyer = "buyer-" + UUID.randomUUID();
        try (SseClient client = new SseClient(port, buyer, null)) {
            await().atMost(PATIENCE).until(() -> client.status() == 200);
            MatchProposed match = Events.match(buyer, "lst-1", "seller-1");
            ProducerRecord<String, byte[]> record = Events.send(match);
            Events.send(record);
            Events.send(new InterestAccepted(match.matchId(), buyer, "lst-1", "seller-1"), match.matchId(), 2);

            await().atMost(PATIENCE).until(() -> client.events().size() >= 2);

            assertThat(ids(client)).containsExactly("1", "2");
            SseClient.Event first = client.events().get(0);
            assertThat(first.name()).isEqualTo("notification");
            JsonNode data = json.readTree(first.data());
            assertThat(data.get("type").asString()).isEqualTo("MATCH_FOUND");
            assertThat(data.get("title").asString()).isEqualTo("New match: CNC shop in Pune");
        }
    }

    @Test
    void reconnecting_with_last_event_id_replays_what_was_missed_in_order() {
        String buyer = "buyer-" + UUID.randomUUID();
        MatchProposed match = Events.match(buyer, "lst-2", "seller-2");
        try (SseClient client = new SseClient(port, buyer, null)) {
            await().atMost(PATIENCE).until(() -> client.status() == 200);
            Events.send(match);
            await().atMost(PATIENCE).until(() -> client.events().size() == 1);
        }
        Events.send(new InterestAccepted(match.matchId(), buyer, "lst-2", "seller-2"), match.matchId(), 2);
        Events.send(new InterestDeclined(match.matchId(), buyer, "lst-2", "seller-2", "x"), match.matchId(), 3);
        await().atMost(PATIENCE).until(() -> inbox(buyer).size() == 3);

        try (SseClient again = new SseClient(port, buyer, "1")) {
            await().atMost(PATIENCE).until(() -> again.events().size() >= 2);
            assertThat(ids(again)).containsExactly("2", "3");
            assertThat(again.events().get(1).data()).contains("INTEREST_DECLINED");
        }
    }

    @Test
    void a_user_on_another_instance_gets_what_this_one_consumed_exactly_once_through_redis() {
        int portB = startInstanceB();
        String buyer = "buyer-" + UUID.randomUUID();
        try (SseClient client = new SseClient(portB, buyer, null)) {
            await().atMost(PATIENCE).until(() -> client.status() == 200);
            MatchProposed match = Events.match(buyer, "lst-3", "seller-3");
            ProducerRecord<String, byte[]> record = Events.send(match);
            await().atMost(PATIENCE).until(() -> client.events().size() == 1);

            Events.send(record);
            Events.send(new InterestAccepted(match.matchId(), buyer, "lst-3", "seller-3"), match.matchId(), 2);
            await().atMost(PATIENCE).until(() -> client.events().size() >= 2);

            assertThat(ids(client)).containsExactly("1", "2");
        }
    }

    /**
     * A second instance of the service on the same PostgreSQL and Redis that consumes nothing and never
     * sweeps: whatever reaches its streams came from this instance through the Redis topic.
     */
    private static synchronized int startInstanceB() {
        if (instanceB == null) {
            Map<String, Object> properties = new HashMap<>();
            common((name, value) -> properties.put(name, value.get()));
            properties.put("server.port", 0);
            properties.put("spring.kafka.listener.auto-startup", false);
            properties.put("atlas.notifications.stream.sweep", "1h");
            properties.put("atlas.notifications.email.enabled", false);
            properties.put("logging.level.org.apache.kafka", "WARN");
            // As command-line arguments: they win over application.yml, as the test context's properties do.
            String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            instanceB = new SpringApplicationBuilder(NotificationsApplication.class).run(arguments);
        }
        return Integer.parseInt(instanceB.getEnvironment().getProperty("local.server.port"));
    }
}
