package io.msmeatlas.projections.cluster;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;

/**
 * Answers a query about one key (a listing by id) on the instance that holds the key's partition:
 * here when this instance is the first readable replica, else forwarded to the active, then to the
 * standbys in turn while they are unreachable or cannot answer (502/503/504). When no replica can
 * answer, the whole round is tried again for a short while: during a failover the only replica left
 * may be this instance, between closing its standby and opening the active.
 */
public class KeyedQuery {

    private static final Logger log = LoggerFactory.getLogger(KeyedQuery.class);

    private final ProjectionCluster cluster;
    private final PeerClient peers;
    private final Duration patience;

    /** @param patience how long to keep trying when no replica can answer ({@code peer-timeout}) */
    public KeyedQuery(ProjectionCluster cluster, PeerClient peers, Duration patience) {
        this.cluster = cluster;
        this.peers = peers;
        this.patience = patience;
    }

    /**
     * @param local this instance's answer from its copy of the key's partition (where the controller
     *        also waits for a consistency token)
     * @return the local answer or the peer's, relayed as it came
     * @throws PartitionsUnavailableException (a 503) when no replica could answer
     */
    public ResponseEntity<?> answer(String store, String key, HttpServletRequest request,
            IntFunction<ResponseEntity<?>> local) {
        if (ClusterRequest.partitions(request).isPresent()) {
            // A peer chose this instance: answer here or say 503, so that it asks the next replica.
            int partition = cluster.route(store, key).partition();
            cluster.requireReadable(store, Set.of(partition));
            return Retry.reading(patience, () -> local.apply(partition));
        }
        PeerRequest forwarded = PeerRequest.of(request);
        return Retry.until(patience, () -> askReplicas(store, key, forwarded, local),
                () -> new PartitionsUnavailableException(store, Set.of(cluster.route(store, key).partition()),
                        "no replica answered"));
    }

    /** One round over the key's replicas, best first. */
    private Optional<ResponseEntity<?>> askReplicas(String store, String key, PeerRequest forwarded,
            IntFunction<ResponseEntity<?>> local) {
        ProjectionCluster.Route route = cluster.route(store, key);
        int partition = route.partition();
        HostInfo me = cluster.self();
        for (HostInfo host : route.hosts()) {
            if (host.equals(me)) {
                if (cluster.readablePartitions(store).contains(partition)) {
                    try {
                        return Optional.of(local.apply(partition));
                    } catch (InvalidStateStoreException e) {
                        log.info("Local copy of {} partition {} unavailable: {}", store, partition, e.getMessage());
                    }
                }
                continue;
            }
            PeerResponse response = peers.get(host, forwarded, Set.of(partition));
            if (response instanceof PeerResponse.Answered answered && !answered.isUnavailable()) {
                return Optional.of(answered.toResponseEntity());
            }
            log.info("Instance {} could not answer for {} partition {}; trying the next replica", host, store,
                    partition);
        }
        return Optional.empty();
    }
}
