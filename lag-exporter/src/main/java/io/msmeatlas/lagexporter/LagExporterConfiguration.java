package io.msmeatlas.lagexporter;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exporter's two Kafka clients, with the connection settings of {@code spring.kafka.*} (servers,
 * TLS, SASL) as every other service has them: an AdminClient, and a consumer outside any group that
 * only reads single records to learn their timestamps (it never commits, so it is no group to export).
 */
@Configuration(proxyBeanMethods = false)
class LagExporterConfiguration {

    @Bean(destroyMethod = "close")
    Admin lagAdmin(KafkaProperties kafka, LagExporterProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "lag-exporter-admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.timeout().toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.timeout().toMillis());
        return Admin.create(config);
    }

    @Bean(destroyMethod = "close")
    Consumer<byte[], byte[]> timestampReader(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lag-exporter-timestamps");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // What our consumers see: records of aborted transactions and markers are skipped.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A committed offset below the log start (retention removed the records): the oldest one left.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        // Only the first record of each position matters: small fetches.
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024 * 1024);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Bean
    LagExporter lagExporter(Admin lagAdmin, Consumer<byte[], byte[]> timestampReader, LagExporterProperties properties,
            MeterRegistry meters) {
        Clock clock = Clock.systemUTC();
        RecordTimestamps timestamps = new RecordTimestamps(timestampReader, properties.timestampCacheBytes(), meters, clock);
        LagSampler sampler = new LagSampler(lagAdmin, timestamps, properties, clock, meters);
        return new LagExporter(sampler, new LagMetrics(meters), properties.interval(), clock, meters);
    }
}
