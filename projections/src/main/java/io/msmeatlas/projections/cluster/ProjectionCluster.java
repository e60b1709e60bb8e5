package io.msmeatlas.projections.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance of the projections service holds which partition of a store, as the Kafka Streams
 * group currently sees it (each instance's {@code application.server} and its active and standby
 * tasks), and what this instance can answer from its own copies.
 *
 * <p>Partitions are looked up one by one with a partitioner that names the partition, rather than
 * read from {@link KafkaStreams#streamsMetadataForStore}: that lists every source partition of an
 * instance, of every store, while the per-partition lookup is filtered to the store's own source
 * topics and tells how many partitions the store has.
 */
public class ProjectionCluster implements AutoCloseable {

    /**
     * Where a key lives: its partition and the instances to ask, in order: the active, then the
     * standbys (this instance first, when its copy is readable).
     */
    public record Route(int partition, List<HostInfo> hosts) {

        public Route {
            hosts = List.copyOf(hosts);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ProjectionCluster.class);

    /** Lags cost a round trip to the broker; a query does not need them fresher than this. */
    private static final long LAG_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LAG_TRUSTED_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Comparator<HostInfo> HOST_ORDER =
            Comparator.comparing(HostInfo::host).thenComparingInt(HostInfo::port);

    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;
    private final long maxStandbyLag;
    private final ExecutorService lagFetcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-cluster-lags");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile LagSnapshot lags = new LagSnapshot(null, System.nanoTime(), Map.of());

    /**
     * @param streams the running Kafka Streams, or an {@code InvalidStateStoreException} while there is none
     * @param self this instance's {@code application.server}
     * @param maxStandbyLag how many changelog offsets a local copy may be behind and still be read
     */
    public ProjectionCluster(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, long maxStandbyLag) {
        this.streams = streams;
        this.self = self;
        this.maxStandbyLag = maxStandbyLag;
    }

    public HostInfo self() {
        return self.get();
    }

    /** The partition of {@code key} and who to ask for it, best first; the list is empty when nobody holds it. */
    public Route route(String store, String key) {
        KeyQueryMetadata metadata = lookUp(store, () -> streams.get().queryMetadataForKey(store, key,
                Serdes.String().serializer()));
        return new Route(metadata.partition(), candidates(metadata, Set.of(), new Readable(store)));
    }

    /**
     * The instance to ask for {@code key}: the active when the group knows one, else (during a
     * rebalance) a standby.
     *
     * @throws PartitionsUnavailableException when no instance holds the key's partition
     */
    public HostInfo hostFor(String store, String key) {
        Route route = route(store, key);
        if (route.hosts().isEmpty()) {
            throw new PartitionsUnavailableException(store, Set.of(route.partition()), "no instance holds it");
        }
        return route.hosts().get(0);
    }

    /** {@link #plan(String, Set)} avoiding no one. */
    public Map<HostInfo, Set<Integer>> plan(String store) {
        return plan(store, Set.of());
    }

    /**
     * Every partition of the store given to exactly one instance: its active, or a standby when the
     * active is unknown or in {@code avoid} (instances that just failed to answer).
     *
     * @throws PartitionsUnavailableException when some partition has no instance left to ask
     */
    public Map<HostInfo, Set<Integer>> plan(String store, Set<HostInfo> avoid) {
        Readable readable = new Readable(store);
        Map<HostInfo, Set<Integer>> plan = new LinkedHashMap<>();
        Set<Integer> orphans = new TreeSet<>();
        for (KeyQueryMetadata partition : partitions(store)) {
            Optional<HostInfo> host = candidates(partition, avoid, readable).stream().findFirst();
            if (host.isPresent()) {
                plan.computeIfAbsent(host.get(), h -> new TreeSet<>()).add(partition.partition());
            } else {
                orphans.add(partition.partition());
            }
        }
        if (!orphans.isEmpty()) {
            throw new PartitionsUnavailableException(store, orphans, "no reachable instance holds them");
        }
        return plan;
    }

    /**
     * The partitions this instance can answer from: its active ones, and its standbys whose lag is
     * within {@code max-standby-lag}. An active that is still restoring counts like a standby. Lags
     * come from the last background fetch, so just after start, or while the broker is away for
     * more than a few seconds, only the active partitions are readable.
     */
    public Set<Integer> readablePartitions(String store) {
        HostInfo me = self();
        Map<Integer, LagInfo> storeLags = localLags().getOrDefault(store, Map.of());
        Set<Integer> readable = new TreeSet<>();
        for (KeyQueryMetadata partition : partitions(store)) {
            LagInfo lag = storeLags.get(partition.partition());
            boolean caughtUp = lag != null && lag.offsetLag() <= maxStandbyLag;
            // A store without changelog has no lag to report; its active copy is simply current.
            boolean active = me.equals(partition.activeHost()) && (lag == null || caughtUp);
            boolean standby = partition.standbyHosts().contains(me) && caughtUp;
            if (active || standby) {
                readable.add(partition.partition());
            }
        }
        return readable;
    }

    /** @throws PartitionsUnavailableException unless this instance can answer for all of {@code partitions} */
    public void requireReadable(String store, Set<Integer> partitions) {
        Set<Integer> missing = new TreeSet<>(partitions);
        missing.removeAll(readablePartitions(store));
        if (!missing.isEmpty()) {
            throw new PartitionsUnavailableException(store, missing, "this instance holds no readable copy");
        }
    }

    /**
     * This instance's copy of one partition of a key-value store, active or standby. Only read the
     * partitions {@link #readablePartitions} names: a standby's staleness is not checked here.
     */
    public <K, V> ReadOnlyKeyValueStore<K, V> localStore(String store, int partition) {
        return streams.get().store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<K, V>keyValueStore())
                .enableStaleStores()
                .withPartition(partition));
    }

    /** An interactive query (IQv2) against this instance's copies. */
    public <R> StateQueryResult<R> query(StateQueryRequest<R> request) {
        return streams.get().query(request);
    }

    /** Active first, then standbys: this instance's if readable, then the others in a stable order. */
    private List<HostInfo> candidates(KeyQueryMetadata partition, Set<HostInfo> avoid, Readable readable) {
        List<HostInfo> hosts = new ArrayList<>();
        HostInfo active = partition.activeHost();
        if (!active.equals(HostInfo.unavailable()) && !avoid.contains(active)) {
            hosts.add(active);
        }
        HostInfo me = self();
        if (partition.standbyHosts().contains(me) && !avoid.contains(me) && readable.contains(partition.partition())) {
            hosts.add(me);
        }
        partition.standbyHosts().stream()
                .filter(host -> !host.equals(me) && !avoid.contains(host))
                .sorted(HOST_ORDER)
                .forEach(hosts::add);
        return hosts;
    }

    /** Every partition of the store with its active and standby hosts. */
    private List<KeyQueryMetadata> partitions(String store) {
        AtomicInteger count = new AtomicInteger(-1);
        lookUp(store, () -> streams.get().queryMetadataForKey(store, "", (topic, key, value, partitions) -> {
            count.set(partitions);
            return Optional.of(Set.of(0));
        }));
        List<KeyQueryMetadata> all = new ArrayList<>(count.get());
        for (int p = 0; p < count.get(); p++) {
            int partition = p;
            all.add(lookUp(store, () -> streams.get().queryMetadataForKey(store, "",
                    (topic, key, value, partitions) -> Optional.of(Set.of(partition)))));
        }
        return all;
    }

    private static KeyQueryMetadata lookUp(String store, Supplier<KeyQueryMetadata> query) {
        KeyQueryMetadata metadata;
        try {
            metadata = query.get();
        } catch (IllegalStateException e) {
            // Kafka Streams is shutting down or has failed.
            throw new PartitionsUnavailableException(store, Set.of(), e.getMessage());
        }
        if (metadata == null) {
            throw new IllegalArgumentException("No store " + store + " with source topics in the topology");
        }
        if (metadata.partition() < 0) {
            throw new PartitionsUnavailableException(store, Set.of(), "the group has no assignment yet");
        }
        return metadata;
    }

    /**
     * The last lags fetched, refreshed in the background when older than a second: fetching asks the
     * broker for end offsets, which can block for a minute while it is away, and a query must not
     * wait for that. Lags older than {@link #LAG_TRUSTED_NANOS} are not trusted: then only active
     * copies are read.
     */
    private Map<String, Map<Integer, LagInfo>> localLags() {
        KafkaStreams current = streams.get();
        LagSnapshot snapshot = lags;
        long age = System.nanoTime() - snapshot.takenAt();
        boolean ours = snapshot.streams() == current;
        if ((!ours || age >= LAG_REFRESH_NANOS) && refreshing.compareAndSet(false, true)) {
            try {
                lagFetcher.execute(() -> {
                    try {
                        lags = new LagSnapshot(current, System.nanoTime(), fetchLags(current));
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                refreshing.set(false);
            }
        }
        return ours && age < LAG_TRUSTED_NANOS ? snapshot.lags() : Map.of();
    }

    private static Map<String, Map<Integer, LagInfo>> fetchLags(KafkaStreams current) {
        try {
            return current.allLocalStorePartitionLags();
        } catch (RuntimeException e) {
            // The broker is unreachable or Streams is not running: trust no standby until it answers.
            log.debug("Cannot read local store lags: {}", e.toString());
            return Map.of();
        }
    }

    /** Stops the background lag fetching. */
    @Override
    public void close() {
        lagFetcher.shutdownNow();
    }

    private record LagSnapshot(KafkaStreams streams, long takenAt, Map<String, Map<Integer, LagInfo>> lags) {
    }

    /** This instance's readable partitions of one store, fetched only if a decision needs them. */
    private final class Readable {

        private final String store;
        private Set<Integer> partitions;

        Readable(String store) {
            this.store = store;
        }

        boolean contains(int partition) {
            if (partitions == null) {
                partitions = readablePartitions(store);
            }
            return partitions.contains(partition);
        }
    }
}
