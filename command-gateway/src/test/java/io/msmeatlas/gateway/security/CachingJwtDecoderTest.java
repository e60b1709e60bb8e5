package io.msmeatlas.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class CachingJwtDecoderTest {

    private final AtomicInteger verifications = new AtomicInteger();

    /** Stands in for signature and claim checks: "good-<epoch ms>" is valid until that instant. */
    private final ReactiveJwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(token.substring(5)));
        if (!Instant.now().isBefore(expiresAt)) {
            return Mono.error(new BadJwtException("expired"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("user-1")
                .issuedAt(Instant.now().minusSeconds(1)).expiresAt(expiresAt).build());
    };

    private final CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, Duration.ZERO, 100, Clock.systemUTC());

    @Test
    void a_token_seen_before_is_not_verified_again() {
        String token = "good-" + Instant.now().plusSeconds(600).toEpochMilli();

        Jwt first = decoder.decode(token).block();
        Jwt second = decoder.decode(token).block();

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void a_rejected_token_is_checked_every_time() {
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void a_cached_token_is_refused_once_it_expires() {
        String token = "good-" + Instant.now().plusMillis(800).toEpochMilli();
        assertThat(decoder.decode(token).block()).isNotNull();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> decoder.decode(token).block()).hasMessageContaining("expired"));
    }
}
