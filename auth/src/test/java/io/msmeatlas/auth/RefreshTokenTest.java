package io.msmeatlas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class RefreshTokenTest extends AuthServiceTestSupport {

    @Autowired
    RedissonClient redis;

    @Test
    void each_refresh_rotates_the_token_and_the_spent_one_is_refused() {
        String email = uniqueEmail("kiran");
        register(email, PASSWORD, "BUYER");
        String first = tokens(email, PASSWORD).get("refreshToken").asString();

        ResponseEntity<String> rotated = refresh(first);
        assertThat(rotated.getStatusCode().value()).isEqualTo(200);
        String second = read(rotated).get("refreshToken").asString();
        assertThat(second).isNotEqualTo(first);

        ResponseEntity<String> spent = refresh(first);
        assertThat(spent.getStatusCode().value()).isEqualTo(401);
        assertThat(spent.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void reusing_a_rotated_refresh_token_revokes_the_whole_family_but_not_other_logins() {
        String email = uniqueEmail("deepa");
        register(email, PASSWORD, "BUYER");
        String first = tokens(email, PASSWORD).get("refreshToken").asString();
        String otherDevice = tokens(email, PASSWORD).get("refreshToken").asString();
        String second = read(refresh(first)).get("refreshToken").asString();
        String newest = read(refresh(second)).get("refreshToken").asString();

        assertThat(refresh(first).getStatusCode().value()).as("reuse of a rotated token").isEqualTo(401);

        assertThat(refresh(newest).getStatusCode().value()).as("the family's newest token").isEqualTo(401);
        assertThat(refresh(otherDevice).getStatusCode().value()).as("another login's family").isEqualTo(200);
    }

    @Test
    void logout_revokes_every_token_of_the_login() {
        String email = uniqueEmail("arjun");
        register(email, PASSWORD, "BUYER");
        String first = tokens(email, PASSWORD).get("refreshToken").asString();
        String second = read(refresh(first)).get("refreshToken").asString();

        assertThat(post("/api/auth/logout", "{\"refreshToken\":\"" + first + "\"}").getStatusCode().value())
                .isEqualTo(204);

        assertThat(refresh(second).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void redis_holds_the_hash_of_a_refresh_token_never_the_token() throws Exception {
        String email = uniqueEmail("hashed");
        register(email, PASSWORD, "BUYER");
        String token = tokens(email, PASSWORD).get("refreshToken").asString();
        String hash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));

        List<String> keys = redis.getKeys().getKeysStreamByPattern("auth:*").collect(Collectors.toList());

        assertThat(keys).contains("auth:refresh-token:" + hash).noneMatch(key -> key.contains(token));
        assertThat(redis.getKeys().remainTimeToLive("auth:refresh-token:" + hash))
                .isPositive().isLessThanOrEqualTo(14L * 24 * 3600 * 1000);
    }
}
