package io.msmeatlas.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service that has this module stores its aggregates' events with Axon in PostgreSQL (tables from
 * {@code classpath:db/event-store}) and publishes each published-contract event to its Kafka topic
 * ({@code atlas.outbox.topic}) through the transactional outbox.
 */
// Before Axon's own, so that its @ConditionalOnMissingBean defaults (a no-op transaction manager!) back off.
@AutoConfiguration(beforeName = {
    "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
    "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
    "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
    "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration"})
@EnableConfigurationProperties(OutboxProperties.class)
public class EventOutboxAutoConfiguration {

    /** The tables of V1__event_store_and_outbox.sql, in PostgreSQL's snake case. */
    static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /**
     * Copies who asked and which request it was from each command onto the events it causes: the
     * outbox publishes the request id as {@code ce_correlationid} and the audit tool shows both.
     */
    @Bean
    CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider("requestId", "userId");
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /** Stored payloads carry their schema version, so that {@link ContractUpcaster} knows what to upcast. */
    @Bean
    RevisionResolver revisionResolver() {
        return ContractUpcaster.REVISIONS;
    }

    @Bean
    ContractUpcaster contractUpcaster() {
        return new ContractUpcaster();
    }

    @Bean
    EventOutbox eventOutbox(JdbcTemplate jdbc) {
        return new EventOutbox(jdbc);
    }

    /**
     * Axon's JDBC auto-configuration waits for Boot 3's DataSource auto-configuration class, which
     * Boot 4 renamed, so it never applies: the engine and the transaction manager are wired here.
     * Without a Spring-backed transaction manager Axon would fall back to no transactions at all,
     * and the event and its outbox row would no longer commit together.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer, Configuration configuration,
            DataSource dataSource, JdbcTemplate jdbc, TransactionManager transactionManager, EventOutbox outbox,
            @Lazy OutboxRelay relay) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(EventOutboxAutoConfiguration::isUniqueViolation)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .schema(EVENT_SCHEMA);
        return new OutboxingEventStorageEngine(builder, transactionManager,
                new StoredEventChain(jdbc), outbox, relay::wake);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            KafkaProperties kafka, OutboxProperties properties, MeterRegistry meters) {
        // The connection settings (servers, security) every client of the relay shares.
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), kafka.buildAdminProperties(),
                properties, meters);
    }

    /**
     * A unique-key violation on (aggregate, sequence) means another command appended first: Axon turns
     * it into a concurrency conflict. Axon's JDBC resolver only recognises JPA's exception type.
     */
    static boolean isUniqueViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null
                    && "23505".equals(batch.getNextException().getSQLState())) {
                return true;
            }
        }
        return false;
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
