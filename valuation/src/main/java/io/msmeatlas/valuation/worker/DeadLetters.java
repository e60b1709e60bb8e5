package io.msmeatlas.valuation.worker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records the worker cannot read to the dead-letter topic: the original key, value and
 * headers (so the CloudEvents attributes stay), plus {@code dlq.reason}, {@code dlq.error},
 * {@code dlq.original.topic}, {@code dlq.original.partition}, {@code dlq.original.offset},
 * {@code dlq.consumer.group} and {@code dlq.failed.at}. Waits for Kafka's acknowledgement, so the
 * consumer commits past a record only once it is safely there.
 */
final class DeadLetters {

    static final String REASON = "dlq.reason";
    static final String ERROR = "dlq.error";
    static final String ORIGINAL_TOPIC = "dlq.original.topic";
    static final String ORIGINAL_PARTITION = "dlq.original.partition";
    static final String ORIGINAL_OFFSET = "dlq.original.offset";
    static final String CONSUMER_GROUP = "dlq.consumer.group";
    static final String FAILED_AT = "dlq.failed.at";
    private static final int MAX_REASON = 2000;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String group;

    DeadLetters(Producer<String, byte[]> producer, String topic, String group) {
        this.producer = producer;
        this.topic = topic;
        this.group = group;
    }

    void send(List<PoisonRecord> poison) {
        List<java.util.concurrent.Future<RecordMetadata>> sent = poison.stream().map(p -> producer.send(record(p))).toList();
        for (var future : sent) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Cannot write to the dead-letter topic " + topic, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while writing to " + topic, e);
            }
        }
    }

    private ProducerRecord<String, byte[]> record(PoisonRecord poison) {
        var original = poison.record();
        // A copy: the producer makes a record's headers read-only, and a retried batch sends this record again.
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, original.key(), original.value(),
                new RecordHeaders(original.headers().toArray()));
        Headers headers = record.headers();
        put(headers, REASON, poison.reason().length() > MAX_REASON ? poison.reason().substring(0, MAX_REASON) : poison.reason());
        if (poison.cause() != null) {
            put(headers, ERROR, poison.cause().getClass().getName());
        }
        put(headers, ORIGINAL_TOPIC, original.topic());
        put(headers, ORIGINAL_PARTITION, Integer.toString(original.partition()));
        put(headers, ORIGINAL_OFFSET, Long.toString(original.offset()));
        put(headers, CONSUMER_GROUP, group);
        put(headers, FAILED_AT, Instant.now().toString());
        return record;
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
