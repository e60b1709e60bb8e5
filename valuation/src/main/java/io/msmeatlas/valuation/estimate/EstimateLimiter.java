package io.msmeatlas.valuation.estimate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.msmeatlas.valuation.ValuationProperties;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller for the what-if endpoint: {@code permits} at once, refilled evenly over
 * {@code period}. The buckets live in a bounded cache (the least recently used callers' are dropped,
 * idle ones expire once full again), so memory stays flat whatever the number of callers. Per
 * instance: behind the gateway's own per-address limit, this bounds what one user can make the
 * model do.
 */
final class EstimateLimiter {

    static final String CACHE_NAME = "valuation-estimate-callers";
    /** A bucket with its key: Caffeine's node with access order, the bucket, a user id of a UUID's length. */
    private static final int ENTRY_BYTES = 250;

    private final Cache<String, Bucket> buckets;
    private final int permits;
    private final long nanosPerPermit;
    private final LongSupplier nanoTime;

    EstimateLimiter(ValuationProperties.Estimate settings, LongSupplier nanoTime, MeterRegistry meters) {
        this.permits = settings.permits();
        this.nanosPerPermit = settings.period().toNanos() / settings.permits();
        this.nanoTime = nanoTime;
        this.buckets = Caffeine.newBuilder().maximumSize(settings.maxCallers())
                .expireAfterAccess(settings.period()).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, buckets, CACHE_NAME);
        // Entries are all alike, so the count bounds the memory: size x entry estimate.
        Gauge.builder("cache.memory.estimate", buckets, c -> (double) c.estimatedSize() * ENTRY_BYTES)
                .baseUnit("bytes").tag("cache", CACHE_NAME)
                .description("Estimated memory of the cache's entries").register(meters);
        Gauge.builder("cache.memory.limit", settings, s -> (double) s.maxCallers() * ENTRY_BYTES)
                .baseUnit("bytes").tag("cache", CACHE_NAME)
                .description("The cache's bound on its estimated memory").register(meters);
    }

    /** Zero when {@code caller} may go ahead (a permit is taken), else how long until the next permit. */
    Duration acquire(String caller) {
        long now = nanoTime.getAsLong();
        return buckets.get(caller, key -> new Bucket(permits, now)).take(now, permits, nanosPerPermit);
    }

    private static final class Bucket {

        private double tokens;
        private long updated;

        Bucket(int tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Duration take(long now, int capacity, long nanosPerPermit) {
            tokens = Math.min(capacity, tokens + (double) (now - updated) / nanosPerPermit);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerPermit));
        }
    }
}
