package io.msmeatlas.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.gateway.errors.ProblemResponseWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Limits requests per client address before anything else costs work (authentication included, so
 * token guessing and login attempts are limited too). Over budget: 429 problem with
 * {@code Retry-After}. Headers follow the IETF RateLimit fields draft: {@code RateLimit-Limit} on every
 * limited response, {@code RateLimit-Remaining} when known, and on a 429 {@code RateLimit-Reset}.
 * Rejections are counted in {@code gateway.ratelimit.rejected}, tagged by policy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class RateLimitFilter implements WebFilter {

    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";
    static final String DEFAULT_POLICY = "default";

    private record Policy(Quota quota, List<PathPattern> paths, Set<HttpMethod> methods) {

        boolean matches(ServerHttpRequest request) {
            return (methods.isEmpty() || methods.contains(request.getMethod()))
                    && paths.stream().anyMatch(path -> path.matches(request.getPath().pathWithinApplication()));
        }
    }

    private final RateLimiting limits;
    private final ProblemResponseWriter problems;
    private final MeterRegistry meters;
    private final ClientAddresses clientAddresses;
    private final List<Cidr> exempt;
    private final List<Policy> policies;
    private final Quota defaultQuota;

    RateLimitFilter(RateLimitProperties properties, RateLimiting limits, ProblemResponseWriter problems,
            MeterRegistry meters) {
        this.limits = limits;
        this.problems = problems;
        this.meters = meters;
        this.clientAddresses = new ClientAddresses(properties.trustedProxies());
        this.exempt = properties.exemptCidrs().stream().map(Cidr::parse).toList();
        this.policies = properties.policies().entrySet().stream()
                .map(entry -> new Policy(
                        new Quota(entry.getKey(), entry.getValue().limit(), entry.getValue().period()),
                        entry.getValue().paths().stream().map(PathPatternParser.defaultInstance::parse).toList(),
                        entry.getValue().methods()))
                .toList();
        this.defaultQuota = new Quota(DEFAULT_POLICY, properties.defaultLimit().limit(),
                properties.defaultLimit().period());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        InetAddress client = clientAddresses.resolve(exchange.getRequest());
        if (client != null && exempt.stream().anyMatch(cidr -> cidr.contains(client))) {
            return chain.filter(exchange);
        }
        Quota quota = quotaFor(exchange.getRequest());
        return limits.tryAcquire(client == null ? "unknown" : client.getHostAddress(), quota)
                .flatMap(decision -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set(LIMIT, String.valueOf(decision.limit()));
                    if (decision.remaining() >= 0) {
                        headers.set(REMAINING, String.valueOf(decision.remaining()));
                    }
                    return decision.allowed() ? chain.filter(exchange) : reject(exchange, quota, decision);
                });
    }

    private Quota quotaFor(ServerHttpRequest request) {
        return policies.stream().filter(policy -> policy.matches(request)).findFirst()
                .map(Policy::quota)
                .orElse(defaultQuota);
    }

    private Mono<Void> reject(ServerWebExchange exchange, Quota quota, Decision decision) {
        Counter.builder("gateway.ratelimit.rejected")
                .description("Requests refused with 429")
                .tag("policy", quota.policy())
                .register(meters)
                .increment();
        // An upper bound: the sliding window frees a permit at the latest one period after it was taken.
        String seconds = String.valueOf(ceilSeconds(decision.reset()));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, seconds);
        headers.set(REMAINING, "0");
        headers.set(RESET, seconds);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests: the limit is " + quota.limit() + " per " + ceilSeconds(quota.period())
                        + " s. Retry after " + seconds + " s.");
        problem.setProperty("policy", quota.policy());
        return problems.write(exchange, problem, headers);
    }

    private static long ceilSeconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
