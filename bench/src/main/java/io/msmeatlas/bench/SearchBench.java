package io.msmeatlas.bench;

import io.msmeatlas.infra.EmbeddedKafka;
import io.msmeatlas.infra.Ports;
import io.msmeatlas.projections.KafkaStreamsConfig;
import io.msmeatlas.projections.listing.KafkaStreamsListingStores;
import io.msmeatlas.projections.listing.ListingCursor;
import io.msmeatlas.projections.listing.ListingPage;
import io.msmeatlas.projections.listing.ListingQuery;
import io.msmeatlas.projections.listing.ListingSearch;
import io.msmeatlas.projections.listing.ListingSort;
import io.msmeatlas.projections.listing.ListingStatus;
import io.msmeatlas.projections.listing.ListingView;
import io.msmeatlas.projections.listing.ListingViewProjection;
import io.msmeatlas.projections.listing.SortKey;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/bench.sh search}: search latency of the listing read model at several sizes. For
 * each size it starts a broker in this JVM, writes that many published listings (seeded, so every
 * run sees the same data), builds the read model with the real topology in a real Kafka Streams
 * (RocksDB, six partitions), then times each query shape through {@link ListingQuery} with
 * HdrHistogram, beside the same query answered by reading and sorting every view (what a read model
 * without secondary indexes would do). Every indexed answer is checked against the full scan's.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search latency of the listing read model at 10k and 100k listings (issue 4).")
final class SearchBench implements Callable<Integer> {

    private static final String TOPIC = "bench.search.listing.events";
    private static final int PARTITIONS = 6;
    private static final long SEED = 20261205L;

    private static final String[][] SECTORS = {
            {"10", "Manufacture of food products", "C", "Manufacturing"},
            {"13", "Manufacture of textiles", "C", "Manufacturing"},
            {"25", "Manufacture of fabricated metal products, except machinery and equipment", "C", "Manufacturing"},
            {"28", "Manufacture of machinery and equipment n.e.c.", "C", "Manufacturing"},
            {"46", "Wholesale trade, except of motor vehicles and motorcycles", "G", "Wholesale and retail trade"},
            {"47", "Retail trade, except of motor vehicles and motorcycles", "G", "Wholesale and retail trade"},
            {"49", "Land transport and transport via pipelines", "H", "Transportation and storage"},
            {"56", "Food and beverage service activities", "I", "Accommodation and food service activities"},
            {"62", "Computer programming, consultancy and related activities", "J", "Information and communication"},
            {"85", "Education", "P", "Education"}};
    private static final String[] STATES = {"Maharashtra", "Gujarat", "Tamil Nadu", "Karnataka", "Uttar Pradesh",
            "Delhi", "Telangana", "West Bengal", "Rajasthan", "Kerala"};
    private static final String[] WORDS = {"precision", "organic", "export", "franchise", "warehouse", "bakery",
            "software", "logistics", "textile", "clinic", "boutique", "foundry"};

    @Option(names = "--listings", split = ",", defaultValue = "10000,100000",
            description = "Read-model sizes to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--queries", defaultValue = "300", description = "Timed queries per shape and size (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--warmup", defaultValue = "100", description = "Untimed queries per shape first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--scan-queries", defaultValue = "5",
            description = "Timed full-scan baselines per shape and size: each reads every view (default: ${DEFAULT-VALUE}).")
    int scanQueries;

