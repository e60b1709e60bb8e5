package io.msmeatlas.projections.match;

import io.msmeatlas.projections.KafkaStreamsConfig;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.buyer.BuyerProfileEvent;
import io.msmeatlas.schemas.match.MatchEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
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

/** The match projection in a TopologyTestDriver, with the service's own processing settings. */
final class MatchDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> events;

    MatchDriver(Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        MatchProjection.addTo(builder);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "match-projection-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.putAll(KafkaStreamsConfig.processingSettings());
        driver = new TopologyTestDriver(builder.build(), config);
        events = driver.createInputTopic(Topics.MATCH_EVENTS, new StringSerializer(), new ByteArraySerializer());
    }

    MatchDriver given(MatchEvent event, long sequence) {
        return pipe(event.matchId(), MatchEvents.payload(event), MatchEvents.headers(event, event.matchId(), sequence));
    }

    /** The event at {@code time} rather than the default time of its sequence. */
    MatchDriver given(MatchEvent event, long sequence, java.time.Instant time) {
        return pipe(event.matchId(), MatchEvents.payload(event),
                MatchEvents.headers(event, event.matchId(), sequence, time));
    }

    MatchDriver given(BuyerProfileEvent event, long sequence) {
        return pipe(event.profileId(), MatchEvents.payload(event),
                MatchEvents.headers(event, event.profileId(), sequence));
    }

    MatchDriver pipe(String key, byte[] value, Headers headers) {
        events.pipeInput(new TestRecord<>(key, value, headers, MatchEvents.T0));
        return this;
    }

    MatchView match(String matchId) {
        KeyValueStore<String, MatchView> store = driver.getKeyValueStore(MatchProjection.MATCHES);
        return store.get(matchId);
    }

    BuyerProfileView profile(String profileId) {
        KeyValueStore<String, BuyerProfileView> store = driver.getKeyValueStore(MatchProjection.PROFILES);
        return store.get(profileId);
    }

    List<String> indexKeys() {
        List<String> keys = new ArrayList<>();
        KeyValueStore<String, byte[]> index = driver.getKeyValueStore(MatchProjection.INDEX);
        try (KeyValueIterator<String, byte[]> all = index.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** The stores as the queries read them: one partition, 0. */
    MatchStores stores() {
        KeyValueStore<String, MatchView> matches = driver.getKeyValueStore(MatchProjection.MATCHES);
        KeyValueStore<String, BuyerProfileView> profiles = driver.getKeyValueStore(MatchProjection.PROFILES);
        KeyValueStore<String, byte[]> index = driver.getKeyValueStore(MatchProjection.INDEX);
        return new MatchStores() {
            @Override
            public KeyValueIterator<String, byte[]> indexRange(int partition, String from, String to) {
                return index.range(from, to);
            }

            @Override
            public MatchView match(int partition, String matchId) {
                return matches.get(matchId);
            }

            @Override
            public BuyerProfileView profile(int partition, String profileId) {
                return profiles.get(profileId);
            }
        };
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
