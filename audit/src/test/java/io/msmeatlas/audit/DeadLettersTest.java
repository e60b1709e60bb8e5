package io.msmeatlas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.infra.SharedInfrastructure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Dead letters of every header convention in use, listed with their origin and reason, and re-driven. */
class DeadLettersTest {

    private final String source = "dlt-test.events." + UUID.randomUUID();
    private final String deadLetters = "dlt-test.dlq." + UUID.randomUUID();
    private final String group = "dlt-test-group-" + UUID.randomUUID();

    @BeforeEach
    void aGroupThatReadPastTwoPoisonRecords() throws Exception {
        try (Admin admin = admin(); KafkaProducer<byte[], byte[]> producer = producer()) {
            admin.createTopics(List.of(new NewTopic(source, 1, (short) 1), new NewTopic(deadLetters, 1, (short) 1)))
                    .all().get();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(source, ("record " + i).getBytes(StandardCharsets.UTF_8))).get();
            }
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(source, 0), new OffsetAndMetadata(10)))
                    .all().get();
            ProducerRecord<byte[], byte[]> spring = new ProducerRecord<>(deadLetters, "lst-3".getBytes(StandardCharsets.UTF_8),
                    "{not json".getBytes(StandardCharsets.UTF_8));
            spring.headers().add("kafka_dlt-original-topic", source.getBytes(StandardCharsets.UTF_8))
                    .add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(0).array())
                    .add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(3).array())
                    .add("x-dlq-reason", "unreadable JSON".getBytes(StandardCharsets.UTF_8));
            ProducerRecord<byte[], byte[]> streams = new ProducerRecord<>(deadLetters, "lst-5".getBytes(StandardCharsets.UTF_8),
                    new byte[0]);
            streams.headers().add("__streams.errors.topic", source.getBytes(StandardCharsets.UTF_8))
                    .add("__streams.errors.partition", "0".getBytes(StandardCharsets.UTF_8))
                    .add("__streams.errors.offset", "5".getBytes(StandardCharsets.UTF_8))
                    .add("__streams.errors.message", "no CloudEvents headers".getBytes(StandardCharsets.UTF_8));
            producer.send(spring).get();
            producer.send(streams).get();
        }
    }

    @Test
    void each_dead_letter_is_listed_with_its_origin_and_reason() {
        String out = audit("dead-letters", deadLetters);

        assertThat(out).contains("key lst-3  from " + source + "-0@3  unreadable JSON")
                .contains("key lst-5  from " + source + "-0@5  no CloudEvents headers")
                .contains("2 dead letter(s) on " + deadLetters);
    }

    @Test
    void a_redrive_moves_the_group_back_to_the_earliest_dead_letter_only_with_yes() throws Exception {
        String plan = audit("dead-letters", deadLetters, "--redrive", group);

        assertThat(plan).contains(source + "-0 from offset 10 back to 3").contains("Nothing changed");
        assertThat(committed()).isEqualTo(10);

        audit("dead-letters", deadLetters, "--redrive", group, "--yes");

        assertThat(committed()).isEqualTo(3);
    }

    private long committed() throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(source, 0)).offset();
        }
    }

    private String audit(String... args) {
        StringWriter out = new StringWriter();
        CommandLine line = AuditCli.commandLine(new AuditCli());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        List<String> all = new ArrayList<>(List.of("--kafka", SharedInfrastructure.kafka().bootstrapServers()));
        all.addAll(List.of(args));
        assertThat(line.execute(all.toArray(String[]::new))).as(out.toString()).isZero();
        return out.toString();
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()));
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
