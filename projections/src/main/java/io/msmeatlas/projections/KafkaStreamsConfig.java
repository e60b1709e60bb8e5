package io.msmeatlas.projections;

import io.msmeatlas.projections.cluster.AdvertisedServer;
import io.msmeatlas.projections.cluster.ClusterProperties;
import io.msmeatlas.schemas.Topics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.config.TopicBuilder;

/**
 * This instance's Kafka Streams. Where to connect and where to keep state come
 * from {@code spring.kafka.streams.*}; how records are processed is fixed here, because the read
 * models' correctness depends on it, and is shared with the topology tests.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class KafkaStreamsConfig {

    /** Records no projection could read, with the reason in {@code __streams.errors.*} headers. */
    public static final String DEAD_LETTER_TOPIC = "msme.projections.dlq";

    private static final Logger log = LoggerFactory.getLogger(KafkaStreamsConfig.class);

    /**
     * Poison records go to the dead-letter topic and the partition moves on (KIP-1034), rather than
     * stalling every listing behind them. At-least-once is enough: the projections are idempotent.
     * One stream thread and small RocksDB buffers keep the service within a 128 MB heap.
     */
    public static Map<String, Object> processingSettings() {
        return Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1,
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTER_TOPIC,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName(),
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName(),
                StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName(),
                // Publishers write in Kafka transactions: an aborted batch must stay invisible.
                StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    }

    /**
     * Several instances share the partitions (see {@code cluster/}): standby replicas, input positions
     * in the changelog for read-your-writes on standbys, and this instance's address, which is only
     * known once the web server listens, set as {@code application.server} when Streams is created.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer projectionsStreamsConfigurer(ClusterProperties cluster,
            AdvertisedServer advertisedServer) {
        return factoryBean -> {
            Properties properties = factoryBean.getStreamsConfiguration();
            properties.putAll(processingSettings());
            properties.putAll(cluster.streamsSettings());
            factoryBean.setStreamsConfiguration(properties);
            factoryBean.setKafkaStreamsCustomizer(advertisedServer.applicationServerCustomizer());
            // Otherwise a restarted instance waits out the old member's session (45 s) before it owns any partition.
            factoryBean.setLeaveGroupOnClose(true);
            // A missing source topic or a lost broker kills the stream thread; a fresh one retries.
            factoryBean.setStreamsUncaughtExceptionHandler(exception -> {
                log.error("Stream thread failed; replacing it", exception);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        };
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
