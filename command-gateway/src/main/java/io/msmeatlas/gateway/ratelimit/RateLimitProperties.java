package io.msmeatlas.gateway.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.http.HttpMethod;

/**
 * Per-client-IP request budgets ({@code atlas.rate-limit.*}); defaults are in {@code application.yml}.
 *
 * @param defaultLimit the budget of a request no policy matches
 * @param policies named budgets for some paths and methods; the first match (in configured order) applies
 * @param exemptCidrs client addresses never limited (e.g. a benchmark client or internal monitoring)
 * @param trustedProxies how many reverse proxies in front of the gateway append to X-Forwarded-For
 * @param redis where budgets are shared by all gateway instances
 */
@ConfigurationProperties("atlas.rate-limit")
public record RateLimitProperties(@Name("default") Limit defaultLimit, Map<String, Policy> policies,
        List<String> exemptCidrs, int trustedProxies, Redis redis) {

    public RateLimitProperties {
        policies = policies == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        exemptCidrs = exemptCidrs == null ? List.of()
                : exemptCidrs.stream().map(String::trim).filter(cidr -> !cidr.isEmpty()).toList();
        if (trustedProxies < 0) {
            throw new IllegalArgumentException("atlas.rate-limit.trusted-proxies must be 0 or more");
        }
    }

    /** {@code limit} requests in any sliding window of {@code period}: 20 per 2 s is 10/s with bursts of 20. */
    public record Limit(long limit, Duration period) {
    }

    /** @param methods the methods it covers; empty = all */
    public record Policy(List<String> paths, Set<HttpMethod> methods, long limit, Duration period) {

        public Policy {
            paths = paths == null ? List.of() : List.copyOf(paths);
            methods = methods == null ? Set.of() : Set.copyOf(methods);
        }
    }

    /**
     * @param url {@code redis://host:port} or {@code rediss://} for TLS
     * @param timeout the most one rate-limit decision may wait for Redis before the local limiter decides
     * @param retryInterval how long Redis is left alone after it failed before it is tried again
     * @param sslBundle the SSL bundle whose CAs a {@code rediss://} server must be signed by; none: the JDK's
     */
    public record Redis(String url, Duration timeout, Duration retryInterval, String sslBundle) {
    }
}
