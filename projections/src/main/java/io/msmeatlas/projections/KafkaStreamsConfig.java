package io.msmeatlas.projections;

import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.projections.cluster.AdvertisedServer;
import io.msmeatlas.projections.cluster.ClusterProperties;
import io.msmeatlas.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * This instance's Kafka Streams. Where to connect and where to keep state come
 * from {@code spring.kafka.streams.*}; how records are processed is fixed here, because the read
 * models' correctness depends on it, and is shared with the topology tests and the rebuild tool.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaStreamsConfig {

    /** Builds the topology of the read models this service keeps: a new one for each version it runs. */
    @FunctionalInterface
    public interface TopologyFactory extends Supplier<Topology> {
    }

    /** Records no projection could read, with the reason in {@code __streams.errors.*} headers. */
    public static final String DEAD_LETTER_TOPIC = "msme.projections.dlq";

    /** Input records held per partition before Kafka Streams pauses fetching from it. */
    static final int BUFFERED_RECORDS_PER_PARTITION = 100;
    /** One fetch response, all partitions together (Kafka's default: 50 MiB). */
    static final int FETCH_MAX_BYTES = 2 * 1024 * 1024;
    static final int MAX_PARTITION_FETCH_BYTES = 256 * 1024;

    /**
     * Poison records go to the dead-letter topic and the partition moves on (KIP-1034), rather than
     * stalling every listing behind them. At-least-once is enough: the projections are idempotent.
     * One stream thread and small RocksDB buffers keep the service within a 128 MB heap.
     */
    public static Map<String, Object> processingSettings() {
        return Map.ofEntries(
                Map.entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE),
                Map.entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1),
                Map.entry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTER_TOPIC),
                Map.entry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                        LogAndContinueProcessingExceptionHandler.class.getName()),
                Map.entry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        LogAndContinueExceptionHandler.class.getName()),
                Map.entry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName()),
                // Publishers write in Kafka transactions: an aborted batch must stay invisible.
                Map.entry(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed"),
                // Records waiting on the heap, bounded: by default 1000 per input partition plus
                // 50 MiB fetches, which a burst of 100k listing events turned into an OutOfMemoryError at 128 MB.
                Map.entry(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, BUFFERED_RECORDS_PER_PARTITION),
                Map.entry(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), FETCH_MAX_BYTES),
                Map.entry(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                        MAX_PARTITION_FETCH_BYTES));
    }

    /**
     * The read models' Kafka Streams, in the version {@link ServingVersion} names. Several instances
     * share the partitions (see {@code cluster/}): standby replicas, input positions in the changelog
     * for read-your-writes on standbys, and this instance's address, which is only known once the web
     * server listens.
     */
    @Bean
    ProjectionsStreams projectionsStreams(KafkaProperties kafka, ClusterProperties cluster,
            AdvertisedServer advertisedServer, ServingVersion versions, TopologyFactory topology,
            MeterRegistry meters) {
        Map<String, Object> settings = new HashMap<>(kafka.buildStreamsProperties());
        settings.putAll(processingSettings());
        settings.putAll(cluster.streamsSettings());
        return new ProjectionsStreams(settings, topology, versions, advertisedServer::publish, meters,
                cluster.maxStandbyLag());
    }

    /** Starts with {@code spring.kafka.streams.application-id} until a rebuild names another version. */
    @Bean
    ServingVersion servingVersion(KafkaProperties kafka) {
        return new ServingVersion(kafka.buildAdminProperties(), kafka.getStreams().getApplicationId());
    }

    /** Created here too, so this service starts before the listings service has written anything. */
    @Bean
    NewTopic listingEventsTopic() {
        return TopicBuilder.name(Topics.LISTING_EVENTS).partitions(Topics.DEFAULT_PARTITIONS)
                .configs(Topics.EVENT_TOPIC_CONFIG).build();
    }

    /** Joined into the listing views: it must exist, co-partitioned with the listing events, before Streams starts. */
    @Bean
    NewTopic valuationEventsTopic() {
        return TopicBuilder.name(Topics.VALUATION_EVENTS).partitions(Topics.DEFAULT_PARTITIONS)
                .configs(Topics.EVENT_TOPIC_CONFIG).build();
    }

    @Bean
    NewTopic deadLetterTopic() {
        return TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(1).build();
    }
}
