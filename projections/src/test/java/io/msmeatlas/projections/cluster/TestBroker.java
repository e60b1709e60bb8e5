package io.msmeatlas.projections.cluster;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The module's one KRaft broker ({@link io.msmeatlas.projections.listing.TestBroker}, shared by every
 * test of this JVM) for the cluster tests, with the helpers they need; extending with it also quiets
 * Kafka's logs, which would otherwise log at DEBUG without a logback-test.xml here.
 */
final class TestBroker implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        quietKafkaLogs();
    }

    static String bootstrapServers() {
        return io.msmeatlas.projections.listing.TestBroker.bootstrapServers();
    }

    static void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Cannot create topic " + name, e);
        }
    }

    /** The offset the next record written to the partition will get. */
    static long endOffset(String topic, int partition) {
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        try (Admin admin = admin()) {
            return admin.listOffsets(Map.of(topicPartition, OffsetSpec.latest())).partitionResult(topicPartition)
                    .get().offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Cannot read the end of " + topicPartition, e);
        }
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Without a logback-test.xml here, Kafka's clients and broker would log at DEBUG. */
    private static void quietKafkaLogs() {
        for (String name : List.of("org.apache.kafka", "kafka", "state.change.logger", "org.springframework.kafka")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
