package io.msmeatlas.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Answers a token that passed every check before from memory, until it expires. Verifying an RS256
 * signature and parsing the claims cost about a third of the gateway's CPU per request, for a token
 * a client sends again and again. Only verified tokens are kept, each until its {@code exp} plus the
 * allowed clock skew (exactly when the validator would start refusing it), and the cache is bounded.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;

    CachingJwtDecoder(ReactiveJwtDecoder delegate, Duration clockSkew, long maximumSize, Clock clock) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> remaining(jwt, clockSkew, clock)))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return Mono.just(known);
        }
        return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }

    private static Duration remaining(Jwt jwt, Duration clockSkew, Clock clock) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), expiresAt.plus(clockSkew));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
