package io.msmeatlas.outbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.msmeatlas.web.ConsistencyToken.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the relay's recent events landed in Kafka, per aggregate, and the commands waiting to know.
 * Bounded by weight: it remembers the latest position of the most recently published aggregates only,
 * about 3 MB of them (some 11,000 aggregates with UUID ids), and exports its size and memory as the
 * {@code outbox-positions} cache.
 */
final class PublishedPositions {

    static final String CACHE_NAME = "outbox-positions";
    /** An entry without its aggregate id: Caffeine's node, the two records and the boxed numbers. */
    private static final int ENTRY_BYTES = 200;
    private static final long MAX_BYTES = 3L * 1024 * 1024;

    private record Published(long sequenceNumber, Position position) {
    }

    private record Waiter(long sequenceNumber, CompletableFuture<Position> result) {
    }

    private final Cache<String, Published> recent = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String aggregateId, Published published) -> ENTRY_BYTES + 2 * aggregateId.length())
            // Evict on the writing thread (the relay's): cheap, and the bound holds at once.
            .executor(Runnable::run)
            .recordStats()
            .build();
    // Lists are only touched inside compute*, which ConcurrentHashMap runs atomically per key.
    private final Map<String, List<Waiter>> waiting = new ConcurrentHashMap<>();

    PublishedPositions(MeterRegistry meters) {
        CaffeineCacheMetrics.monitor(meters, recent, CACHE_NAME);
        Gauge.builder("cache.memory.estimate", recent, c -> c.policy().eviction().orElseThrow().weightedSize().orElse(0))
                .baseUnit("bytes").tag("cache", CACHE_NAME)
                .description("Estimated memory of the cache's entries").register(meters);
        Gauge.builder("cache.memory.limit", recent, c -> c.policy().eviction().orElseThrow().getMaximum())
                .baseUnit("bytes").tag("cache", CACHE_NAME)
                .description("The cache's bound on its estimated memory").register(meters);
    }

    void published(String aggregateId, long sequenceNumber, Position position) {
        recent.put(aggregateId, new Published(sequenceNumber, position));
        waiting.computeIfPresent(aggregateId, (id, waiters) -> {
            waiters.removeIf(waiter -> sequenceNumber >= waiter.sequenceNumber() && waiter.result().complete(position));
            return waiters.isEmpty() ? null : waiters;
        });
    }

    Optional<Position> await(String aggregateId, long sequenceNumber, Duration timeout) {
        Waiter waiter = new Waiter(sequenceNumber, new CompletableFuture<>());
        // Register before looking at what was published, so that a publication in between is not missed.
        waiting.compute(aggregateId, (id, waiters) -> {
            List<Waiter> list = waiters == null ? new ArrayList<>() : waiters;
            list.add(waiter);
            return list;
        });
        try {
            Optional<Position> already = lookup(aggregateId, sequenceNumber);
            if (already.isPresent()) {
                return already;
            }
            return Optional.of(waiter.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return lookup(aggregateId, sequenceNumber);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            waiting.computeIfPresent(aggregateId, (id, waiters) -> {
                waiters.remove(waiter);
                return waiters.isEmpty() ? null : waiters;
            });
        }
    }

    private Optional<Position> lookup(String aggregateId, long sequenceNumber) {
        Published published = recent.getIfPresent(aggregateId);
        return published != null && published.sequenceNumber() >= sequenceNumber
                ? Optional.of(published.position()) : Optional.empty();
    }
}
