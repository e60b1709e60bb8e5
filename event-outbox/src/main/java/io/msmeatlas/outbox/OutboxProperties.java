package io.msmeatlas.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topic the service's own event topic (one writer per topic)
 * @param source the CloudEvents {@code source} of its events, e.g. {@code /msmeatlas/listings}
 * @param pollInterval how often the relay looks for rows when no commit woke it (other instances, restarts)
 * @param maxBackoff the longest wait between attempts while Kafka is unreachable
 * @param replicationFactor for the topic if the relay has to create it; -1 takes the broker's default
 * @param awaitPublishTimeout how long a command waits for its events to reach Kafka to hand out a
 *     consistency token with their position (never longer: the command is accepted either way)
 */
@ConfigurationProperties("atlas.outbox")
public record OutboxProperties(
        String topic,
        String source,
        @DefaultValue("500") int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("6") int partitions,
        @DefaultValue("-1") short replicationFactor,
        @DefaultValue("1s") Duration awaitPublishTimeout) {

    public OutboxProperties {
        if (topic == null || topic.isBlank() || source == null || source.isBlank()) {
            throw new IllegalStateException("Set atlas.outbox.topic and atlas.outbox.source for this service's events");
        }
    }
}
