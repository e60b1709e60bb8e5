package io.msmeatlas.projections;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP while Kafka Streams runs or rebalances (queries may briefly answer 503 then), DOWN when it
 * has failed, OUT_OF_SERVICE before it starts and while it shuts down.
 */
@Component
class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final StreamsBuilderFactoryBean streams;

    KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            return Health.outOfService().withDetail("state", "NOT_CREATED").build();
        }
        KafkaStreams.State state = kafkaStreams.state();
        Health.Builder health = switch (state) {
            case RUNNING, REBALANCING -> Health.up();
            case ERROR, PENDING_ERROR -> Health.down();
            case CREATED, PENDING_SHUTDOWN, NOT_RUNNING -> Health.outOfService();
        };
        return health.withDetail("state", state.name()).build();
    }
}
