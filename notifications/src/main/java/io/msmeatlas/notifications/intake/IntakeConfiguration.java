package io.msmeatlas.notifications.intake;

import io.msmeatlas.notifications.Deliveries;
import io.msmeatlas.notifications.NotificationsProperties;
import io.msmeatlas.notifications.push.Broadcaster;
import io.msmeatlas.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.FixedBackOff;

/** The intake from the event topics, its directories and what happens to a record it cannot use. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    static final String REASON_HEADER = "x-dlq-reason";

    @Bean
    ListingOwners listingOwners(JdbcTemplate jdbc) {
        return new ListingOwners(jdbc);
    }

    @Bean
    Recipients recipients(JdbcTemplate jdbc) {
        return new Recipients(jdbc);
    }

    @Bean
    Intake intake(ListingOwners owners, Recipients recipients, Deliveries deliveries, Broadcaster broadcaster,
            TransactionTemplate transaction, JdbcTemplate jdbc, NotificationsProperties properties) {
        Instant notifyFrom = jdbc.queryForObject("select notify_from from intake_state", java.sql.Timestamp.class)
                .toInstant();
        return new Intake(owners, recipients, deliveries, broadcaster, transaction, notifyFrom,
                properties.valuationTopic());
    }

    /**
     * A poison record goes to the dead-letter topic at once; PostgreSQL trouble is retried for as long as
     * it lasts; an event about a listing whose seller is not known yet is retried for about two minutes
     * (the listing topic catches up), then dead-lettered; anything else three times.
     */
    @Bean
    CommonErrorHandler intakeErrorHandler(KafkaOperations<?, ?> kafka, NotificationsProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        recoverer.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 3));
        handler.addNotRetryableExceptions(PoisonRecord.class);
        ExponentialBackOff patient = new ExponentialBackOff(200, 2.0);
        patient.setMaxInterval(10_000);
        ExponentialBackOffWithMaxRetries waitForOwner = new ExponentialBackOffWithMaxRetries(14);
        waitForOwner.setInitialInterval(200);
        waitForOwner.setMultiplier(2.0);
        waitForOwner.setMaxInterval(10_000);
        handler.setBackOffFunction((record, exception) -> {
            if (causedBy(exception, RecipientUnknown.class)) {
                return waitForOwner;
            }
            return isTransient(exception) ? patient : null;
        });
        return handler;
    }

    @Bean
    NewTopic notificationsDeadLetterTopic(NotificationsProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(1).build();
    }

    /** The topics read, created here too so that the subscription never auto-creates them with other settings. */
    @Bean
    NewTopic matchEventsTopic() {
        return eventTopic(Topics.MATCH_EVENTS);
    }

    @Bean
    NewTopic listingEventsTopic() {
        return eventTopic(Topics.LISTING_EVENTS);
    }

    @Bean
    NewTopic userEventsTopic() {
        return eventTopic(Topics.USER_EVENTS);
    }

    @Bean
    NewTopic valuationEventsTopic(NotificationsProperties properties) {
        return eventTopic(properties.valuationTopic());
    }

    private static NewTopic eventTopic(String name) {
        return TopicBuilder.name(name).partitions(Topics.DEFAULT_PARTITIONS).configs(Topics.EVENT_TOPIC_CONFIG).build();
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static boolean isTransient(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException) {
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

    private static String reason(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && !(root instanceof PoisonRecord) && !(root instanceof RecipientUnknown)) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
