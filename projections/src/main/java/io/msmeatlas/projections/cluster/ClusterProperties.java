package io.msmeatlas.projections.cluster;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections instances find each other and serve each other's partitions
 * ({@code atlas.projections.*}). The defaults live here rather than in {@code application.yml}, so a
 * single local instance needs no configuration at all.
 *
 * @param advertisedHost the host name peers use to reach this instance (a pod IP or DNS name in a
 *        cluster); it becomes Kafka Streams' {@code application.server} together with the port
 * @param advertisedPort the port peers use; 0 means the port the web server really listens on
 * @param standbyReplicas warm copies of every store partition on other instances: they take over
 *        within seconds when an instance dies and serve reads meanwhile
 * @param maxStandbyLag how many changelog offsets a standby (or a restoring active) may be behind and
 *        still answer reads
 * @param consistencyWait how long a query that carries a consistency token waits for its position
 *        before it answers with the data it has, marked stale
 * @param peerTimeout how long a forwarded query may take to connect, and then to be answered
 */
@ConfigurationProperties("atlas.projections")
public record ClusterProperties(
        @DefaultValue("localhost") String advertisedHost,
        @DefaultValue("0") int advertisedPort,
        @DefaultValue("1") int standbyReplicas,
        @DefaultValue("1000") long maxStandbyLag,
        @DefaultValue("5s") Duration consistencyWait,
        @DefaultValue("2s") Duration peerTimeout) {

    /**
     * Kafka's internal switch (KIP-796) that writes each record's input position into the changelog.
     * Without it a standby, or an active restored from the changelog after a failover, knows its data
     * but not the input offsets it reflects, so every position-bounded query there would wait in vain.
     * Changelog records written before it was switched on carry no position and are accepted as they are.
     */
    static final String POSITIONS_IN_CHANGELOG = StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED;

    public ClusterProperties {
        if (advertisedHost == null || advertisedHost.isBlank()) {
            throw new IllegalArgumentException("atlas.projections.advertised-host must name this instance");
        }
        if (advertisedPort < 0 || standbyReplicas < 0 || maxStandbyLag < 0) {
            throw new IllegalArgumentException(
                    "atlas.projections advertised-port, standby-replicas and max-standby-lag must be 0 or more");
        }
        if (consistencyWait.isNegative() || peerTimeout.isNegative() || peerTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "atlas.projections consistency-wait must be 0 or more and peer-timeout positive");
        }
    }

    /** What several instances need from Kafka Streams; {@code application.server} is set at start. */
    public Map<String, Object> streamsSettings() {
        return Map.of(
                StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas,
                POSITIONS_IN_CHANGELOG, true);
    }
}
