package io.msmeatlas.projections.listing;

import io.msmeatlas.projections.KafkaStreamsConfig;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.listing.ListingEvent;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The listing projection in a TopologyTestDriver, with the service's own processing settings. */
final class ProjectionDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> events;

    ProjectionDriver(Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        ListingViewProjection.addTo(builder);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "projections-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.putAll(KafkaStreamsConfig.processingSettings());
        driver = new TopologyTestDriver(builder.build(), config);
        events = driver.createInputTopic(Topics.LISTING_EVENTS, new StringSerializer(), new ByteArraySerializer());
    }

    ProjectionDriver given(ListingEvent event, long sequence) {
        return pipe(event.listingId(), ListingEvents.payload(event), ListingEvents.headers(event, sequence));
    }

    ProjectionDriver pipe(String key, byte[] value, Headers headers) {
        events.pipeInput(new TestRecord<>(key, value, headers, ListingEvents.T0));
        return this;
    }

    ProjectionDriver pipeWithoutHeaders(String key, byte[] value) {
        return pipe(key, value, new RecordHeaders());
    }

    KeyValueStore<String, ListingView> store() {
        return driver.getKeyValueStore(ListingViewProjection.STORE);
    }

    ListingView view(String listingId) {
        return store().get(listingId);
    }

    TestOutputTopic<byte[], byte[]> deadLetters() {
        return driver.createOutputTopic(KafkaStreamsConfig.DEAD_LETTER_TOPIC, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
