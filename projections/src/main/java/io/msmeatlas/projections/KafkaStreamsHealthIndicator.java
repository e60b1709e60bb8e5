package io.msmeatlas.projections;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP while Kafka Streams runs or rebalances (queries may briefly answer 503 then), DOWN when it
 * has failed, OUT_OF_SERVICE before it starts and while it shuts down.
 */
@Component
class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final ProjectionsStreams streams;

    KafkaStreamsHealthIndicator(ProjectionsStreams streams) {
        this.streams = streams;
    }

    /** Also names the read-model version that serves ({@code applicationId}) and the one being switched to. */
    @Override
    public Health health() {
        Optional<ProjectionsStreams.Generation> serving = streams.servingGeneration();
        if (serving.isEmpty()) {
            return Health.outOfService().withDetail("state", "NOT_CREATED").build();
        }
        KafkaStreams.State state = serving.get().streams().state();
        Health.Builder health = switch (state) {
            case RUNNING, REBALANCING -> Health.up();
            case ERROR, PENDING_ERROR -> Health.down();
            case CREATED, PENDING_SHUTDOWN, NOT_RUNNING -> Health.outOfService();
        };
        health.withDetail("state", state.name()).withDetail("applicationId", serving.get().applicationId());
        streams.pendingGeneration().ifPresent(next -> health.withDetail("switchingTo", next.applicationId())
                .withDetail("switchingToState", next.streams().state().name()));
        return health.build();
    }
}
