package io.msmeatlas.lagexporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The exporter on a real broker, read the way Prometheus reads it: {@code /actuator/prometheus}.
 * Rounds are run by the test (the schedule is an hour), so each assertion sees exactly the state the
 * test set up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "atlas.lag-exporter.interval=1h",
        "atlas.lag-exporter.groups=lag-test-.*"})
class LagExporterServiceTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static Admin admin;

    @LocalServerPort
    int port;

    @Autowired
    LagExporter exporter;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
    }

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void a_group_that_is_behind_has_lag_in_offsets_and_seconds_and_none_once_it_caught_up() throws Exception {
        String topic = topic("lag-test-plain", 2);
        String group = "lag-test-behind-" + UUID.randomUUID();
        long minuteAgo = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, String> producer = producer(null)) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, minuteAgo + i, "k", "event " + i));
            }
            producer.send(new ProducerRecord<>(topic, 1, minuteAgo, "k", "event"));
            producer.flush();
        }
        commit(group, Map.of(new TopicPartition(topic, 0), 2L, new TopicPartition(topic, 1), 1L));

        exporter.round();

        Map<String, String> partition0 = Map.of("group", group, "topic", topic, "partition", "0");
        Map<String, String> partition1 = Map.of("group", group, "topic", topic, "partition", "1");
        List<Sample> scrape = scrape();
        assertThat(value(scrape, "kafka_consumergroup_lag_records", partition0)).isEqualTo(3.0);
        // The oldest unprocessed record (offset 2) was written with a timestamp of a minute ago + 2 ms.
        assertThat(value(scrape, "kafka_consumergroup_lag_seconds", partition0)).isGreaterThanOrEqualTo(59.9);
        assertThat(value(scrape, "kafka_consumergroup_committed_offset", partition0)).isEqualTo(2.0);
        assertThat(value(scrape, "kafka_topic_partition_end_offset", Map.of("topic", topic, "partition", "0"))).isEqualTo(5.0);
        assertThat(value(scrape, "kafka_consumergroup_lag_records", partition1)).isZero();
        assertThat(value(scrape, "kafka_consumergroup_lag_seconds", partition1)).isZero();
        assertThat(value(scrape, "kafka_consumergroup_members", Map.of("group", group))).isZero();

        // Nothing moved: the record timestamp comes from the cache, Kafka is not read again.
        double reads = value(scrape, "kafka_lag_exporter_position_reads_total", Map.of());
        exporter.round();
        assertThat(value(scrape(), "kafka_lag_exporter_position_reads_total", Map.of())).isEqualTo(reads);

        commit(group, Map.of(new TopicPartition(topic, 0), 5L));
        exporter.round();

        scrape = scrape();
        assertThat(value(scrape, "kafka_consumergroup_lag_records", partition0)).isZero();
        assertThat(value(scrape, "kafka_consumergroup_lag_seconds", partition0)).isZero();
    }

    @Test
    void a_consumer_at_the_end_of_a_transactional_topic_has_no_lag_although_the_commit_marker_is_one_offset_further()
            throws Exception {
        String topic = topic("lag-test-tx", 1);
        String group = "lag-test-tx-" + UUID.randomUUID();
        long halfMinuteAgo = System.currentTimeMillis() - 30_000;
        try (KafkaProducer<String, String> producer = producer("lag-test-" + UUID.randomUUID())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 0, halfMinuteAgo, "k", "event " + i));
            }
            producer.commitTransaction();
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        Map<String, String> labels = Map.of("group", group, "topic", topic, "partition", "0");
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.size() == 3;
            });
            // What Spring Kafka commits after a record: its offset + 1, i.e. the marker's offset.
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(read.get(2).offset() + 1)));

            exporter.round();

            List<Sample> scrape = scrape();
            assertThat(value(scrape, "kafka_consumergroup_committed_offset", labels)).isEqualTo(3.0);
            assertThat(value(scrape, "kafka_topic_partition_end_offset", Map.of("topic", topic, "partition", "0")))
                    .isEqualTo(4.0);
            assertThat(value(scrape, "kafka_consumergroup_lag_records", labels)).isZero();
            assertThat(value(scrape, "kafka_consumergroup_lag_seconds", labels)).isZero();
            assertThat(value(scrape, "kafka_consumergroup_members", Map.of("group", group))).isEqualTo(1.0);

            // Rewound to the start, the group is behind by the three records and the marker.
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)));
            exporter.round();

            scrape = scrape();
            assertThat(value(scrape, "kafka_consumergroup_lag_records", labels)).isEqualTo(4.0);
            assertThat(value(scrape, "kafka_consumergroup_lag_seconds", labels)).isGreaterThanOrEqualTo(29.9);
        }
    }

    @Test
    void a_deleted_group_loses_its_series() throws Exception {
        String topic = topic("lag-test-gone", 1);
        String group = "lag-test-gone-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(null)) {
            producer.send(new ProducerRecord<>(topic, 0, "k", "event")).get();
        }
        commit(group, Map.of(new TopicPartition(topic, 0), 0L));
        exporter.round();
        assertThat(scrape()).anyMatch(s -> group.equals(s.labels().get("group")));

        admin.deleteConsumerGroups(List.of(group)).all().get();
        exporter.round();

        assertThat(scrape()).noneMatch(s -> group.equals(s.labels().get("group")));
        assertThat(exporter.health().getStatus().getCode()).isEqualTo("UP");
    }

    @Test
    void a_dead_letter_topic_that_no_group_reads_has_its_end_offsets_exported() throws Exception {
        String topic = "lag-test-" + UUID.randomUUID() + ".dlq";
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        try (KafkaProducer<String, String> producer = producer(null)) {
            producer.send(new ProducerRecord<>(topic, 1, "k", "poison")).get();
            producer.send(new ProducerRecord<>(topic, 1, "k", "poison")).get();
        }

        exporter.round();

        List<Sample> scrape = scrape();
        assertThat(value(scrape, "kafka_topic_partition_end_offset", Map.of("topic", topic, "partition", "0"))).isZero();
        assertThat(value(scrape, "kafka_topic_partition_end_offset", Map.of("topic", topic, "partition", "1"))).isEqualTo(2.0);
        assertThat(scrape).noneMatch(s -> s.name().equals("kafka_consumergroup_lag_records") && topic.equals(s.labels().get("topic")));
    }

    private static String topic(String prefix, int partitions) throws Exception {
        String name = prefix + "-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        return name;
    }

    private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
        offsets.forEach((partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, committed).all().get();
    }

    private static KafkaProducer<String, String> producer(String transactionalId) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private List<Sample> scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                Map<String, String> labels = new java.util.HashMap<>();
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
        }
        return samples;
    }

    /** The one sample of {@code name} whose labels include {@code labels}. */
    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        assertThat(matching).as("%s%s", name, labels).hasSize(1);
        return matching.get(0).value();
    }
}
