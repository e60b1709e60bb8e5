package io.msmeatlas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class LoginLimitsTest extends AuthServiceTestSupport {

    @Test
    void five_failed_logins_lock_the_account_even_for_the_right_password_and_say_when_to_retry() {
        String email = uniqueEmail("locked");
        register(email, PASSWORD, "BUYER");
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, "wrong-password-" + i).getStatusCode().value()).isEqualTo(401);
        }

        ResponseEntity<String> locked = login(email, PASSWORD);

        assertThat(locked.getStatusCode().value()).isEqualTo(429);
        assertThat(locked.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        long retryAfter = Long.parseLong(locked.getHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 15L * 60);
        Instant lockedUntil = Instant.parse(read(locked).get("lockedUntil").asString());
        assertThat(lockedUntil).isBetween(Instant.now().plusSeconds(14 * 60), Instant.now().plusSeconds(15 * 60 + 1));
        assertThat(read(locked).get("detail").asString()).contains("Try again after " + lockedUntil);
    }

    @Test
    void a_successful_login_starts_the_account_count_afresh() {
        String email = uniqueEmail("forgetful");
        register(email, PASSWORD, "BUYER");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(login(email, "wrong-password-" + i).getStatusCode().value()).isEqualTo(401);
            }
            assertThat(login(email, PASSWORD).getStatusCode().value()).as("round " + round).isEqualTo(200);
        }
    }

    @Test
    void twenty_failures_from_one_address_block_that_address_for_every_account() {
        String email = uniqueEmail("bystander");
        register(email, PASSWORD, "BUYER");
        for (int i = 0; i < 20; i++) {
            // A different account each time, so no account lock gets there first.
            assertThat(login(uniqueEmail("guess" + i), PASSWORD).getStatusCode().value()).isEqualTo(401);
        }

        ResponseEntity<String> blocked = login(email, PASSWORD);
        assertThat(blocked.getStatusCode().value()).isEqualTo(429);
        assertThat(blocked.getHeaders().getFirst("Retry-After")).isNotBlank();

        // An address the client writes in front of the gateway's entry changes nothing...
        ResponseEntity<String> spoofed = post("/api/auth/login", """
                {"email":"%s","password":"%s"}""".formatted(email, PASSWORD),
                Map.of("X-Forwarded-For", "198.51.100.9, " + clientAddress));
        assertThat(spoofed.getStatusCode().value()).isEqualTo(429);
        // ...while the same account from another address logs in.
        ResponseEntity<String> elsewhere = post("/api/auth/login", """
                {"email":"%s","password":"%s"}""".formatted(email, PASSWORD), Map.of("X-Forwarded-For", "192.0.2.77"));
        assertThat(elsewhere.getStatusCode().value()).isEqualTo(200);
    }
}
