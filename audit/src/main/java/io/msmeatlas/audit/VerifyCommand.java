package io.msmeatlas.audit;

import io.msmeatlas.outbox.HashChain;
import io.msmeatlas.schemas.EventEnvelope;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Checks every configured event store's hash chains, then that each stored event is on its topic
 * exactly once, in order. Prints one line per finding; exits 1 if any is a discrepancy.
 */
@Command(name = "verify", description = "Check every hash chain, and every stored event against its Kafka topic.")
class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    AuditCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--no-kafka", description = "check the hash chains only")
    boolean noKafka;

    /** {@code discrepancy} findings fail the run; the others (unchained, pending) are informational. */
    record Finding(boolean discrepancy, String kind, String type, String aggregateId, Long sequence, String eventId,
            String detail) {

        @Override
        public String toString() {
            return kind + " " + type + " " + aggregateId + (sequence == null ? "" : " #" + sequence)
                    + (eventId == null ? "" : " event " + eventId) + ": " + detail;
        }
    }

    private record OnTopic(int partition, long offset, String key, long sequence, String hash) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Finding> findings = new ArrayList<>();
        int events = 0;
        try (Connection connection = cli.connect()) {
            EventStore store = new EventStore(connection);
            for (AggregateType type : cli.types.values()) {
                List<StoredEvent> stored = store.all(type);
                events += stored.size();
                findings.addAll(chains(type, stored));
                store.orphanedChainRows(type).forEach(row -> findings.add(new Finding(true, "CHAIN_ROW_WITHOUT_EVENT",
                        type.name(), row.substring(0, row.indexOf('#')), null, null,
                        "event_hash_chain has " + row + " but the event store has no such event (deleted?)")));
                if (!noKafka) {
                    findings.addAll(topic(type, stored, store.pending(type)));
                }
            }
        }
        findings.forEach(out::println);
        long discrepancies = findings.stream().filter(Finding::discrepancy).count();
        out.printf("verify: %d stored events, %d discrepancies, %d notes%n", events, discrepancies,
                findings.size() - discrepancies);
        out.flush();
        return discrepancies == 0 ? 0 : AuditCli.DISCREPANCIES;
    }

    /**
     * Each link is checked against the stored predecessor hash, so a tampered event is named exactly;
     * rewriting its hash too breaks the next link, and rewriting the whole tail shows against ce_hash on Kafka.
     */
    static List<Finding> chains(AggregateType type, List<StoredEvent> stored) {
        List<Finding> findings = new ArrayList<>();
        String aggregate = null;
        long expectedSequence = 0;
        boolean chained = false;
        int unchained = 0;
        byte[] previous = null;
        for (StoredEvent event : stored) {
            if (!event.aggregateId().equals(aggregate)) {
                if (unchained > 0) {
                    findings.add(unchainedNote(type, aggregate, unchained));
                }
                aggregate = event.aggregateId();
                expectedSequence = 0;
                chained = false;
                unchained = 0;
                previous = null;
            }
            if (event.sequence() != expectedSequence) {
                findings.add(new Finding(true, "SEQUENCE_GAP", type.name(), aggregate, event.sequence(),
                        event.eventId(), "expected sequence " + expectedSequence + " (events deleted?)"));
            }
            expectedSequence = event.sequence() + 1;
            if (event.hash() == null) {
                if (chained) {
                    findings.add(new Finding(true, "HASH_MISSING", type.name(), aggregate, event.sequence(),
                            event.eventId(), "no event_hash_chain row although earlier events are chained"));
                } else {
                    unchained++;
                }
                previous = null;
                continue;
            }
            chained = true;
            byte[] expected = HashChain.next(previous == null ? HashChain.GENESIS : previous, event.aggregateId(),
                    event.sequence(), event.eventId(), event.payloadType(), event.payload());
            if (!Arrays.equals(expected, event.hash())) {
                findings.add(new Finding(true, "TAMPERED", type.name(), aggregate, event.sequence(), event.eventId(),
                        "stored hash " + hex(event.hash()) + " but the stored event hashes to " + hex(expected)
                                + " (payload, type, id or predecessor changed)"));
            }
            previous = event.hash();
        }
        if (unchained > 0) {
            findings.add(unchainedNote(type, aggregate, unchained));
        }
        return findings;
    }

    private static Finding unchainedNote(AggregateType type, String aggregate, int count) {
        return new Finding(false, "UNCHAINED", type.name(), aggregate, null, null,
                count + " event(s) stored before the hash chain existed; not verifiable");
    }

    private List<Finding> topic(AggregateType type, List<StoredEvent> stored, Set<String> pending) {
        Map<String, List<OnTopic>> byEventId = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, Long> highestSequenceByKey = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cli.consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(type.topic());
            if (partitions == null || partitions.isEmpty()) {
                findings.add(new Finding(!stored.isEmpty() && pending.size() < stored.size(), "TOPIC_MISSING",
                        type.name(), type.topic(), null, null, "topic does not exist on " + cli.kafka));
                return findings;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read(type, record, byEventId, highestSequenceByKey, findings);
                }
            }
        }
        for (StoredEvent event : stored) {
            List<OnTopic> copies = byEventId.remove(event.eventId());
            if (copies == null) {
                if (pending.contains(event.eventId())) {
                    findings.add(new Finding(false, "PENDING", type.name(), event.aggregateId(), event.sequence(),
                            event.eventId(), "still in the outbox, not yet published"));
                } else if (event.contract().isPresent()) {
                    findings.add(new Finding(true, "MISSING_ON_KAFKA", type.name(), event.aggregateId(),
                            event.sequence(), event.eventId(), "stored, not in the outbox, not on " + type.topic()));
                }
                continue;
            }
            if (copies.size() > 1) {
                findings.add(new Finding(true, "DUPLICATE_ON_KAFKA", type.name(), event.aggregateId(), event.sequence(),
                        event.eventId(), "on " + type.topic() + " " + copies.size() + " times at " + offsets(copies)));
            }
            OnTopic first = copies.get(0);
            if (first.sequence() != event.sequence() || !event.aggregateId().equals(first.key())) {
                findings.add(new Finding(true, "MISMATCH_ON_KAFKA", type.name(), event.aggregateId(), event.sequence(),
                        event.eventId(), "Kafka has key " + first.key() + " ce_sequence " + first.sequence()
                                + " at " + offsets(List.of(first))));
            }
            if (event.hash() != null && first.hash() != null && !first.hash().equals(hex(event.hash()))) {
                findings.add(new Finding(true, "HASH_DIFFERS_FROM_KAFKA", type.name(), event.aggregateId(),
                        event.sequence(), event.eventId(), "stored hash " + hex(event.hash()) + ", ce_hash on Kafka "
                                + first.hash() + " (the store was changed after publication)"));
            }
        }
        byEventId.forEach((eventId, copies) -> findings.add(new Finding(true, "NOT_IN_STORE", type.name(),
                copies.get(0).key(), copies.get(0).sequence(), eventId,
                "on " + type.topic() + " at " + offsets(copies) + " but not in the event store")));
        return findings;
    }

    /** Order is checked per key in offset order; a re-sent copy is a duplicate, not a reordering. */
    private static void read(AggregateType type, ConsumerRecord<String, byte[]> record,
            Map<String, List<OnTopic>> byEventId, Map<String, Long> highestSequenceByKey, List<Finding> findings) {
        String eventId = header(record, EventEnvelope.CE_ID);
        String sequence = header(record, EventEnvelope.CE_SEQUENCE);
        if (eventId == null || sequence == null) {
            findings.add(new Finding(true, "UNREADABLE_ON_KAFKA", type.name(), record.key(), null, null,
                    "record at partition " + record.partition() + " offset " + record.offset()
                            + " has no ce_id or ce_sequence"));
            return;
        }
        OnTopic onTopic = new OnTopic(record.partition(), record.offset(), record.key(), Long.parseLong(sequence),
                header(record, EventEnvelope.CE_HASH));
        boolean copy = byEventId.containsKey(eventId);
        byEventId.computeIfAbsent(eventId, id -> new ArrayList<>()).add(onTopic);
        Long highest = highestSequenceByKey.get(record.key());
        if (!copy && highest != null && onTopic.sequence() <= highest) {
            findings.add(new Finding(true, "OUT_OF_ORDER_ON_KAFKA", type.name(), record.key(), onTopic.sequence(),
                    eventId, "at " + offsets(List.of(onTopic)) + ", after ce_sequence " + highest));
        }
        if (highest == null || onTopic.sequence() > highest) {
            highestSequenceByKey.put(record.key(), onTopic.sequence());
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String offsets(List<OnTopic> copies) {
        return String.join(", ", copies.stream().map(c -> "partition " + c.partition() + " offset " + c.offset())
                .toList());
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
