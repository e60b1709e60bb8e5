package io.msmeatlas.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A record one of the platform's consumers could not read, as its dead-letter topic holds it: where it
 * came from and why. Reads the three header conventions in use: Kafka Streams' (projections,
 * {@code __streams.errors.*}), Spring Kafka's (matching, notifications: {@code kafka_dlt-*} and
 * {@code x-dlq-reason}) and the valuation worker's ({@code dlq.*}).
 */
record DeadLetter(long offset, Instant at, String key, String originalTopic, Integer originalPartition,
        Long originalOffset, String reason) {

    private static final List<String> TOPIC = List.of("__streams.errors.topic", "kafka_dlt-original-topic",
            "dlq.original.topic");
    private static final List<String> PARTITION = List.of("__streams.errors.partition", "kafka_dlt-original-partition",
            "dlq.original.partition");
    private static final List<String> OFFSET = List.of("__streams.errors.offset", "kafka_dlt-original-offset",
            "dlq.original.offset");
    private static final List<String> REASON = List.of("x-dlq-reason", "dlq.reason", "__streams.errors.message",
            "kafka_dlt-exception-message", "__streams.errors.exception", "dlq.error");

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        Long partition = number(headers, PARTITION);
        return new DeadLetter(record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                text(headers, TOPIC), partition == null ? null : partition.intValue(), number(headers, OFFSET),
                text(headers, REASON));
    }

    boolean traceable() {
        return originalTopic != null && originalPartition != null && originalOffset != null;
    }

    private static String text(Headers headers, List<String> names) {
        for (String name : names) {
            Header header = headers.lastHeader(name);
            if (header != null && header.value() != null) {
                return new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Spring Kafka writes partitions and offsets as big-endian int and long; the others as text. */
    private static Long number(Headers headers, List<String> names) {
        for (String name : names) {
            Header header = headers.lastHeader(name);
            if (header == null || header.value() == null) {
                continue;
            }
            byte[] value = header.value();
            if (name.startsWith("kafka_dlt-") && value.length == Integer.BYTES) {
                return (long) ByteBuffer.wrap(value).getInt();
            }
            if (name.startsWith("kafka_dlt-") && value.length == Long.BYTES) {
                return ByteBuffer.wrap(value).getLong();
            }
            try {
                return Long.parseLong(new String(value, StandardCharsets.UTF_8).strip());
            } catch (NumberFormatException notText) {
                return null;
            }
        }
        return null;
    }
}
