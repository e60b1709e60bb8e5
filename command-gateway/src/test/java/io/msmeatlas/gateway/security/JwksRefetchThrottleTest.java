package io.msmeatlas.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/** Tokens with made-up key ids cannot make the gateway fetch the JWKS more than once per cooldown. */
class JwksRefetchThrottleTest {

    private static final ClientRequest FETCH = ClientRequest.create(HttpMethod.GET, URI.create("http://auth/jwks")).build();

    private final AtomicInteger fetches = new AtomicInteger();
    private HttpStatus answer = HttpStatus.OK;
    private final ExchangeFunction authService = request -> Mono.fromSupplier(() -> ClientResponse.create(answer)
            .body("{\"keys\":[],\"n\":" + fetches.incrementAndGet() + "}").build());
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final JwksRefetchThrottle throttle = new JwksRefetchThrottle(Duration.ofSeconds(5), new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    });

    @Test
    void a_fetch_within_the_cooldown_is_answered_with_the_last_key_set() {
        assertThat(fetch()).isEqualTo("{\"keys\":[],\"n\":1}");
        now = now.plusSeconds(4);

        assertThat(fetch()).isEqualTo("{\"keys\":[],\"n\":1}");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void after_the_cooldown_the_key_set_is_fetched_again() {
        fetch();
        now = now.plusSeconds(5);

        assertThat(fetch()).isEqualTo("{\"keys\":[],\"n\":2}");
    }

    @Test
    void a_failed_fetch_is_not_remembered() {
        answer = HttpStatus.SERVICE_UNAVAILABLE;
        throttle.filter(FETCH, authService).block();
        answer = HttpStatus.OK;

        assertThat(fetch()).isEqualTo("{\"keys\":[],\"n\":2}");
    }

    private String fetch() {
        return throttle.filter(FETCH, authService).flatMap(response -> response.bodyToMono(String.class)).block();
    }
}
