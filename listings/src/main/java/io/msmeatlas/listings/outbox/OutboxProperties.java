package io.msmeatlas.listings.outbox;

import io.msmeatlas.schemas.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often the relay looks for rows when no commit woke it (other instances, restarts)
 * @param maxBackoff the longest wait between attempts while Kafka is unreachable
 * @param replicationFactor for the topic if the relay has to create it; -1 takes the broker's default
 */
@ConfigurationProperties("atlas.outbox")
record OutboxProperties(
        @DefaultValue(Topics.LISTING_EVENTS) String topic,
        @DefaultValue("500") int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("6") int partitions,
        @DefaultValue("-1") short replicationFactor) {
}
