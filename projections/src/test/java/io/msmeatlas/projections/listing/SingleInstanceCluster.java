package io.msmeatlas.projections.listing;

import io.msmeatlas.projections.cluster.ProjectionCluster;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The group as a lone instance sees it: every partition of {@link InMemoryListingStores} is its own
 * and readable. For slice tests of the query controller without Kafka Streams.
 */
final class SingleInstanceCluster extends ProjectionCluster {

    static final HostInfo SELF = new HostInfo("localhost", 3006);

    private final InMemoryListingStores stores;
    private final Set<Integer> partitions = new TreeSet<>();

    SingleInstanceCluster(InMemoryListingStores stores, int partitions) {
        super(() -> {
            throw new StreamsNotStartedException("no Kafka Streams in this test");
        }, () -> SELF, 0);
        this.stores = stores;
        for (int partition = 0; partition < partitions; partition++) {
            this.partitions.add(partition);
        }
    }

    @Override
    public Route route(String store, String key) {
        return new Route(stores.partitionOf(key), List.of(SELF));
    }

    @Override
    public Map<HostInfo, Set<Integer>> plan(String store, Set<HostInfo> avoid) {
        return Map.of(SELF, partitions);
    }

    @Override
    public Set<Integer> readablePartitions(String store) {
        return partitions;
    }
}
