package io.msmeatlas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.infra.TopicReader;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventSchemaValidator;
import io.msmeatlas.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class UserEventsTest extends AuthServiceTestSupport {

    private final EventSchemaValidator validator = new EventSchemaValidator();

    @Test
    void a_registration_is_published_as_user_registered_with_a_cloudevents_envelope_and_no_secret() {
        String email = uniqueEmail("Nisha");
        ResponseEntity<String> created = post("/api/auth/register", """
                {"email":"%s","password":"%s","displayName":"Nisha Iyer","role":"SELLER"}""".formatted(email, PASSWORD),
                Map.of("X-Request-Id", "req-register-1"));
        String id = read(created).get("id").asString();
        String refreshToken = tokens(email, PASSWORD).get("refreshToken").asString();

        ConsumerRecord<String, byte[]> record = awaitEvent(id);
        EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
        assertThat(envelope.type()).isEqualTo("io.msmeatlas.user.UserRegistered");
        assertThat(envelope.source()).isEqualTo("/msmeatlas/auth");
        assertThat(envelope.subject()).isEqualTo(id);
        assertThat(envelope.sequence()).isZero();
        assertThat(envelope.dataSchema()).isEqualTo("urn:msmeatlas:schema:user:UserRegistered:v1");
        assertThat(envelope.correlationId()).isEqualTo("req-register-1");
        assertThat(validator.violations(EventContracts.forCeType(envelope.type()).orElseThrow(), record.value()))
                .isEmpty();

        String payload = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(payload).isEqualTo("""
                {"userId":"%s","email":"%s","displayName":"Nisha Iyer","role":"SELLER"}""".formatted(id, email.toLowerCase()));
        String hash = jdbc.queryForObject("select password_hash from credentials where user_id = ?", String.class, id);
        assertThat(payload).doesNotContain(PASSWORD).doesNotContain(hash).doesNotContain("$2b$")
                .doesNotContain(refreshToken).doesNotContainIgnoringCase("password")
                .doesNotContainIgnoringCase("hash").doesNotContainIgnoringCase("token");
    }

    private ConsumerRecord<String, byte[]> awaitEvent(String userId) {
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka().bootstrapServers(), Topics.USER_EVENTS)) {
            return await().atMost(Duration.ofSeconds(60)).until(
                    () -> reader.poll().stream().filter(r -> userId.equals(r.key())).findFirst().orElse(null),
                    record -> record != null);
        }
    }
}
