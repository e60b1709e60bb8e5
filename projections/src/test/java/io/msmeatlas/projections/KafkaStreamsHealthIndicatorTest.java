package io.msmeatlas.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class KafkaStreamsHealthIndicatorTest {

    private final StreamsBuilderFactoryBean factoryBean = mock(StreamsBuilderFactoryBean.class);
    private final KafkaStreamsHealthIndicator indicator = new KafkaStreamsHealthIndicator(factoryBean);

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
        KafkaStreams streams = mock(KafkaStreams.class);
        given(streams.state()).willReturn(state);
        given(factoryBean.getKafkaStreams()).willReturn(streams);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(new Status(status));
        assertThat(health.getDetails()).containsEntry("state", state.name());
    }

    @Test
    void before_kafka_streams_exists_the_service_is_out_of_service() {
        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }
}
