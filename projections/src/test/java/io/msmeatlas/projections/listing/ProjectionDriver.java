package io.msmeatlas.projections.listing;

import io.msmeatlas.projections.KafkaStreamsConfig;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.valuation.ValuationEvent;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.listing.ListingEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The listing projection in a TopologyTestDriver, with the service's own processing settings. */
final class ProjectionDriver implements AutoCloseable {

    private static final String APPLICATION_ID = "projections-test";

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> events;
    private final TestInputTopic<String, byte[]> valuations;

    ProjectionDriver(Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        ListingViewProjection.addTo(builder);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.putAll(KafkaStreamsConfig.processingSettings());
        driver = new TopologyTestDriver(builder.build(), config);
        events = driver.createInputTopic(Topics.LISTING_EVENTS, new StringSerializer(), new ByteArraySerializer());
        valuations = driver.createInputTopic(Topics.VALUATION_EVENTS, new StringSerializer(), new ByteArraySerializer());
    }

    ProjectionDriver given(ListingEvent event, long sequence) {
        return pipe(event.listingId(), ListingEvents.payload(event), ListingEvents.headers(event, sequence));
    }

    /** The event, at {@code time} rather than the default time of its sequence. */
    ProjectionDriver given(ListingEvent event, long sequence, Instant time) {
        return pipe(event.listingId(), ListingEvents.payload(event), ListingEvents.headers(event, sequence, time));
    }

    /** A valuation service event, the {@code sequence}-th of its listing's valuations. */
    ProjectionDriver valued(ValuationEvent event, long sequence) {
        EventEnvelope envelope = EventEnvelope.of(event.listingId() + "-valuation-" + sequence, "/msmeatlas/valuation",
                EventContracts.of(event.getClass()), event.listingId(), ListingEvents.time(100 + sequence), sequence,
                "req-1");
        Headers headers = new RecordHeaders();
        envelope.writeTo(headers);
        valuations.pipeInput(new TestRecord<>(event.listingId(), EventJson.write(event), headers, ListingEvents.T0));
        return this;
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

    KeyValueStore<String, byte[]> index() {
        return driver.getKeyValueStore(ListingViewProjection.INDEX_STORE);
    }

    ListingView view(String listingId) {
        return store().get(listingId);
    }

    /** Every index key, in store order. */
    List<String> indexKeys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = index().all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** The index keys of one listing. */
    List<String> indexKeysOf(String listingId) {
        return indexKeys().stream().filter(key -> key.endsWith(":" + listingId)).toList();
    }

    /** The stores as the query layer reads them: one partition, 0. */
    ListingStores stores() {
        return new DriverListingStores(store(), index());
    }

    TestOutputTopic<byte[], byte[]> deadLetters() {
        return driver.createOutputTopic(KafkaStreamsConfig.DEAD_LETTER_TOPIC, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Drops the changelog records the driver keeps in memory, for tests that load many listings. */
    void discardChangelogs() {
        for (String topic : driver.producedTopicNames()) {
            if (topic.startsWith(APPLICATION_ID) && topic.endsWith("-changelog")) {
                TestOutputTopic<byte[], byte[]> changelog = driver.createOutputTopic(topic,
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                while (!changelog.isEmpty()) {
                    changelog.readRecord();
                }
            }
        }
    }

    @Override
    public void close() {
        driver.close();
    }

    /** {@link ListingStores} over the driver's stores. */
    private record DriverListingStores(KeyValueStore<String, ListingView> views, KeyValueStore<String, byte[]> index)
            implements ListingStores {

        @Override
        public Map<Integer, KeyValueIterator<String, byte[]>> indexRange(String from, String to,
                boolean descending, QueryScope scope) {
            return Map.of(0, descending ? index.reverseRange(from, to) : index.range(from, to));
        }

        @Override
        public ListingView view(int partition, String id) {
            return views.get(id);
        }

        @Override
        public Optional<ListingView> view(String id, QueryScope scope) {
            return Optional.ofNullable(views.get(id));
        }

        @Override
        public void requirePosition(QueryScope scope) {
            if (!scope.positionBound().isUnbounded()) {
                throw new UnsupportedOperationException("TopologyTestDriver has no positions");
            }
        }
    }
}
