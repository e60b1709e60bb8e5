package io.msmeatlas.lagexporter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.lagexporter.RecordTimestamps.FirstRecord;
import io.msmeatlas.lagexporter.RecordTimestamps.Found;
import io.msmeatlas.lagexporter.RecordTimestamps.Position;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round: the consumer groups, their committed offsets, the partitions' ends and, where a group is
 * behind, the timestamp of the oldest record it has not processed; also the ends of the watched topics
 * (dead-letter topics). Six AdminClient requests whatever the number of groups and partitions (each
 * batched per broker by the client), plus record reads for positions not seen before.
 *
 * <p>Ends are last stable offsets (isolation {@code read_committed}), which is what our consumers
 * read up to. A group whose committed offset is one below the end because the last offset is a
 * transaction marker (Spring Kafka commits the last record's offset + 1) is not behind: no record
 * lies between, and its lag is 0.
 */
final class LagSampler {

    private static final Logger log = LoggerFactory.getLogger(LagSampler.class);

    private final Admin admin;
    private final RecordTimestamps timestamps;
    private final LagExporterProperties properties;
    private final Clock clock;
    private final Counter partialFailures;

    LagSampler(Admin admin, RecordTimestamps timestamps, LagExporterProperties properties, Clock clock,
            MeterRegistry meters) {
        this.admin = admin;
        this.timestamps = timestamps;
        this.properties = properties;
        this.clock = clock;
        this.partialFailures = Counter.builder("kafka.lag.exporter.partial.failures")
                .description("Groups or partitions left out of a round because the broker could not answer for them")
                .register(meters);
    }

    LagSnapshot sample() throws InterruptedException, ExecutionException, TimeoutException {
        Instant started = clock.instant();
        Instant deadline = started.plus(properties.timeout());
        List<String> groups = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), deadline).stream()
                .map(GroupListing::groupId)
                .filter(properties.groups().asMatchPredicate())
                .sorted()
                .toList();
        Map<String, Map<TopicPartition, Long>> committed = groups.isEmpty() ? Map.of() : committedOffsets(groups, deadline);
        Map<String, Integer> members = groups.isEmpty() ? Map.of() : members(groups, deadline);
        Set<TopicPartition> partitions = watchedPartitions(deadline);
        committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
        Map<TopicPartition, Long> ends = partitions.isEmpty() ? Map.of() : ends(partitions, deadline);

        Set<Position> behind = new HashSet<>();
        committed.values().forEach(offsets -> offsets.forEach((partition, offset) -> {
            Long end = ends.get(partition);
            if (end != null && offset < end) {
                behind.add(new Position(partition, offset));
            }
        }));
        Map<Position, FirstRecord> first = timestamps.at(behind, ends, deadline);

        long now = clock.millis();
        List<PartitionLag> lags = new ArrayList<>();
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> {
            Long end = ends.get(partition);
            if (end != null) {
                lags.add(lag(group, partition, offset, end, first.get(new Position(partition, offset)), now));
            }
        }));
        lags.sort(Comparator.comparing(PartitionLag::group).thenComparing(PartitionLag::topic)
                .thenComparingInt(PartitionLag::partition));
        return new LagSnapshot(started, List.copyOf(lags), members, ends);
    }

    /** Every partition of the topics {@code topics} names. */
    private Set<TopicPartition> watchedPartitions(Instant deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> topics = get(admin.listTopics().names(), deadline).stream()
                .filter(properties.topics().asMatchPredicate())
                .toList();
        Set<TopicPartition> partitions = new HashSet<>();
        if (!topics.isEmpty()) {
            get(admin.describeTopics(topics).allTopicNames(), deadline).forEach((topic, description) ->
                    description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        }
        return partitions;
    }

    private static PartitionLag lag(String group, TopicPartition partition, long committed, long end,
            FirstRecord first, long now) {
        if (committed >= end) {
            return new PartitionLag(group, partition.topic(), partition.partition(), committed, end, 0, 0);
        }
        if (first instanceof Found found) {
            double seconds = Math.max(0, now - found.timestamp()) / 1000.0;
            return new PartitionLag(group, partition.topic(), partition.partition(), committed, end, end - committed, seconds);
        }
        if (first == null) {
            // Not read in time: the offsets are known, the age is not.
            return new PartitionLag(group, partition.topic(), partition.partition(), committed, end, end - committed,
                    Double.NaN);
        }
        // Only transaction markers between the committed offset and the end.
        return new PartitionLag(group, partition.topic(), partition.partition(), committed, end, 0, 0);
    }

    /** Per group, the committed offset of each partition it has one for; a group the broker cannot answer for is left out. */
    private Map<String, Map<TopicPartition, Long>> committedOffsets(List<String> groups, Instant deadline)
            throws InterruptedException {
        Map<String, ListConsumerGroupOffsetsSpec> specs = groups.stream()
                .collect(Collectors.toMap(Function.identity(), g -> new ListConsumerGroupOffsetsSpec()));
        var result = admin.listConsumerGroupOffsets(specs);
        Map<String, Map<TopicPartition, Long>> committed = new LinkedHashMap<>();
        for (String group : groups) {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = get(result.partitionsToOffsetAndMetadata(group), deadline);
                Map<TopicPartition, Long> known = new HashMap<>();
                offsets.forEach((partition, offset) -> {
                    if (offset != null) {
                        known.put(partition, offset.offset());
                    }
                });
                committed.put(group, known);
            } catch (ExecutionException | TimeoutException e) {
                partialFailures.increment();
                log.warn("No committed offsets for group {}: {}", group, e.getMessage());
            }
        }
        return committed;
    }

    private Map<String, Integer> members(List<String> groups, Instant deadline) throws InterruptedException {
        Map<String, KafkaFuture<ConsumerGroupDescription>> described = admin.describeConsumerGroups(groups).describedGroups();
        Map<String, Integer> members = new LinkedHashMap<>();
        for (String group : groups) {
            try {
                members.put(group, get(described.get(group), deadline).members().size());
            } catch (ExecutionException | TimeoutException e) {
                partialFailures.increment();
                log.warn("Could not describe group {}: {}", group, e.getMessage());
            }
        }
        return members;
    }

    /** Last stable offsets; a partition that no longer exists (its topic was deleted) is left out. */
    private Map<TopicPartition, Long> ends(Set<TopicPartition> partitions, Instant deadline) throws InterruptedException {
        ListOffsetsResult result = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition partition : partitions) {
            try {
                ends.put(partition, get(result.partitionResult(partition), deadline).offset());
            } catch (ExecutionException | TimeoutException e) {
                partialFailures.increment();
                log.debug("No end offset for {}: {}", partition, e.getMessage());
            }
        }
        return ends;
    }

    private <T> T get(KafkaFuture<T> future, Instant deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        long left = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
        return future.get(left, TimeUnit.MILLISECONDS);
    }
}
