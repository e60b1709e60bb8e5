package io.msmeatlas.gateway.ratelimit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides with the shared Redis budgets, and with this instance's local ones whenever Redis fails or
 * is slower than {@code atlas.rate-limit.redis.timeout}: a Redis outage must neither fail nor slow
 * every request. A circuit breaker stops asking a dead Redis for {@code retry-interval}, then lets one
 * request probe it; the first success switches back to the shared budgets.
 *
 * <p>Metrics: {@code gateway.ratelimit.fallback} counts decisions made locally,
 * {@code gateway.ratelimit.distributed} is 1 while Redis decides and 0 during an outage.
 */
@Component
class RateLimiting implements DisposableBean {

    static final String BREAKER = "redis-rate-limiter";
    private static final Logger log = LoggerFactory.getLogger(RateLimiting.class);

    private final RedisRateLimiter redis;
    private final LocalRateLimiter local;
    private final Duration redisTimeout;
    private final CircuitBreaker breaker;
    private final Counter fallbacks;
    private final AtomicBoolean distributed = new AtomicBoolean(true);

    RateLimiting(RateLimitProperties properties, CircuitBreakerRegistry breakers, MeterRegistry meters,
            SslBundles bundles) {
        this.redis = new RedisRateLimiter(properties.redis(), bundles);
        this.local = new LocalRateLimiter(longestPeriod(properties));
        this.redisTimeout = properties.redis().timeout();
        this.breaker = breakers.circuitBreaker(BREAKER, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.redis().retryInterval())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        this.fallbacks = Counter.builder("gateway.ratelimit.fallback")
                .description("Rate-limit decisions made by the local limiter because Redis was unavailable")
                .register(meters);
        Gauge.builder("gateway.ratelimit.distributed", distributed, up -> up.get() ? 1 : 0)
                .description("1 while rate limits are shared through Redis, 0 while each instance limits alone")
                .register(meters);
    }

    Mono<Decision> tryAcquire(String client, Quota quota) {
        return redis.tryAcquire(client, quota)
                .timeout(redisTimeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .doOnNext(decision -> redisIsBack())
                .onErrorResume(error -> Mono.fromSupplier(() -> {
                    redisFailed(error);
                    return local.tryAcquire(client, quota);
                }));
    }

    private void redisFailed(Throwable error) {
        fallbacks.increment();
        if (distributed.compareAndSet(true, false)) {
            log.warn("Redis is unavailable ({}): each gateway instance now enforces rate limits on its own",
                    error instanceof CallNotPermittedException ? "circuit open" : error.toString());
        }
    }

    private void redisIsBack() {
        if (distributed.compareAndSet(false, true)) {
            log.info("Redis is back: rate limits are shared by all gateway instances again");
        }
    }

    private static Duration longestPeriod(RateLimitProperties properties) {
        return Stream.concat(Stream.of(properties.defaultLimit().period()),
                        properties.policies().values().stream().map(RateLimitProperties.Policy::period))
                .max(Duration::compareTo)
                .orElseThrow();
    }

    @Override
    public void destroy() {
        redis.close();
    }
}
