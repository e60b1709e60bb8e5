package io.msmeatlas.audit;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code audit dead-letters <topic>}: what a consumer could not read, and why; with {@code --redrive
 * <group>} (and {@code --yes}) it moves that consumer group back to the earliest dead-lettered offset
 * of each original partition, so that the fixed consumer reads those records again. Our consumers are
 * idempotent, so what they had already processed after it changes nothing; a record that is still
 * unreadable goes to the dead-letter topic again. The group's consumers must be stopped first
 * (Kafka refuses to move the offsets of an active group). For the projections (Kafka Streams), rebuild
 * instead: {@code audit rebuild projections}.
 */
@Command(name = "dead-letters", description = "Lists a dead-letter topic's records with where they came from and why; "
        + "--redrive <group> --yes makes that consumer group read them again.")
final class DeadLettersCommand implements Callable<Integer> {

    @ParentCommand
    AuditCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<topic>",
            description = "e.g. msme.projections.dlq, msme.valuation.dlq, msme.matching.dlq, msme.notifications.dlq")
    String topic;

    @Option(names = "--since", description = "Only records dead-lettered at or after this instant or date")
    String since;

    @Option(names = "--json", description = "JSON Lines instead of text")
    boolean json;

    @Option(names = "--redrive", paramLabel = "GROUP", description = "The consumer group to move back (e.g. msme-matching-worker)")
    String group;

    @Option(names = "--yes", description = "With --redrive: move the offsets. Without it, only says what it would do.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Instant from = since == null ? Instant.EPOCH : AuditCli.moment(since);
        List<DeadLetter> letters = read().stream().filter(letter -> !letter.at().isBefore(from)).toList();
        for (DeadLetter letter : letters) {
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("offset", letter.offset());
                line.put("at", letter.at().toString());
                line.put("key", letter.key());
                line.put("originalTopic", letter.originalTopic());
                line.put("originalPartition", letter.originalPartition());
                line.put("originalOffset", letter.originalOffset());
                line.put("reason", letter.reason());
                AuditCli.printJson(out, line);
            } else {
                out.printf("%s  #%d  key %s  from %s-%s@%s  %s%n", letter.at(), letter.offset(), letter.key(),
                        letter.originalTopic(), letter.originalPartition(), letter.originalOffset(), letter.reason());
            }
        }
        if (!json) {
            out.printf("%d dead letter(s) on %s%n", letters.size(), topic);
        }
        if (group != null) {
            redrive(letters, out);
        }
        out.flush();
        return 0;
    }

    private void redrive(List<DeadLetter> letters, PrintWriter out) throws Exception {
        Map<TopicPartition, Long> earliest = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (DeadLetter letter : letters) {
            if (letter.traceable()) {
                earliest.merge(new TopicPartition(letter.originalTopic(), letter.originalPartition()),
                        letter.originalOffset(), Math::min);
            }
        }
        try (Admin admin = Admin.create(cli.kafkaConfig())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(Map.of(group,
                    new ListConsumerGroupOffsetsSpec())).partitionsToOffsetAndMetadata(group).get();
            Map<TopicPartition, OffsetAndMetadata> moves = new HashMap<>();
            earliest.forEach((partition, offset) -> {
                OffsetAndMetadata current = committed.get(partition);
                if (current != null && current.offset() > offset) {
                    moves.put(partition, new OffsetAndMetadata(offset));
                    out.printf("%s: %s from offset %d back to %d%n", group, partition, current.offset(), offset);
                }
            });
            if (moves.isEmpty()) {
                out.println("Nothing to re-drive: " + group + " has not read past any of these records.");
                return;
            }
            if (!yes) {
                out.println("Nothing changed. Stop " + group + "'s consumers, then run again with --yes.");
                return;
            }
            try {
                admin.alterConsumerGroupOffsets(group, moves).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("Kafka refused to move " + group + "'s offsets (" + e.getCause().getMessage()
                        + "); stop its consumers first (scale the service to 0), then run again.");
            }
            out.println("Moved. When " + group + "'s consumers start again they read those records again.");
        }
    }

    private List<DeadLetter> read() {
        Map<String, Object> settings = new HashMap<>(cli.consumerConfig());
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("No topic " + topic);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    letters.add(DeadLetter.of(record));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end");
                }
            }
        }
        return letters;
    }
}
