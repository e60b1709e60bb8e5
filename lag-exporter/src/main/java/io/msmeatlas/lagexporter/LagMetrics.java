package io.msmeatlas.lagexporter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * The last round's lags as Prometheus series, replaced whole after every round: a group or partition
 * that is gone loses its series instead of repeating its last value.
 *
 * <ul>
 *   <li>{@code kafka_consumergroup_lag_records{group,topic,partition}}: offsets behind the end</li>
 *   <li>{@code kafka_consumergroup_lag_seconds{group,topic,partition}}: how long the oldest unprocessed
 *       record has been waiting</li>
 *   <li>{@code kafka_consumergroup_committed_offset{group,topic,partition}},
 *       {@code kafka_topic_partition_end_offset{topic,partition}}: the two ends, for rates; the latter
 *       also for the watched topics no group reads (dead-letter topics)</li>
 *   <li>{@code kafka_consumergroup_members{group}}: 0 means nobody consumes for that group</li>
 * </ul>
 */
final class LagMetrics {

    private final MultiGauge lagRecords;
    private final MultiGauge lagSeconds;
    private final MultiGauge committed;
    private final MultiGauge ends;
    private final MultiGauge members;

    LagMetrics(MeterRegistry meters) {
        lagRecords = MultiGauge.builder("kafka.consumergroup.lag.records")
                .description("Offsets between a group's committed offset and the partition's last stable offset")
                .register(meters);
        lagSeconds = MultiGauge.builder("kafka.consumergroup.lag.seconds")
                .description("Seconds the oldest record a group has not processed has been waiting (0 when caught up)")
                .register(meters);
        committed = MultiGauge.builder("kafka.consumergroup.committed.offset")
                .description("A group's committed offset").register(meters);
        ends = MultiGauge.builder("kafka.topic.partition.end.offset")
                .description("A partition's last stable offset").register(meters);
        members = MultiGauge.builder("kafka.consumergroup.members")
                .description("Members of a consumer group").register(meters);
    }

    void publish(LagSnapshot snapshot) {
        List<PartitionLag> lags = snapshot.partitions();
        lagRecords.register(lags.stream().map(l -> Row.of(tags(l), l.lagRecords())).toList(), true);
        lagSeconds.register(lags.stream().map(l -> Row.of(tags(l), l.lagSeconds())).toList(), true);
        committed.register(lags.stream().map(l -> Row.of(tags(l), l.committed())).toList(), true);
        ends.register(snapshot.ends().entrySet().stream()
                .map(e -> Row.of(Tags.of("topic", e.getKey().topic(), "partition", Integer.toString(e.getKey().partition())),
                        e.getValue()))
                .toList(), true);
        members.register(snapshot.members().entrySet().stream()
                .map(e -> Row.of(Tags.of("group", e.getKey()), e.getValue())).toList(), true);
    }

    private static Tags tags(PartitionLag lag) {
        return Tags.of("group", lag.group(), "topic", lag.topic(), "partition", Integer.toString(lag.partition()));
    }
}
