package io.msmeatlas.audit;

import io.msmeatlas.projections.KafkaStreamsConfig;
import io.msmeatlas.projections.ReadModels;
import io.msmeatlas.projections.ServingVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code audit rebuild projections}: builds a new version of the projections' read models from the
 * topics while the serving version keeps answering queries (blue/green), then makes every projections
 * instance switch to it.
 *
 * <p>The new version is the same topology ({@link ReadModels}) under a new {@code application.id}, run
 * here: its stores and changelog topics are written from the first event on. Once it has caught up
 * with the topics, it is closed (offsets committed) and named in {@link ServingVersion}'s control topic;
 * each instance then starts it beside the serving one, restores its stores from those changelogs and
 * switches when it has caught up. Side effects stay suppressed: the read models publish nothing, and a
 * record the rebuild cannot read goes to a dead-letter topic of its own, not to the one operators
 * watch. Valuations and notifications are other services' consumers and are not involved.
 */
@Command(name = "rebuild", description = "Rebuilds the projections' read models from the topics into a new version "
        + "beside the serving one, then switches every instance to it (blue/green). Changes nothing without --yes.")
final class RebuildCommand implements Callable<Integer> {

    /** The read models of the projections service are one Kafka Streams application: rebuilt together. */
    static final Set<String> PROJECTIONS = Set.of("projections", "listing-views", "listings", "matches", "buyer-profiles");
    static final String DEAD_LETTERS = KafkaStreamsConfig.DEAD_LETTER_TOPIC + ".rebuild";
    private static final Pattern REBUILD_SUFFIX = Pattern.compile("-r\\d{14}$");
    private static final int BAR = 30;

