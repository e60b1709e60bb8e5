package io.msmeatlas.projections;

import io.msmeatlas.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which version of the read models serves queries: the Kafka Streams {@code application.id} whose
 * stores every projections instance reads, kept in the compacted topic {@value #TOPIC} so that all
 * instances, and an instance that restarts, agree. The rebuild tool writes a new version once it has
 * built it; each instance then starts that version beside the one it serves and switches when it has
 * caught up (blue/green, {@link ProjectionsStreams}).
 */
public final class ServingVersion implements AutoCloseable {

    public static final String TOPIC = "msme.projections.control";
    static final String KEY = "serving-application-id";

    private static final Logger log = LoggerFactory.getLogger(ServingVersion.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final String initial;
    private volatile boolean watching;
    private Thread watcher;
    private KafkaConsumer<String, String> watchingConsumer;

    /**
     * @param kafka connection settings (servers, security)
     * @param initial the version to serve while none was ever written ({@code spring.kafka.streams.application-id})
     */
    public ServingVersion(Map<String, Object> kafka, String initial) {
        this.kafka = Map.copyOf(kafka);
        this.initial = initial;
    }

    /** The version to serve now: the last one written, else the initial one. */
    public String current() {
        ensureTopic(kafka);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            String latest = null;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(partition, READ_TIMEOUT) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (KEY.equals(record.key()) && record.value() != null) {
                        latest = record.value();
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + TOPIC + " within " + READ_TIMEOUT);
                }
            }
            return latest == null ? initial : latest;
        }
    }

    /** Calls {@code onChange} with every version written from now on, from a background thread. */
    public synchronized void watch(Consumer<String> onChange) {
        if (watching) {
            return;
        }
        watching = true;
        watchingConsumer = consumer();
        watcher = new Thread(() -> follow(onChange), "projections-serving-version");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void follow(Consumer<String> onChange) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer = watchingConsumer) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            while (watching) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (KEY.equals(record.key()) && record.value() != null) {
                        log.info("Read models to serve: {}", record.value());
                        onChange.accept(record.value());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up.
        } catch (RuntimeException e) {
            log.error("Stopped following {}: a new read-model version will only be served after a restart", TOPIC, e);
        }
    }

    /** Makes {@code applicationId} the version every instance serves (the rebuild tool's last step). */
    public static void publish(Map<String, Object> kafka, String applicationId) {
        ensureTopic(kafka);
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put("acks", "all");
        settings.put("enable.idempotence", "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, 0, KEY, applicationId)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the serving version", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish the serving version " + applicationId, e);
        }
    }

    /** One partition, compacted: only the latest version per key matters, and it is kept forever. */
    static void ensureTopic(Map<String, Object> kafka) {
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + TOPIC, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + TOPIC, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating " + TOPIC, e);
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.putAll(Topics.SUBSCRIBER_CONFIG);
        settings.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public synchronized void close() {
        watching = false;
        if (watchingConsumer != null) {
            watchingConsumer.wakeup();
        }
        if (watcher != null) {
            try {
                watcher.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
