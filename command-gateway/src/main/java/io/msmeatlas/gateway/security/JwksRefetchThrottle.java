package io.msmeatlas.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Spring Security's JWKS source caches the key set and fetches it again for every token whose
 * {@code kid} it does not know, without any pause. This filter on its web client answers a fetch from
 * the last fetched key set while that is younger than the cooldown, so a stream of tokens with made-up
 * key ids costs at most one fetch per cooldown.
 */
final class JwksRefetchThrottle implements ExchangeFilterFunction {

    private record Fetched(String body, Instant at) {
    }

    private final Duration cooldown;
    private final Clock clock;
    private volatile Fetched last;

    JwksRefetchThrottle(Duration cooldown, Clock clock) {
        this.cooldown = cooldown;
        this.clock = clock;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        Fetched fetched = last;
        if (fetched != null && clock.instant().isBefore(fetched.at().plus(cooldown))) {
            return Mono.just(response(fetched.body()));
        }
        return next.exchange(request).flatMap(response -> {
            if (!response.statusCode().is2xxSuccessful()) {
                return Mono.just(response);
            }
            return response.bodyToMono(String.class).map(body -> {
                last = new Fetched(body, clock.instant());
                return response(body);
            });
        });
    }

    private static ClientResponse response(String body) {
        return ClientResponse.create(HttpStatus.OK)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .body(body)
                .build();
    }
}
