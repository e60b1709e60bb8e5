package io.msmeatlas.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * This instance's own budgets, used while Redis is unreachable: the same limits, counted per gateway
 * instance. Resilience4j counts in fixed periods rather than a sliding window, close enough for an
 * outage. At most {@value #MAX_CLIENTS} budgets are kept (least recently used go first), each dropped
 * after a longest period unused, when it would be whole again anyway.
 */
final class LocalRateLimiter {

    static final int MAX_CLIENTS = 10_000;

    private final Cache<String, RateLimiter> limiters;

    LocalRateLimiter(Duration longestPeriod) {
        this.limiters = Caffeine.newBuilder()
                .maximumSize(MAX_CLIENTS)
                .expireAfterAccess(longestPeriod)
                .build();
    }

    Decision tryAcquire(String client, Quota quota) {
        RateLimiter limiter = limiters.get(quota.key(client), key -> RateLimiter.of(key, RateLimiterConfig.custom()
                .limitForPeriod((int) Math.min(quota.limit(), Integer.MAX_VALUE))
                .limitRefreshPeriod(quota.period())
                .timeoutDuration(Duration.ZERO)
                .build()));
        return limiter.acquirePermission()
                ? Decision.allowed(quota, Math.max(0, limiter.getMetrics().getAvailablePermissions()))
                : Decision.rejected(quota);
    }
}
