package io.msmeatlas.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.msmeatlas.infra.Ports;
import io.msmeatlas.infra.SharedInfrastructure;
import java.time.Duration;
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
 * The notifications service on this JVM's real PostgreSQL, Kafka and Redis, with a real in-process SMTP
 * server (GreenMail), fed events on Kafka and read over HTTP. One Spring context for every class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN"})
abstract class NotificationsServiceTestSupport {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final int SMTP_PORT = Ports.findFree();
    static GreenMail mail = startMail();

    final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        common(registry::add);
    }

    /** The settings every instance of the service in these tests gets. */
    static void common(java.util.function.BiConsumer<String, java.util.function.Supplier<Object>> registry) {
        registry.accept("spring.datasource.url", () -> SharedInfrastructure.postgres().jdbcUrl());
        registry.accept("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
        registry.accept("atlas.notifications.redis.url", () -> "redis://localhost:" + SharedInfrastructure.redis().port());
        registry.accept("spring.mail.host", () -> "127.0.0.1");
        registry.accept("spring.mail.port", () -> SMTP_PORT);
        registry.accept("atlas.notifications.email.enabled", () -> "true");
        registry.accept("atlas.notifications.email.poll", () -> "200ms");
        registry.accept("atlas.notifications.email.initial-backoff", () -> "200ms");
        registry.accept("atlas.notifications.email.max-backoff", () -> "1s");
    }

    static synchronized GreenMail startMail() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    RestClient as(String userId) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("X-User-Id", userId)
                .defaultHeader("X-User-Roles", "BUYER")
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    ResponseEntity<String> get(String userId, String path) {
        return as(userId).get().uri(path).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> post(String userId, String path) {
        return as(userId).post().uri(path).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> put(String userId, String path, String body) {
        return as(userId).put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(String.class);
    }

    JsonNode body(ResponseEntity<String> response) {
        return json.readTree(response.getBody());
    }

    /** The user's inbox, newest first. */
    JsonNode inbox(String userId) {
        return body(get(userId, "/api/notification/inbox")).get("items");
    }
}