    @Option(names = "--results-dir", defaultValue = "bench/results", description = "Where results go (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    /** One measured query shape at one size. */
    record Row(int listings, String shape, int hits, double p50, double p95, double p99, double max, double scanMedian) {
    }

    @Override
    public Integer call() throws Exception {
        List<Row> rows = new ArrayList<>();
        Map<Integer, Double> loadSeconds = new LinkedHashMap<>();
        for (int size : sizes) {
            System.out.println("Search bench: building a read model of " + size + " listings...");
            Path dir = Files.createTempDirectory("bench-search");
            try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), Ports.findFree(), Ports.findFree()).start()) {
                createTopic(kafka.bootstrapServers());
                long started = System.nanoTime();
                produce(kafka.bootstrapServers(), size);
                try (KafkaStreams streams = project(kafka.bootstrapServers(), dir.resolve("state"), 2L * size)) {
                    loadSeconds.put(size, (System.nanoTime() - started) / 1e9);
                    rows.addAll(measure(size, streams));
                }
            } finally {
                deleteTree(dir);
            }
        }
        write(rows, loadSeconds);
        return 0;
    }

    /** The query shapes a buyer's search page sends, each as a search builder. */
    private static Map<String, ListingSearch> shapes(Random random) {
        Map<String, ListingSearch> shapes = new LinkedHashMap<>();
        shapes.put("newest live, first page (20)", live(ListingSort.NEWEST).build());
        shapes.put("one state, newest", live(ListingSort.NEWEST).state(STATES[random.nextInt(STATES.length)]).build());
        shapes.put("sector section + state + price range, price ascending", live(ListingSort.PRICE_ASC).section("C")
                .state("Gujarat").price("5000000", "50000000").build());
        shapes.put("city + classification + deal type, newest", live(ListingSort.NEWEST).city("Pune")
                .classification(Category.SMALL).dealType(DealType.MAJORITY_STAKE).build());
        shapes.put("revenue range, revenue descending", live(ListingSort.REVENUE_DESC).revenue("10000000", "20000000")
                .build());
        shapes.put("text word + EBITDA range, newest", live(ListingSort.NEWEST).text("foundry")
                .ebitda("1000000", null).build());
        shapes.put("division 62 + state, nothing matches (worst case)", live(ListingSort.NEWEST).division("62")
                .state("Kerala").price("900000000000", null).build());
        return shapes;
    }

    private static ListingSearch.Builder live(ListingSort sort) {
        return ListingSearch.builder(sort).statuses(ListingStatus.LIVE).limit(ListingSearch.DEFAULT_LIMIT);
    }

    private List<Row> measure(int size, KafkaStreams streams) {
        ListingQuery query = new ListingQuery(new KafkaStreamsListingStores(() -> streams));
        List<Row> rows = new ArrayList<>();
        Map<String, ListingSearch> shapes = shapes(new Random(SEED));
        // The fifth page of the first shape: a cursor deep into the order.
        ListingSearch first = shapes.values().iterator().next();
        ListingPage page = query.search(first);
        for (int i = 0; i < 4 && page.nextCursor() != null; i++) {
            page = query.search(ListingSearch.builder(first.sort()).statuses(first.statuses())
                    .after(ListingCursor.decode(page.nextCursor())).build());
        }
        if (page.nextCursor() != null) {
            shapes.put("newest live, fifth page (cursor)", ListingSearch.builder(first.sort()).statuses(first.statuses())
                    .after(ListingCursor.decode(page.nextCursor())).build());
        }
        for (Map.Entry<String, ListingSearch> shape : shapes.entrySet()) {
            ListingSearch search = shape.getValue();
            List<String> indexed = ids(query.search(search));
            List<String> scanned = fullScan(streams, search);
            if (!indexed.equals(scanned)) {
                throw new IllegalStateException("Indexed and full-scan answers differ for '" + shape.getKey() + "': "
                        + indexed + " vs " + scanned);
            }
            Histogram histogram = time(warmup, queries, () -> query.search(search));
            Histogram scan = time(1, scanQueries, () -> fullScan(streams, search));
            rows.add(new Row(size, shape.getKey(), indexed.size(), ms(histogram, 50), ms(histogram, 95), ms(histogram, 99),
                    histogram.getMaxValue() / 1000.0, ms(scan, 50)));
            System.out.printf("  %,d listings | %-55s | %2d hits | p50 %.2f ms, p99 %.2f ms | full scan p50 %.0f ms%n",
                    size, shape.getKey(), indexed.size(), ms(histogram, 50), ms(histogram, 99), ms(scan, 50));
        }
        return rows;
    }

    /** What a read model without secondary indexes would do: read every view, filter, sort, cut. */
    private static List<String> fullScan(KafkaStreams streams, ListingSearch search) {
        ReadOnlyKeyValueStore<String, ListingView> views = streams.store(StoreQueryParameters.fromNameAndType(
                ListingViewProjection.STORE, QueryableStoreTypes.<String, ListingView>keyValueStore()));
        List<SortKey> matches = new ArrayList<>();
        try (KeyValueIterator<String, ListingView> all = views.all()) {
            all.forEachRemaining(entry -> {
                SortKey key = SortKey.of(search.sort(), entry.value);
                if (search.matches(entry.value) && (search.after() == null || key.compareTo(search.after()) > 0)) {
                    matches.add(key);
                }
            });
        }
        return matches.stream().sorted().limit(search.limit()).map(SortKey::id).toList();
    }

    private static Histogram time(int warmups, int timed, Runnable query) {
        for (int i = 0; i < warmups; i++) {
            query.run();
        }
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < timed; i++) {
            long start = System.nanoTime();
            query.run();
            histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        }
        return histogram;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static List<String> ids(ListingPage page) {
        return page.items().stream().map(ListingView::id).toList();
    }

    private static void createTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
    }

    /** {@code count} listings, each drafted then published, with seeded varied attributes. */
    private static void produce(String bootstrap, int count) {
        Random random = new Random(SEED);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicLong failed = new AtomicLong();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String id = String.format("bench-%07d", i);
                ListingDrafted drafted = drafted(id, random);
                Instant listedAt = t0.plusSeconds(random.nextInt(300 * 24 * 3600));
                send(producer, drafted, id, 0, listedAt.minusSeconds(3600), failed);
                send(producer, new ListingPublished(id, null, null), id, 1, listedAt, failed);
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " search-bench events were not written");
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, Object event, String id, long sequence,
            Instant time, AtomicLong failed) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, id, EventJson.write(event));
        EventEnvelope.of(id + "-" + sequence, "/msmeatlas/listings", EventContracts.of(event.getClass()), id, time,
                sequence, "bench-search").writeTo(record.headers());
        producer.send(record, (meta, e) -> {
            if (e != null) {
                failed.incrementAndGet();
            }
        });
    }

    private static ListingDrafted drafted(String id, Random random) {
        String[] sector = SECTORS[random.nextInt(SECTORS.length)];
        String state = STATES[random.nextInt(STATES.length)];
        String city = random.nextInt(20) == 0 ? "Pune" : "City " + random.nextInt(400);
        BigDecimal revenue = BigDecimal.valueOf(2_000_000L + random.nextInt(48_000_000), 0);
        BigDecimal ebitda = revenue.multiply(BigDecimal.valueOf(random.nextInt(30) - 5)).movePointLeft(2);
        BigDecimal price = ebitda.signum() > 0 ? ebitda.multiply(BigDecimal.valueOf(2 + random.nextInt(4)))
                : revenue.movePointLeft(1);
        Category category = Category.values()[random.nextInt(3)];
        DealType dealType = DealType.values()[random.nextInt(DealType.values().length)];
        String word = WORDS[random.nextInt(WORDS.length)];
        return new ListingDrafted(id, "seller-" + random.nextInt(5000), new ListingDetails(
                "Established " + word + " business " + id, "Bench Enterprises Pvt Ltd",
                new ListingDetails.Contact("Bench Seller", "seller@bench.example", null),
                new ListingDetails.Sector(sector[0], sector[1], sector[2], sector[3]), state, city,
                1990 + random.nextInt(35), 5 + random.nextInt(200), ListingDetails.LegalStructure.PRIVATE_LIMITED,
                BigDecimal.valueOf(1_000_000L + random.nextInt(90_000_000), 0),
                List.of(new ListingDetails.AnnualFinancials(2025, revenue, null, ebitda, null, null)),
                null, null, price, "INR", dealType, null, List.of("Steady " + word + " customers"),
                "A " + word + " business."),
                new UdyamClassification(category, "2025", new BigDecimal("32000000.00"), revenue));
    }

    /** The real topology, until all {@code records} are applied; the caller closes it. */
    private static KafkaStreams project(String bootstrap, Path stateDir, long records) throws InterruptedException {
        Properties props = new Properties();
        props.putAll(KafkaStreamsConfig.processingSettings());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-search-" + System.currentTimeMillis());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        AtomicLong applied = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        ListingViewProjection.addTo(builder, TOPIC).peek((key, value) -> applied.incrementAndGet());
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        streams.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (applied.get() < records || streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                streams.close();
                throw new IllegalStateException("Read model applied " + applied.get() + " of " + records
                        + " records (state " + streams.state() + ")");
            }
            Thread.sleep(50);
        }
        return streams;
    }

    private void write(List<Row> rows, Map<Integer, Double> loadSeconds) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        StringBuilder md = new StringBuilder("# Listing search latency (" + stamp + ")\n\n")
                .append("In-process `ListingQuery.search` over the real topology's RocksDB stores (6 partitions, one ")
                .append("Kafka Streams instance), ").append(queries).append(" timed queries per shape after ")
                .append(warmup).append(" untimed; page size 20. Full scan = read every view, filter, sort (")
                .append(scanQueries).append(" runs). Machine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(".\n\n")
                .append("| listings | query | hits | p50 ms | p95 ms | p99 ms | max ms | full scan p50 ms |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        Function<Double, String> f = value -> String.format("%.2f", value);
        for (Row row : rows) {
            md.append("| ").append(String.format("%,d", row.listings())).append(" | ").append(row.shape()).append(" | ")
                    .append(row.hits()).append(" | ").append(f.apply(row.p50())).append(" | ").append(f.apply(row.p95()))
                    .append(" | ").append(f.apply(row.p99())).append(" | ").append(f.apply(row.max())).append(" | ")
                    .append(String.format("%.0f", row.scanMedian())).append(" |\n");
        }
        md.append("\nTime to produce and project (s): ");
        loadSeconds.forEach((size, seconds) -> md.append(String.format("%,d listings %.1f; ", size, seconds)));
        md.append('\n');
        Files.createDirectories(resultsDir);
        Files.writeString(resultsDir.resolve("search-latest.md"), md);
        Files.writeString(resultsDir.resolve("search-" + stamp + ".md"), md);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started", stamp);
        json.put("queriesPerShape", queries);
        json.put("loadSeconds", loadSeconds);
        json.put("rows", rows);
        Files.write(resultsDir.resolve("search-latest.json"), EventJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(json));
        System.out.println(md);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind harms nothing.
        }
    }
}
