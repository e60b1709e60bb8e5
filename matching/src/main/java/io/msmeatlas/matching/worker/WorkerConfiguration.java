package io.msmeatlas.matching.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.matching.scoring.MatchScorer;
import io.msmeatlas.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.common.AxonTransientException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/** The matching worker, its indexes and what happens to a record it cannot process. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MatchingProperties.class)
class WorkerConfiguration {

    /** Header naming why a record was dead-lettered, beside Spring Kafka's {@code kafka_dlt-exception-*} headers. */
    static final String REASON_HEADER = "x-dlq-reason";

    @Bean
    ListingIndex listingIndex(JdbcTemplate jdbc) {
        return new ListingIndex(jdbc);
    }

    @Bean
    BuyerIndex buyerIndex(JdbcTemplate jdbc) {
        return new BuyerIndex(jdbc);
    }

    @Bean
    MatchDirectory matchDirectory(JdbcTemplate jdbc) {
        return new MatchDirectory(jdbc);
    }

    @Bean
    MatchingEngine matchingEngine(BuyerIndex buyers, ListingIndex listings, MatchingProperties properties) {
        return new MatchingEngine(buyers, listings, new MatchScorer(properties.threshold()));
    }

    @Bean
    Reconciler reconciler(MatchingEngine engine, MatchDirectory directory, CommandGateway commands,
            MeterRegistry meters) {
        return new Reconciler(engine, directory, commands, meters);
    }

    @Bean
    MatchingWorker matchingWorker(ListingIndex listings, BuyerIndex buyers, Reconciler reconciler,
            TransactionTemplate transaction, JdbcTemplate jdbc, MeterRegistry meters) {
        return new MatchingWorker(listings, buyers, reconciler, transaction, jdbc, meters);
    }

    /**
     * A poison record goes to the dead-letter topic at once; a record that fails for a passing reason
     * (PostgreSQL unreachable, a concurrent change to a match) is retried with backoff for as long as it
     * takes, since the record itself is fine; any other failure is retried three times, then
     * dead-lettered, and the worker moves on.
     */
    @Bean
    CommonErrorHandler workerErrorHandler(KafkaOperations<?, ?> kafka, MatchingProperties properties,
            MeterRegistry meters) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        recoverer.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, String.valueOf(rootMessage(exception)).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 3));
        handler.addNotRetryableExceptions(PoisonRecord.class);
        ExponentialBackOff patient = new ExponentialBackOff(200, 2.0);
        patient.setMaxInterval(10_000);
        handler.setBackOffFunction((record, exception) -> isTransient(exception) ? patient : null);
        Counter failedAttempts = Counter.builder("matching.worker.failed.attempts")
                .description("Records that failed and will be retried or dead-lettered").register(meters);
        handler.setRetryListeners((record, exception, attempt) -> failedAttempts.increment());
        return handler;
    }

    @Bean
    NewTopic matchingDeadLetterTopic(MatchingProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(1).build();
    }

    /** Created here too, so that the worker's subscription never auto-creates them with the broker's defaults. */
    @Bean
    NewTopic matchEventsTopic() {
        return TopicBuilder.name(Topics.MATCH_EVENTS).partitions(Topics.DEFAULT_PARTITIONS)
                .configs(Topics.EVENT_TOPIC_CONFIG).build();
    }

    @Bean
    NewTopic listingEventsTopic() {
        return TopicBuilder.name(Topics.LISTING_EVENTS).partitions(Topics.DEFAULT_PARTITIONS)
                .configs(Topics.EVENT_TOPIC_CONFIG).build();
    }

    static boolean isTransient(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException || cause instanceof AxonTransientException) {
                return true;
            }
            // Connection (08), transaction rollback (40), resources (53) or operator (57) trouble.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().matches("(08|40|53|57).*")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && !(root instanceof PoisonRecord)) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