    @ParentCommand
    AuditCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<projection>",
            description = "projections (listing-views, matches and buyer-profiles are its read models and are rebuilt with it)")
    String projection;

    @Option(names = "--yes", description = "Build the new version and switch to it. Without it, only says what it would do.")
    boolean yes;

    @Option(names = "--version", description = "application.id of the new version (default: the serving one with a -r<time> suffix)")
    String version;

    @Option(names = "--initial-version", defaultValue = "msme-projections-v2",
            description = "The version that serves if no rebuild ever switched (the service's spring.kafka.streams.application-id; default: ${DEFAULT-VALUE})")
    String initialVersion;

    @Option(names = "--state-dir", description = "Where the rebuild keeps its stores while it runs (default: a temporary directory)")
    Path stateDir;

    @Option(names = "--max-lag", defaultValue = "1000", description = "Offsets behind the topics' ends that count as caught up (default: ${DEFAULT-VALUE})")
    long maxLag;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "Give up after this long (ISO-8601 duration; default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--await-switch", split = ",", paramLabel = "URL",
            description = "Projections instances (base URLs) to wait for until they serve the new version")
    List<URI> instances = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!PROJECTIONS.contains(projection)) {
            throw new IllegalArgumentException("Unknown projection '" + projection + "'; known: " + PROJECTIONS);
        }
        Map<String, Object> kafka = cli.kafkaConfig();
        String serving = new ServingVersion(kafka, initialVersion).current();
        String next = version != null ? version
                : REBUILD_SUFFIX.matcher(serving).replaceFirst("") + "-r"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        if (next.equals(serving)) {
            throw new IllegalArgumentException("Version " + next + " is the one serving now");
        }
        Set<String> topics = sourceTopics(ReadModels.topology());
        long records;
        try (Admin admin = Admin.create(kafka)) {
            records = offsets(admin, topics).values().stream().mapToLong(Long::longValue).sum();
        }
        out.printf("Serving: %s%nRebuild: %s from %s (about %,d records)%n", serving, next, topics, records);
        if (!yes) {
            out.println("Nothing changed. Run again with --yes to build " + next + " and switch every instance to it.");
            out.flush();
            return 0;
        }
        Path state = stateDir != null ? stateDir : Files.createTempDirectory("msme-rebuild");
        long started = System.nanoTime();
        long processed = build(kafka, next, topics, state, out);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("%nBuilt %s: %,d events in %.1f s (%,.0f events/s)%n", next, processed, seconds, processed / seconds);
        ServingVersion.publish(kafka, next);
        out.println("Every projections instance now switches to " + next + " once it has caught up.");
        for (URI instance : instances) {
            awaitSwitch(instance, next, out);
        }
        out.flush();
        return 0;
    }

    /** Runs the new version here until it has caught up with the topics; returns the events it processed. */
    private long build(Map<String, Object> kafka, String next, Set<String> topics, Path state, PrintWriter out)
            throws IOException {
        Properties settings = new Properties();
        settings.putAll(kafka);
        settings.putAll(KafkaStreamsConfig.processingSettings());
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, next);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        settings.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
        // As the service writes them: input positions in the changelogs, for read-your-writes after the switch.
        settings.put(StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED, true);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaStreams streams = new KafkaStreams(ReadModels.topology(), settings);
                Admin admin = Admin.create(kafka)) {
            streams.start();
            Progress progress = new Progress();
            while (true) {
                long lag = lag(admin, next, topics);
                long done = processed(streams);
                progress.show(out, done, lag);
                if (streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("The rebuild of " + next + " failed; nothing was switched");
                }
                if (streams.state() == KafkaStreams.State.RUNNING && lag <= maxLag) {
                    long total = processed(streams);
                    // Commits the last offsets: the instances continue from there.
                    streams.close(CloseOptions.groupMembershipOperation(
                            CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(60)));
                    return total;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The rebuild of " + next + " did not catch up within " + timeout
                            + "; nothing was switched");
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /** A progress bar with events per second and an estimate of the time left. */
    private static final class Progress {

        private final long started = System.nanoTime();
        private long lastDone;
        private long lastAt = started;
        private double rate;

        void show(PrintWriter out, long done, long lag) {
            long now = System.nanoTime();
            double elapsed = (now - lastAt) / 1e9;
            if (elapsed > 0 && done >= lastDone) {
                double instant = (done - lastDone) / elapsed;
                rate = rate == 0 ? instant : 0.7 * rate + 0.3 * instant;
            }
            lastDone = done;
            lastAt = now;
            double fraction = done + lag == 0 ? 0 : (double) done / (done + lag);
            int filled = (int) Math.round(fraction * BAR);
            String eta = rate > 0 && lag < Long.MAX_VALUE ? duration((long) (lag / rate)) : "--:--";
            out.printf("\r[%s%s] %3.0f%%  %,d events  %,.0f events/s  ETA %s   ", "#".repeat(filled),
                    ".".repeat(BAR - filled), fraction * 100, done, rate, eta);
            out.flush();
        }

        private static String duration(long seconds) {
            return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
    }

    /** Records the topology's stream threads have processed (Kafka Streams' own {@code process-total}). */
    private static long processed(KafkaStreams streams) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            if (metric.getKey().name().equals("process-total")
                    && metric.getKey().group().equals("stream-thread-metrics")) {
                total += ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return (long) total;
    }

    /** How far the group's committed offsets are behind the topics' ends (everything, before its first commit). */
    private static long lag(Admin admin, String group, Set<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : offsets(admin, topics).entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                lag += Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
            }
            return lag;
        } catch (Exception e) {
            return Long.MAX_VALUE;
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Set<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, info) ->
                    ends.put(partition, info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("Kafka is unreachable or a source topic is missing: " + e.getMessage(), e);
        }
    }

    private static Set<String> sourceTopics(Topology topology) {
        return topology.describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits until the instance's health names the new version as serving. */
    private void awaitSwitch(URI instance, String next, PrintWriter out) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI health = instance.resolve("/actuator/health");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.body().contains("\"applicationId\":\"" + next + "\"")) {
                    out.println(instance + " serves " + next);
                    return;
                }
            } catch (IOException unreachable) {
                // Restarting, or briefly away: ask again.
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException(instance + " did not switch to " + next + " within " + timeout);
    }
}
