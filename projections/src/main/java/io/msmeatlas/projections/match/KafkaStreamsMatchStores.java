package io.msmeatlas.projections.match;

import io.msmeatlas.projections.cluster.ProjectionCluster;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The match stores of this instance's Kafka Streams, one partition at a time, active or standby
 * ({@link ProjectionCluster#localStore}). The caller reads only partitions the cluster says are
 * readable here. Reads of the cached view stores go through the record cache; the index is uncached.
 */
final class KafkaStreamsMatchStores implements MatchStores {

    private final ProjectionCluster cluster;

    KafkaStreamsMatchStores(ProjectionCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public KeyValueIterator<String, byte[]> indexRange(int partition, String from, String to) {
        ReadOnlyKeyValueStore<String, byte[]> index = cluster.localStore(MatchProjection.INDEX, partition);
        return index.range(from, to);
    }

    @Override
    public MatchView match(int partition, String matchId) {
        ReadOnlyKeyValueStore<String, MatchView> matches = cluster.localStore(MatchProjection.MATCHES, partition);
        return matches.get(matchId);
    }

    @Override
    public BuyerProfileView profile(int partition, String profileId) {
        ReadOnlyKeyValueStore<String, BuyerProfileView> profiles = cluster.localStore(MatchProjection.PROFILES,
                partition);
        return profiles.get(profileId);
    }
}
