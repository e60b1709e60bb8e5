package io.msmeatlas.projections;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

/**
 * The service's Kafka Streams: the version of the read models that serves queries and, during a
 * switch, the next one beside it (blue/green).
 *
 * <p>When {@link ServingVersion} names a new version (the rebuild tool built its stores from the
 * topics), this instance starts it next to the serving one, under its own {@code application.id}: its
 * stores are restored from the changelogs the rebuild wrote and it processes what arrived since. The
 * old version keeps answering queries until the new one is running and caught up (restore and input
 * lag within {@code max-switch-lag}); then queries move to the new one and the old one is closed and
 * its local state deleted. With several instances each switches on its own; during the few seconds
 * they disagree a query that needs another instance may answer 503 with {@code Retry-After}.
 */
public final class ProjectionsStreams implements SmartLifecycle {

    /** One version of the read models, running. */
    public record Generation(String applicationId, KafkaStreams streams) {
    }

    private static final Logger log = LoggerFactory.getLogger(ProjectionsStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Map<String, Object> settings;
    private final Supplier<Topology> topology;
    private final ServingVersion versions;
    private final Supplier<String> applicationServer;
    private final KafkaStreamsMicrometerListener metrics;
    private final long maxSwitchLag;
    private final Set<String> inputTopics;
    private final ExecutorService switcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projections-switch");
        thread.setDaemon(true);
        return thread;
    });

    private volatile boolean running;
    private volatile Generation serving;
    private volatile Generation pending;

    /**
     * @param settings every Kafka Streams setting but {@code application.id} and {@code application.server}
     * @param applicationServer this instance's address for the group, resolved when a version starts
     *        (the web server's port is only known once it listens)
     * @param maxSwitchLag how many offsets the next version may still be behind, on its input and its
     *        restoring stores, when it takes over
     */
    public ProjectionsStreams(Map<String, Object> settings, Supplier<Topology> topology, ServingVersion versions,
            Supplier<String> applicationServer, MeterRegistry meters, long maxSwitchLag) {
        this.settings = Map.copyOf(settings);
        this.topology = topology;
        this.versions = versions;
        this.applicationServer = applicationServer;
        this.metrics = new KafkaStreamsMicrometerListener(meters);
        this.maxSwitchLag = maxSwitchLag;
        this.inputTopics = sourceTopics(topology.get());
    }

    /** The Kafka Streams whose stores answer queries now. */
    public KafkaStreams serving() {
        Generation current = serving;
        if (current == null) {
            throw new StreamsNotStartedException("Kafka Streams has not been started yet");
        }
        return current.streams();
    }

    public Optional<Generation> servingGeneration() {
        return Optional.ofNullable(serving);
    }

    public Optional<Generation> pendingGeneration() {
        return Optional.ofNullable(pending);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        serving = launch(versions.current());
        versions.watch(next -> switcher.execute(() -> switchTo(next)));
    }

    @Override
    public synchronized void stop() {
        running = false;
        versions.close();
        switcher.shutdownNow();
        Generation next = pending;
        pending = null;
        if (next != null) {
            close(next, false);
        }
        if (serving != null) {
            close(serving, false);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server (so the advertised port is known), as Spring's own Kafka Streams bean. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private Generation launch(String applicationId) {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer.get());
        KafkaStreams streams = new KafkaStreams(topology.get(), properties);
        streams.setUncaughtExceptionHandler(exception -> {
            // A missing source topic or a lost broker kills the stream thread; a fresh one retries.
            log.error("Stream thread of {} failed; replacing it", applicationId, exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("Read models {}: {} -> {}", applicationId, before, now));
        metrics.streamsAdded(applicationId, streams);
        streams.start();
        log.info("Started read models {} as {}", applicationId, properties.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
        return new Generation(applicationId, streams);
    }

    /** Runs on the switcher thread: start the next version and hand it the queries once it has caught up. */
    private void switchTo(String applicationId) {
        Generation current = serving;
        if (!running || current == null || applicationId.equals(current.applicationId())
                || pending != null && applicationId.equals(pending.applicationId())) {
            return;
        }
        if (pending != null) {
            close(pending, true);
        }
        Generation next = launch(applicationId);
        pending = next;
        while (running && pending == next) {
            KafkaStreams.State state = next.streams().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                log.error("Read models {} failed to start ({}); still serving {}", applicationId, state,
                        current.applicationId());
                pending = null;
                close(next, true);
                return;
            }
            if (state == KafkaStreams.State.RUNNING && caughtUp(next)) {
                serving = next;
                pending = null;
                log.info("Serving read models {} instead of {}", applicationId, current.applicationId());
                close(current, true);
                return;
            }
            LockSupport.parkNanos(CHECK_NANOS);
        }
    }

    /** Its stores restored and its group's committed input offsets within {@code maxSwitchLag} of the topics' ends. */
    private boolean caughtUp(Generation next) {
        try {
            Map<String, Map<Integer, LagInfo>> stores = next.streams().allLocalStorePartitionLags();
            boolean restored = stores.values().stream().flatMap(partitions -> partitions.values().stream())
                    .allMatch(lag -> lag.offsetLag() <= maxSwitchLag);
            return restored && inputLag(next.applicationId()) <= maxSwitchLag;
        } catch (RuntimeException e) {
            log.debug("Cannot tell yet whether {} caught up: {}", next.applicationId(), e.toString());
            return false;
        }
    }

    private long inputLag(String applicationId) {
        Map<String, Object> admin = new HashMap<>();
        admin.put("bootstrap.servers", settings.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        settings.forEach((name, value) -> {
            if (name.startsWith("security.") || name.startsWith("ssl.") || name.startsWith("sasl.")) {
                admin.put(name, value);
            }
        });
        try (Admin client = Admin.create(admin)) {
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            client.describeTopics(inputTopics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                    description.partitions().forEach(p -> ends.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest())));
            long lag = 0;
            for (var end : client.listOffsets(ends).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
            }
            return lag;
        } catch (Exception e) {
            log.debug("Cannot read the input lag of {}: {}", applicationId, e.toString());
            return Long.MAX_VALUE;
        }
    }

    private static Set<String> sourceTopics(Topology topology) {
        return topology.describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                .collect(Collectors.toSet());
    }

    /** Leaves the group; {@code discard} also deletes this instance's local state of that version. */
    private void close(Generation generation, boolean discard) {
        metrics.streamsRemoved(generation.applicationId(), generation.streams());
        generation.streams().close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        if (discard) {
            generation.streams().cleanUp();
        }
        log.info("Closed read models {}{}", generation.applicationId(), discard ? " and deleted their local state" : "");
    }
}
