package io.msmeatlas.lagexporter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * What a {@code read_committed} consumer would get first from a position: the timestamp of the oldest
 * record a group has not processed, or nothing (only transaction markers lie before the end).
 *
 * <p>Read with one consumer outside any group, and only for positions not seen before: a record's
 * timestamp never changes, so a group that stays at one offset costs one read, not one per round.
 * Positions are read in waves (one seek per partition each), so groups far apart on one partition
 * never make it read the records between them. The cache is bounded by its estimated size in bytes.
 */
final class RecordTimestamps {

    static final String CACHE_NAME = "record-timestamps";
    private static final Duration POLL = Duration.ofMillis(100);
    /** A cache entry without its topic name: key and value records, boxed numbers, Caffeine's node. */
    private static final int ENTRY_BYTES = 160;

    /** A partition and an offset in it. */
    record Position(TopicPartition partition, long offset) {
    }

    /** What lies at a position. */
    sealed interface FirstRecord {
    }

    /** The first visible record at or after the position has this timestamp (epoch milliseconds). */
    record Found(long timestamp) implements FirstRecord {
    }

    /** No visible record from the position up to {@code end}; true only while the end stays there. */
    record NoneBefore(long end) implements FirstRecord {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Cache<Position, FirstRecord> cache;
    private final Counter reads;
    private final Clock clock;

    RecordTimestamps(Consumer<byte[], byte[]> consumer, long maxCacheBytes, MeterRegistry meters, Clock clock) {
        this.consumer = consumer;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxCacheBytes)
                .weigher((Position position, FirstRecord first) -> ENTRY_BYTES + 2 * position.partition().topic().length())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, CACHE_NAME);
        Gauge.builder("cache.memory.estimate", cache, c -> c.policy().eviction().orElseThrow().weightedSize().orElse(0))
                .baseUnit("bytes").tag("cache", CACHE_NAME)
                .description("Estimated memory of the cache's entries").register(meters);
        Gauge.builder("cache.memory.limit", cache, c -> c.policy().eviction().orElseThrow().getMaximum())
                .baseUnit("bytes").tag("cache", CACHE_NAME)
                .description("The cache's bound on its estimated memory").register(meters);
        this.reads = Counter.builder("kafka.lag.exporter.position.reads")
                .description("Partition positions read from Kafka to find a record timestamp (cache misses)")
                .register(meters);
    }

    /**
     * @param positions where the groups are, each below its partition's end
     * @param ends the end (last stable offset) of every partition named in {@code positions}
     * @return what lies at each position; positions not read before the deadline are missing
     */
    Map<Position, FirstRecord> at(Collection<Position> positions, Map<TopicPartition, Long> ends, Instant deadline) {
        Map<Position, FirstRecord> result = new HashMap<>();
        Map<TopicPartition, NavigableSet<Long>> todo = new HashMap<>();
        for (Position position : positions) {
            FirstRecord known = cache.getIfPresent(position);
            if (known instanceof Found || known instanceof NoneBefore none && none.end() == ends.get(position.partition())) {
                result.put(position, known);
            } else {
                todo.computeIfAbsent(position.partition(), p -> new TreeSet<>()).add(position.offset());
            }
        }
        try {
            while (!todo.isEmpty() && clock.instant().isBefore(deadline)) {
                readWave(todo, ends, deadline, result);
            }
        } finally {
            consumer.assign(List.of());
        }
        return result;
    }

    /** Seeks every partition to its lowest open position and reads until each is resolved or time is up. */
    private void readWave(Map<TopicPartition, NavigableSet<Long>> todo, Map<TopicPartition, Long> ends,
            Instant deadline, Map<Position, FirstRecord> result) {
        consumer.assign(todo.keySet());
        consumer.resume(consumer.paused());
        todo.forEach((partition, offsets) -> consumer.seek(partition, offsets.first()));
        reads.increment(todo.size());
        Set<TopicPartition> waiting = new HashSet<>(todo.keySet());
        while (!waiting.isEmpty() && clock.instant().isBefore(deadline)) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (TopicPartition partition : records.partitions()) {
                if (!waiting.contains(partition)) {
                    continue;
                }
                long from = todo.get(partition).first();
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    if (record.offset() >= from) {
                        resolve(partition, todo.get(partition).headSet(record.offset(), true),
                                new Found(record.timestamp()), result);
                        waiting.remove(partition);
                        consumer.pause(Set.of(partition));
                        break;
                    }
                }
            }
            for (Iterator<TopicPartition> it = waiting.iterator(); it.hasNext(); ) {
                TopicPartition partition = it.next();
                long end = ends.get(partition);
                // The consumer moves past transaction markers without returning a record.
                if (positionOf(partition) >= end) {
                    resolve(partition, todo.get(partition), new NoneBefore(end), result);
                    it.remove();
                    consumer.pause(Set.of(partition));
                }
            }
        }
        todo.values().removeIf(Set::isEmpty);
    }

    private long positionOf(TopicPartition partition) {
        try {
            return consumer.position(partition, POLL);
        } catch (TimeoutException e) {
            return -1;
        }
    }

    private void resolve(TopicPartition partition, NavigableSet<Long> offsets, FirstRecord first,
            Map<Position, FirstRecord> result) {
        for (long offset : offsets) {
            Position position = new Position(partition, offset);
            cache.put(position, first);
            result.put(position, first);
        }
        offsets.clear();
    }
}
