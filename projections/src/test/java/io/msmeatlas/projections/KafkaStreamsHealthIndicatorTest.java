package io.msmeatlas.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.msmeatlas.projections.ProjectionsStreams.Generation;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class KafkaStreamsHealthIndicatorTest {

    private final ProjectionsStreams streams = mock(ProjectionsStreams.class);
    private final KafkaStreamsHealthIndicator indicator = new KafkaStreamsHealthIndicator(streams);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "RUNNING, UP",
            "REBALANCING, UP",
            "CREATED, OUT_OF_SERVICE",
            "PENDING_SHUTDOWN, OUT_OF_SERVICE",
            "NOT_RUNNING, OUT_OF_SERVICE",
            "PENDING_ERROR, DOWN",
            "ERROR, DOWN"
    })
    void the_health_follows_the_kafka_streams_state(KafkaStreams.State state, String status) {
        KafkaStreams kafkaStreams = mock(KafkaStreams.class);
        given(kafkaStreams.state()).willReturn(state);
        given(streams.servingGeneration()).willReturn(Optional.of(new Generation("msme-projections-v2", kafkaStreams)));
        given(streams.pendingGeneration()).willReturn(Optional.empty());

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(new Status(status));
        assertThat(health.getDetails()).containsEntry("state", state.name())
                .containsEntry("applicationId", "msme-projections-v2");
    }

    @Test
    void during_a_switch_it_names_the_version_being_started() {
        KafkaStreams serving = mock(KafkaStreams.class);
        KafkaStreams next = mock(KafkaStreams.class);
        given(serving.state()).willReturn(KafkaStreams.State.RUNNING);
        given(next.state()).willReturn(KafkaStreams.State.REBALANCING);
        given(streams.servingGeneration()).willReturn(Optional.of(new Generation("msme-projections-v2", serving)));
        given(streams.pendingGeneration()).willReturn(Optional.of(new Generation("msme-projections-v3", next)));

        assertThat(indicator.health().getDetails()).containsEntry("switchingTo", "msme-projections-v3")
                .containsEntry("switchingToState", "REBALANCING");
    }

    @Test
    void before_kafka_streams_exists_the_service_is_out_of_service() {
        given(streams.servingGeneration()).willReturn(Optional.empty());

        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }
}
