package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.projections.KafkaStreamsConfig;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingUpdated;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The query layer on a real {@link KafkaStreams} (TopologyTestDriver has no IQv2): three partitions,
 * the record cache on and commits ten minutes apart, so everything written here is still in the
 * cache when it is queried. One Streams instance serves every test of the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingQueryIqv2Test {

    private static final String TOPIC = "iqv2-test.listing.events";
    private static final int PARTITIONS = 3;
    private static final int LISTINGS = 30;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String[] CITIES = {"Pune", "Mumbai", "Chennai"};
    /** A cached store beside the projection's, fed the same records: what a cached index would show. */
    private static final String CACHED_PROBE = "cached-probe";

    private Path stateDir;

    private KafkaStreams streams;
    private KafkaProducer<String, byte[]> producer;
    private ListingQuery query;
    private final Map<String, Listing> listings = new LinkedHashMap<>();

    /** What the test knows it published, to compute expected orders independently of the index. */
    private record Listing(String id, String city, BigDecimal price, BigDecimal revenue, Instant listedAt,
            boolean live) {
    }

    @BeforeAll
    void start(@TempDir Path stateDir) throws Exception {
        this.stateDir = stateDir;
        String bootstrap = TestBroker.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, byte[]> events = ListingViewProjection.addTo(builder, TOPIC);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CACHED_PROBE),
                Serdes.String(), Serdes.String()).withCachingEnabled());
        events.process(ProbeWriter::new, CACHED_PROBE);

        Properties config = new Properties();
        config.putAll(KafkaStreamsConfig.processingSettings());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "iqv2-test-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Duration.ofMinutes(10).toMillis());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10L * 1024 * 1024);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // Without an advertised endpoint Kafka Streams keeps no host metadata, and queryMetadataForKey
        // (how the tests find a key's partition) answers "not available".
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:1");
        streams = new KafkaStreams(builder.build(), config);
        streams.start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        query = new ListingQuery(new KafkaStreamsListingStores(() -> streams));

        for (int i = 0; i < LISTINGS; i++) {
            String id = String.format("iq-%02d", i);
            String city = CITIES[i % 3];
            String price = i % 6 == 0 ? null : Integer.toString(100_000 * (i % 8));
            String revenue = i % 5 == 0 ? null : Integer.toString(1_000 * (i % 4));
            boolean live = i % 4 != 3;
            send(ListingEvents.drafted(id, "seller-" + (i % 2), details("Unit " + i).city(city).price(price)
                    .financials(revenue, revenue == null ? null : "1")), 0, time(0));
            if (live) {
                send(new ListingPublished(id, null, null), 1, time(i + 1));
            }
            listings.put(id, new Listing(id, city, price == null ? null : new BigDecimal(price),
                    revenue == null ? null : new BigDecimal(revenue), live ? time(i + 1) : time(0), live));
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            for (Listing listing : listings.values()) {
                assertThat(query.byId(listing.id())).get().extracting(ListingView::version)
                        .isEqualTo(listing.live() ? 2L : 1L);
            }
        });
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
    }

    @Test
    void the_listings_are_spread_over_every_partition() {
        Map<Integer, Long> perPartition = listings.keySet().stream()
                .collect(Collectors.groupingBy(this::partitionOf, Collectors.counting()));

        assertThat(perPartition).hasSize(PARTITIONS);
    }

    @ParameterizedTest
    @EnumSource(value = ListingSort.class, names = "OLDEST_SUBMISSION", mode = EnumSource.Mode.EXCLUDE)
    void a_search_merges_the_partitions_in_sort_order(ListingSort sort) {
        List<String> all = ids(query.search(ListingSearch.builder(sort).limit(100).build()));
        List<String> live = ids(query.search(ListingSearch.builder(sort).statuses(ListingStatus.LIVE).limit(100)
                .build()));

        assertThat(all).isEqualTo(expected(sort, listing -> true));
        assertThat(live).isEqualTo(expected(sort, Listing::live));
    }

    @ParameterizedTest
    @EnumSource(value = ListingSort.class, names = "OLDEST_SUBMISSION", mode = EnumSource.Mode.EXCLUDE)
    void paging_across_partitions_has_no_duplicates_and_no_gaps(ListingSort sort) {
        List<String> paged = new ArrayList<>();
        SortKey after = null;
        do {
            ListingPage page = query.search(ListingSearch.builder(sort).city("pune").after(after).limit(4).build());
            page.items().forEach(view -> paged.add(view.id()));
            after = page.nextCursor() == null ? null : ListingCursor.decode(page.nextCursor());
        } while (after != null);

        assertThat(paged).isEqualTo(expected(sort, listing -> listing.city().equals("Pune")));
    }

    @Test
    void a_search_limited_to_some_partitions_reads_only_them_and_merged_pages_equal_the_whole() {
        List<ListingPage> pages = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            ListingPage page = query.search(ListingSearch.builder(ListingSort.PRICE_DESC).limit(100).build(),
                    QueryScope.allLocalPartitions().withPartitions(Set.of(partition)));
            int expectedPartition = partition;
            assertThat(page.items()).isNotEmpty()
                    .allSatisfy(view -> assertThat(partitionOf(view.id())).isEqualTo(expectedPartition));
            pages.add(page);
        }

        ListingPage merged = PageMerge.merge(ListingSort.PRICE_DESC, pages, 7);

        assertThat(ids(merged)).isEqualTo(expected(ListingSort.PRICE_DESC, listing -> true).subList(0, 7));
        assertThat(merged.nextCursor()).isNotNull();
    }

    @Test
    void a_fresh_write_is_found_by_id_and_by_search_while_a_cached_range_query_cannot_see_it() throws Exception {
        String id = "iq-fresh";
        listings.put(id, new Listing(id, "Kochi", null, null, time(0), false));
        send(ListingEvents.drafted(id, "seller-9", details("Freshly baked bread").city("Kochi").price(null)
                .financials(null, null)), 0, time(0));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(query.search(ListingSearch
                .builder(ListingSort.NEWEST).text("freshly").build()))).containsExactly(id));

        assertThat(query.byId(id)).isPresent();
        assertThat(probeByKey(id)).as("the cached probe store holds it, in its cache").isEqualTo(id);
        assertThat(probeRange(id)).as("an IQv2 range query on a cached store reads past the cache").isEmpty();
    }

    @Test
    void a_query_bounded_by_a_position_waits_for_it_and_fails_fast_beyond_it() throws Exception {
        String id = "iq-00";
        // Only the title changes: the city, price and revenue stay what the other tests expect.
        RecordMetadata written = send(new ListingUpdated(id, details("Unit 0 renamed").city("Pune").price(null)
                .financials(null, null).build(), null, List.of("title")), 2, time(100));
        QueryScope upToTheWrite = QueryScope.allLocalPartitions().withPositionBound(PositionBound.at(
                Position.emptyPosition().withComponent(TOPIC, written.partition(), written.offset())));

        await().atMost(PATIENCE).ignoreException(StorePartitionUnavailableException.class).untilAsserted(() ->
                assertThat(query.byId(id, upToTheWrite)).get().extracting(ListingView::title)
                        .isEqualTo("Unit 0 renamed"));
        assertThat(ids(query.search(ListingSearch.builder(ListingSort.NEWEST).text("renamed").build(), upToTheWrite)))
                .containsExactly(id);

        QueryScope beyond = QueryScope.allLocalPartitions().withPositionBound(PositionBound.at(
                Position.emptyPosition().withComponent(TOPIC, written.partition(), written.offset() + 1000)));
        assertThatThrownBy(() -> query.byId(id, beyond)).isInstanceOfSatisfying(
                StorePartitionUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(FailureReason.NOT_UP_TO_BOUND));
        assertThatThrownBy(() -> query.search(ListingSearch.builder(ListingSort.NEWEST).build(), beyond))
                .isInstanceOfSatisfying(StorePartitionUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FailureReason.NOT_UP_TO_BOUND);
                    assertThat(e.partition()).isEqualTo(written.partition());
                });
    }

    @Test
    void a_partition_this_instance_does_not_host_cannot_be_queried() {
        QueryScope elsewhere = QueryScope.allLocalPartitions().withPartitions(Set.of(PARTITIONS + 4));

        assertThatThrownBy(() -> query.search(ListingSearch.builder(ListingSort.NEWEST).build(), elsewhere))
                .isInstanceOfSatisfying(StorePartitionUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.NOT_PRESENT));
    }

    @Test
    void before_kafka_streams_starts_queries_are_unavailable() {
        StreamsBuilder builder = new StreamsBuilder();
        ListingViewProjection.addTo(builder, TOPIC);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "iqv2-test-unstarted");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("unstarted").toString());
        try (KafkaStreams unstarted = new KafkaStreams(builder.build(), config)) {
            ListingQuery notYet = new ListingQuery(new KafkaStreamsListingStores(() -> unstarted));

            assertThatThrownBy(() -> notYet.byId("iq-01")).isInstanceOf(InvalidStateStoreException.class);
            assertThatThrownBy(() -> notYet.search(ListingSearch.builder(ListingSort.NEWEST).build()))
                    .isInstanceOf(InvalidStateStoreException.class);
        }
    }

    /** The expected order, computed from the published values with plain comparators. */
    private List<String> expected(ListingSort sort, Predicate<Listing> filter) {
        Function<Listing, Comparable<?>> value = switch (sort) {
            case NEWEST -> Listing::listedAt;
            case PRICE_ASC, PRICE_DESC -> Listing::price;
            case REVENUE_ASC, REVENUE_DESC -> Listing::revenue;
            case OLDEST_SUBMISSION -> throw new IllegalArgumentException();
        };
        Comparator<Listing> present = Comparator.comparing(listing -> comparable(value.apply(listing)));
        present = present.thenComparing(Listing::id);
        Comparator<Listing> order = sort.descending() ? present.reversed() : present;
        Comparator<Listing> nullsLast = Comparator.comparing((Listing listing) -> value.apply(listing) == null)
                .thenComparing(order);
        return listings.values().stream().filter(filter).sorted(nullsLast).map(Listing::id).toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable<Object> comparable(Comparable<?> value) {
        return value == null ? (Comparable) "" : (Comparable) value;
    }

    private RecordMetadata send(ListingEvent event, long sequence, Instant time)
            throws ExecutionException, InterruptedException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, null, event.listingId(),
                ListingEvents.payload(event), ListingEvents.headers(event, sequence, time));
        return producer.send(record).get();
    }

    private int partitionOf(String id) {
        return streams.queryMetadataForKey(ListingViewProjection.STORE, id, new StringSerializer()).partition();
    }

    private String probeByKey(String key) {
        return onlyResult(streams.query(StateQueryRequest.inStore(CACHED_PROBE)
                .withQuery(KeyQuery.<String, String>withKey(key)).withPartitions(Set.of(partitionOf(key)))));
    }

    private List<String> probeRange(String key) {
        Map<Integer, QueryResult<KeyValueIterator<String, String>>> results = streams.query(StateQueryRequest
                .inStore(CACHED_PROBE).withQuery(RangeQuery.<String, String>withRange(key, key))
                .withPartitions(Set.of(partitionOf(key)))).getPartitionResults();
        List<String> keys = new ArrayList<>();
        for (QueryResult<KeyValueIterator<String, String>> result : results.values()) {
            assertThat(result.isSuccess()).isTrue();
            try (KeyValueIterator<String, String> iterator = result.getResult()) {
                iterator.forEachRemaining(entry -> keys.add(entry.key));
            }
        }
        return keys;
    }

    private static <R> R onlyResult(StateQueryResult<R> result) {
        Map<Integer, QueryResult<R>> partitions = new HashMap<>(result.getPartitionResults());
        assertThat(partitions).hasSize(1);
        QueryResult<R> only = partitions.values().iterator().next();
        assertThat(only.isSuccess()).isTrue();
        return only.getResult();
    }

    private static List<String> ids(ListingPage page) {
        return page.items().stream().map(ListingView::id).toList();
    }

    /** Writes every record's key into the cached probe store. */
    private static final class ProbeWriter implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(CACHED_PROBE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            store.put(record.key(), record.key());
        }
    }
}
