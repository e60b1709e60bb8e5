package io.msmeatlas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class RedisDownTest extends AuthServiceTestSupport {

    @Test
    void while_redis_is_down_login_refresh_and_logout_answer_503_with_retry_after_and_work_again_after() {
        String email = uniqueEmail("outage");
        register(email, PASSWORD, "BUYER");
        String refreshToken = tokens(email, PASSWORD).get("refreshToken").asString();
        String body = "{\"refreshToken\":\"" + refreshToken + "\"}";

        SharedInfrastructure.redis().stop();
        try {
            for (ResponseEntity<String> response : List.of(login(email, PASSWORD), login(email, "wrong-password-1"),
                    refresh(refreshToken), post("/api/auth/logout", body))) {
                assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(503);
                assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
                assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
            assertThat(post("/api/auth/register", """
                    {"email":"%s","password":"%s","displayName":"No Redis Needed","role":"SELLER"}"""
                    .formatted(uniqueEmail("during"), PASSWORD)).getStatusCode().value()).isEqualTo(201);
            assertThat(get("/actuator/health", Map.of()).getStatusCode().value()).isEqualTo(503);
        } finally {
            SharedInfrastructure.redis().start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(login(email, PASSWORD).getStatusCode().value()).isEqualTo(200));
    }
}
