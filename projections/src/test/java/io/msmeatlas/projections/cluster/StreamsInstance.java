package io.msmeatlas.projections.cluster;

import io.msmeatlas.projections.KafkaStreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * One projections instance without Spring: Kafka Streams running a tiny projection (a topic of
 * String records into a cached key-value store, like the listing store) with the production
 * processing and cluster settings, and this package's view of it.
 */
final class StreamsInstance implements AutoCloseable {

    static final String STORE = "tiny-views";

    static final ClusterProperties DEFAULTS =
            new ClusterProperties("localhost", 0, 1, 1000, Duration.ofSeconds(5), Duration.ofSeconds(2));

    final HostInfo host;
    final KafkaStreams streams;
    final ProjectionCluster cluster;

    private StreamsInstance(HostInfo host, KafkaStreams streams) {
        this.host = host;
        this.streams = streams;
        this.cluster = new ProjectionCluster(() -> streams, () -> host, DEFAULTS.maxStandbyLag());
    }

    /**
     * @param sessionTimeout how long the group waits for an instance that stopped without leaving
     */
    static StreamsInstance start(String applicationId, String topic, HostInfo host, Path stateDir,
            Duration sessionTimeout) {
        Properties properties = new Properties();
        properties.putAll(KafkaStreamsConfig.processingSettings());
        properties.putAll(DEFAULTS.streamsSettings());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port());
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // Standbys read what the active committed: commit often so the tests need not wait 30 s.
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) sessionTimeout.toMillis());
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        KafkaStreams streams = new KafkaStreams(topology(topic), properties);
        streams.start();
        return new StreamsInstance(host, streams);
    }

    static Topology topology(String topic) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, topic);
        return builder.build();
    }

    /** Each record's value becomes its key's value in the store. */
    static KStream<String, String> addTo(StreamsBuilder builder, String topic) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.String()).withCachingEnabled());
        KStream<String, String> records = builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String()));
        records.process(Projector::new, STORE);
        return records;
    }

    /** This instance's copy of a partition, active or standby. */
    String localValue(int partition, String key) {
        return cluster.<String, String>localStore(STORE, partition).get(key);
    }

    boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Stops like a crashed instance: the group only notices when the session times out. */
    void stopWithoutLeaving() {
        cluster.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    @Override
    public void close() {
        cluster.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    @Override
    public String toString() {
        return host.toString();
    }

    private static final class Projector implements Processor<String, String, Void, Void> {

        private KeyValueStore<String, String> views;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            views = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            views.put(record.key(), record.value());
        }
    }
}
