package io.msmeatlas.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The records Kafka Streams holds on the heap are bounded, so a burst of events cannot exhaust 128 MB. */
class KafkaStreamsConfigTest {

    private final Map<String, Object> settings = KafkaStreamsConfig.processingSettings();

    @Test
    void a_fetch_brings_at_most_two_mebibytes_onto_the_heap() {
        assertThat(settings).containsEntry(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), 2 * 1024 * 1024)
                .containsEntry(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 256 * 1024);
    }

    @Test
    void each_input_partition_buffers_a_hundred_records_not_kafkas_default_thousand() {
        assertThat(settings).containsEntry(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 100);
        // The consumer prefix reaches the main, restore and global consumers alike.
        assertThat(new StreamsConfig(withRequired(settings)).getMainConsumerConfigs("g", "c", 0))
                .containsEntry(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 2 * 1024 * 1024);
    }

    private static Map<String, Object> withRequired(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put(StreamsConfig.APPLICATION_ID_CONFIG, "spec");
        all.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        return all;
    }
}
