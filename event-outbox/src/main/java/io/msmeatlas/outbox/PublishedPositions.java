package io.msmeatlas.outbox;

import io.msmeatlas.web.ConsistencyToken.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Bounded: it remembers the latest position of the most recently published aggregates only.
 */
final class PublishedPositions {

    private static final int RECENT_AGGREGATES = 10_000;

    private record Published(long sequenceNumber, Position position) {
    }

    private record Waiter(long sequenceNumber, CompletableFuture<Position> result) {
    }

    private final Map<String, Published> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Published> eldest) {
            return size() > RECENT_AGGREGATES;
        }
    };
    // Lists are only touched inside compute*, which ConcurrentHashMap runs atomically per key.
    private final Map<String, List<Waiter>> waiting = new ConcurrentHashMap<>();

    void published(String aggregateId, long sequenceNumber, Position position) {
        synchronized (recent) {
            recent.put(aggregateId, new Published(sequenceNumber, position));
        }
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
        synchronized (recent) {
            Published published = recent.get(aggregateId);
            return published != null && published.sequenceNumber() >= sequenceNumber
                    ? Optional.of(published.position()) : Optional.empty();
        }
    }
}
