package io.msmeatlas.listings.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration {

    @Bean
    EventOutbox eventOutbox(JdbcTemplate jdbc) {
        return new EventOutbox(jdbc);
    }

    /** Replaces Axon's JDBC engine from auto-configuration with the same settings plus the outbox. */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer, Configuration configuration,
            ConnectionProvider connectionProvider, TransactionManager transactionManager, EventSchema eventSchema,
            EventOutbox outbox, @Lazy OutboxRelay relay) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema);
        return new OutboxingEventStorageEngine(builder, transactionManager, outbox, relay::wake);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            KafkaProperties kafka, OutboxProperties properties, MeterRegistry meters) {
        Map<String, Object> producerConfig = new HashMap<>(kafka.buildProducerProperties());
        producerConfig.putAll(OutboxRelay.producerOverrides());
        Map<String, Object> adminConfig = new HashMap<>(kafka.buildAdminProperties());
        adminConfig.put("request.timeout.ms", "5000");
        adminConfig.put("default.api.timeout.ms", "10000");
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager),
                () -> new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()),
                () -> Admin.create(adminConfig), properties, meters);
    }

    /** Kafka being away does not stop commands, so it never makes this service DOWN; it shows here. */
    @Bean
    HealthIndicator outbox(OutboxRelay relay) {
        return () -> {
            Health.Builder health = Health.up().withDetail("pending", relay.pending());
            relay.lastPublished().ifPresent(at -> health.withDetail("lastPublished", at.toString()));
            relay.lastError().ifPresent(error -> health.withDetail("lastError", error));
            return health.build();
        };
    }
}
