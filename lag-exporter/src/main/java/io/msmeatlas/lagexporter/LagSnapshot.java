package io.msmeatlas.lagexporter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One round's result: every exported group's lag per partition, its number of members, and the end
 * offsets of the partitions groups read and of the watched topics.
 */
record LagSnapshot(Instant takenAt, List<PartitionLag> partitions, Map<String, Integer> members,
        Map<TopicPartition, Long> ends) {

    static LagSnapshot empty(Instant at) {
        return new LagSnapshot(at, List.of(), Map.of(), Map.of());
    }
}
