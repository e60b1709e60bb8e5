package io.msmeatlas.gateway.ratelimit;

import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.ssl.SslBundles;
import reactor.core.publisher.Mono;

/**
 * Budgets shared by every gateway instance: one Redisson {@link RRateLimiter} (a sliding window kept in
 * Redis) per policy and client. Async calls only, so the event loop never waits on Redis.
 */
final class RedisRateLimiter implements AutoCloseable {

    /** Redisson's error for a limiter whose settings do not exist (first use, or expired after idling). */
    private static final String NOT_INITIALIZED = "RateLimiter is not initialized";

    private final RedissonClient redisson;

    RedisRateLimiter(RateLimitProperties.Redis redis, SslBundles bundles) {
        int timeoutMillis = (int) redis.timeout().toMillis();
        Config config = new Config()
                // Connect on first use: the gateway starts, and limits locally, while Redis is down.
                .setLazyInitialization(true)
                // One short script per request needs few threads and connections.
                .setNettyThreads(4);
        config.useSingleServer()
                .setAddress(redis.url())
                .setConnectTimeout(timeoutMillis)
                .setTimeout(timeoutMillis)
                // A failed call falls back to the local limiter at once rather than being retried.
                .setRetryAttempts(0)
                .setConnectionMinimumIdleSize(4);
        // For rediss://: the server's certificate must be signed by one of the bundle's CAs.
        if (redis.sslBundle() != null && bundles.getBundleNames().contains(redis.sslBundle())) {
            config.setSslTrustManagerFactory(bundles.getBundle(redis.sslBundle()).getManagers().getTrustManagerFactory());
        }
        this.redisson = Redisson.create(config);
    }

    Mono<Decision> tryAcquire(String client, Quota quota) {
        RRateLimiter limiter = redisson.getRateLimiter(quota.key(client));
        return Mono.fromCompletionStage(limiter::tryAcquireAsync)
                .onErrorResume(RedisRateLimiter::notInitialized, missing -> Mono
                        // Keys expire one period after their last use: idle clients cost Redis nothing.
                        .fromCompletionStage(() -> limiter.trySetRateAsync(RateType.OVERALL, quota.limit(),
                                quota.period(), quota.period()))
                        .then(Mono.fromCompletionStage(limiter::tryAcquireAsync)))
                .map(acquired -> acquired ? Decision.allowed(quota, -1) : Decision.rejected(quota));
    }

    private static boolean notInitialized(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(NOT_INITIALIZED)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        // Without Redisson's default 2 s quiet period.
        redisson.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
