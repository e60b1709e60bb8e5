package io.msmeatlas.bench;

import io.msmeatlas.projections.KafkaStreamsConfig;
import io.msmeatlas.projections.listing.ListingViewProjection;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.ListingUpdated;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/** The scenarios of issue 9, each with the baseline it is compared to in the same run. */
final class Scenarios {

    record Sizes(int clients, Duration warmup, Duration measure, int visibilitySamples, int visibilityClients,
            int rebuildEvents, int abRequests) {
    }

    private final Target target;
    private final AtlasClient client;
    private final Sizes sizes;
    private final CpuAccount cpu;
    private final List<String> listingIds = new CopyOnWriteArrayList<>();

    Scenarios(Target target, AtlasClient client, Sizes sizes, CpuAccount cpu) {
        this.target = target;
        this.client = client;
        this.sizes = sizes;
        this.cpu = cpu;
    }

    // ---------------------------------------------------------------- P1

    Report.Row p1Commands(List<Load.Result> runs, Map<String, Object> notes) throws Exception {
        CpuAccount.Snapshot before = cpu.take();
        Load.Result commands = Load.forDuration("P1 create-listing via gateway", sizes.clients, sizes.warmup, sizes.measure,
                w -> {
                    listingIds.add(client.createListing().id());
                    return -1;
                });
        // Warm-up included on both sides: every create in the window, over the CPU spent in it.
        CpuAccount.Usage usage = CpuAccount.between(before, cpu.take(), listingIds.size());
        notes.put("P1 CPU per command, by process (ms)", usage.describe());
        notes.put("P1 machine CPU busy during the run (%)", fmt(100 * usage.machineBusy()));
        notes.put("P1 ceiling from CPU alone: cores / CPU per command (commands/s)", fmt(usage.ceilingOpsPerSecond()));
        runs.add(commands);
        int rowBytes = storedRowBytes();
        Load.Result inserts = jdbcBaseline(rowBytes);
        runs.add(inserts);
        double ratio = commands.opsPerSecond() / inserts.opsPerSecond();
        return new Report.Row("P1", "create-listing commands through the gateway, " + sizes.clients + " clients (201 = events committed)",
                fmt(commands.opsPerSecond()) + " commits/s", fmt(inserts.opsPerSecond()) + " inserts/s (" + rowBytes + " B rows)",
                ratio, "≥ 0.5×", ratio >= 0.5, commands.errorCount() + inserts.errorCount());
    }

    /** The bytes one create stores: its event row plus its outbox row (the outbox row is gone once relayed, so rebuilt). */
    private int storedRowBytes() throws Exception {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select coalesce(avg(pg_column_size(e.*)), 0) from listings.domain_event_entry e")) {
            r.next();
            int eventRow = (int) r.getDouble(1);
            // Outbox row: the public JSON payload plus ids, type and time, as EventOutbox writes it.
            int outboxRow = EventJson.write(drafted(UUID.randomUUID().toString())).length + 36 * 2 + 8 * 3
                    + EventContracts.of(ListingDrafted.class).ceType().length() + 36;
            return eventRow + outboxRow;
        }
    }

    private Load.Result jdbcBaseline(int rowBytes) throws Exception {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create schema if not exists bench");
            s.execute("drop table if exists bench.p1_baseline");
            // Same shape as the event store's indexes: a bigserial key and a unique event id.
            s.execute("create table bench.p1_baseline (id bigserial primary key, aggregate_id varchar(255) not null,"
                    + " event_id varchar(255) not null unique, payload bytea not null)");
        }
        Connection[] connections = new Connection[sizes.clients];
        PreparedStatement[] inserts = new PreparedStatement[sizes.clients];
        for (int i = 0; i < sizes.clients; i++) {
            connections[i] = DriverManager.getConnection(target.jdbcUrl(), "postgres", "");
            connections[i].setAutoCommit(true); // one transaction per insert, as one command is
            inserts[i] = connections[i].prepareStatement(
                    "insert into bench.p1_baseline (aggregate_id, event_id, payload) values (?, ?, ?)");
        }
        byte[] payload = new byte[Math.max(1, rowBytes - 2 * 36 - 8 - 24)];
        ThreadLocalRandom.current().nextBytes(payload); // incompressible, as TOAST would otherwise shrink it
        try {
            return Load.forDuration("P1 baseline: JDBC insert, 1 tx each", sizes.clients, sizes.warmup, sizes.measure, w -> {
                PreparedStatement insert = inserts[w];
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, UUID.randomUUID().toString());
                insert.setBytes(3, payload);
                if (insert.executeUpdate() != 1) {
                    throw new Load.Failure("insert did not insert");
                }
                return -1;
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            // Hundreds of MB after a full run; nothing reads it afterwards.
            try (Connection c = DriverManager.getConnection(target.jdbcUrl(), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("drop table if exists bench.p1_baseline");
            }
        }
    }

    // ---------------------------------------------------------------- P2

    Report.Row p2Visibility(List<Load.Result> runs) throws Exception {
        Duration limit = Duration.ofSeconds(30);
        Load.Result visible = Load.forCount("P2 accepted -> visible in read model", sizes.visibilityClients,
                Duration.ZERO, sizes.visibilitySamples, w -> {
                    AtlasClient.Created created = client.createListing();
                    long accepted = System.nanoTime();
                    // One GET with the consistency token: the read model answers once it has the command.
                    if (client.listingVersionAfter(created) < created.version()) {
                        throw new Load.Failure("the answer predates the command despite its consistency token");
                    }
                    listingIds.add(created.id());
                    return System.nanoTime() - accepted;
                });
        runs.add(visible);
        Load.Result kafka = kafkaRoundTrip(limit);
        runs.add(kafka);
        double ratio = visible.ms(99) / kafka.ms(99);
        return new Report.Row("P2", "command accepted → visible via one GET with its X-Consistency-Token, p99, "
                + sizes.visibilityClients + " clients", fmt(visible.ms(99)) + " ms",
                fmt(kafka.ms(99)) + " ms (Kafka produce → consume)", ratio, "≤ 3×", ratio <= 3,
                visible.errorCount() + kafka.errorCount());
    }

    private Load.Result kafkaRoundTrip(Duration limit) throws Exception {
        String topic = "bench.p2.baseline." + System.currentTimeMillis();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Topics.DEFAULT_PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        Properties consumerProps = consumerProps();
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps);
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < Topics.DEFAULT_PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve positions before anything is produced
        AtomicBoolean polling = new AtomicBoolean(true);
        // The consumer is single-threaded: it is polled and closed on its own thread only.
        Thread poller = new Thread(() -> {
            try (consumer) {
                while (polling.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        CompletableFuture<Long> f = waiting.remove(record.key());
                        if (f != null) {
                            f.complete(System.nanoTime());
                        }
                    }
                }
            }
        }, "p2-baseline-consumer");
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap());
        // The outbox relay's producer settings that matter for latency are the client defaults (acks=all).
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        poller.setDaemon(true);
        poller.start();
        try {
            return Load.forCount("P2 baseline: Kafka produce -> consume", sizes.visibilityClients, Duration.ZERO,
                    sizes.visibilitySamples, w -> {
                        String id = UUID.randomUUID().toString();
                        CompletableFuture<Long> consumed = new CompletableFuture<>();
                        waiting.put(id, consumed);
                        long sent = System.nanoTime();
                        producer.send(new ProducerRecord<>(topic, id, EventJson.write(drafted(id))));
                        try {
                            return consumed.get(limit.toSeconds(), TimeUnit.SECONDS) - sent;
                        } catch (TimeoutException e) {
                            waiting.remove(id);
                            throw new Load.Failure("not consumed within " + limit.toSeconds() + " s");
                        }
                    });
        } finally {
            producer.close(Duration.ofSeconds(5));
            polling.set(false);
            poller.join(10_000);
            try (Admin admin = admin()) {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    // ---------------------------------------------------------------- P3

    Report.Row p3Rebuild(List<Load.Result> runs, Map<String, Object> notes) throws Exception {
        int produced = fillListingTopic(sizes.rebuildEvents);
        Map<TopicPartition, Long> end = endOffsets();
        // The running projections service reads the same events; let it finish so it does not compete. It
        // shares two cores with valuation, matching and notifications working through the same burst: a few
        // hundred events/s, so 100k take minutes.
        long serviceLagWait = awaitGroupCaughtUp("msme-projections", end, Duration.ofMinutes(15));
        notes.put("P3 events produced", produced);
        notes.put("P3 wait for the running projections service to catch up (ms, -1 = gave up)", serviceLagWait);

        double[] plain = plainConsumerRead(end);
        // Offsets count transaction markers too (publishers write in Kafka transactions): count records.
        long total = (long) plain[2];
        notes.put("P3 topic records read (incl. the commands' events)", total);
        double[] streams = streamsRebuild(end, total);
        notes.put("P3 plain consumer: start → last record (s)", plain[1]);
        notes.put("P3 Kafka Streams: start → last record applied (s)", streams[1]);
        double ratio = streams[0] / plain[0];
        return new Report.Row("P3", "projection rebuild: fresh Kafka Streams instance of ListingViewProjection reads "
                + Topics.LISTING_EVENTS + " from the start (" + total + " records)",
                fmt(streams[0]) + " events/s", fmt(plain[0]) + " events/s (plain KafkaConsumer)", ratio, "≥ 0.5×",
                ratio >= 0.5, 0);
    }

    /** Well-formed listing histories (drafted, updated, published, updated), CloudEvents headers as listings writes them. */
    private int fillListingTopic(int events) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        int sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            AtomicLong failed = new AtomicLong();
            while (sent < events) {
                String id = UUID.randomUUID().toString();
                ListingDrafted drafted = drafted(id);
                List<Object> history = List.of(drafted,
                        new ListingUpdated(id, drafted.details(), drafted.classification(), List.of("askingPrice")),
                        new ListingPublished(id, null, null),
                        new ListingUpdated(id, drafted.details(), drafted.classification(), List.of("description")));
                for (int seq = 0; seq < history.size() && sent < events; seq++, sent++) {
                    Object event = history.get(seq);
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LISTING_EVENTS, id, EventJson.write(event));
                    EventEnvelope.of(UUID.randomUUID().toString(), "/msmeatlas/listings", EventContracts.of(event.getClass()),
                            id, Instant.now(), seq, "bench-p3").writeTo(record.headers());
                    producer.send(record, (meta, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                        }
                    });
                }
            }
            producer.flush();
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " of " + events + " P3 events were not written");
            }
        }
        return sent;
    }

    /** Reads the topic to its end as subscribers do (read committed); returns rate, seconds and the record count. */
    private double[] plainConsumerRead(Map<TopicPartition, Long> end) {
        Properties props = consumerProps();
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000); // what Streams polls too
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            long start = System.nanoTime();
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long read = 0;
            long first = 0;
            long last = 0;
            long bytes = 0;
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (read++ == 0) {
                        first = System.nanoTime();
                    }
                    last = System.nanoTime();
                    bytes += record.value() == null ? 0 : record.value().length; // touch the payload
                }
                if (System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException("Plain consumer read only " + read + " records");
                }
            }
            return new double[] {rate(read, first, last), (last - start) / 1e9, read, bytes};
        }
    }

    /** Rate from the first to the last record applied to the store (startup and rebalance excluded, as for the plain consumer). */
    private double[] streamsRebuild(Map<TopicPartition, Long> end, long total) throws Exception {
        String applicationId = "bench-rebuild-" + System.currentTimeMillis();
        Path stateDir = Files.createTempDirectory("bench-rebuild");
        Properties props = new Properties();
        props.putAll(KafkaStreamsConfig.processingSettings());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        AtomicLong applied = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        // peek is the projection processor's sibling, added after it: it sees a record once the view was written.
        // The listing topic only, as the plain consumer reads it (the service also joins valuations in).
        ListingViewProjection.addTo(builder, Topics.LISTING_EVENTS).peek((k, v) -> {
            long now = System.nanoTime();
            if (applied.getAndIncrement() == 0) {
                first.set(now);
            }
            last.set(now);
        });
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            long deadline = start + Duration.ofMinutes(15).toNanos();
            while (applied.get() < total) {
                if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("Rebuild applied " + applied.get() + " of " + total
                            + " records (state " + streams.state() + ")");
                }
                Thread.sleep(20);
            }
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        } finally {
            deleteTree(stateDir);
        }
        // Tidiness, for --url runs against a platform that keeps running: the group and its changelog topic.
        try (Admin admin = admin()) {
            admin.deleteConsumerGroups(List.of(applicationId)).all().get(30, TimeUnit.SECONDS);
            List<String> internal = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(applicationId + "-")).toList();
            admin.deleteTopics(internal).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("P3: could not delete the rebuild's group or topics " + applicationId + "-*: " + e);
        }
        return new double[] {rate(applied.get(), first.get(), last.get()), (last.get() - start) / 1e9};
    }

    /** Waits until the consumer group whose id starts with {@code prefix} (the service's versioned application id) caught up. */
    private long awaitGroupCaughtUp(String prefix, Map<TopicPartition, Long> end, Duration timeout) throws Exception {
        long start = System.nanoTime();
        try (Admin admin = admin()) {
            String group = admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(listing -> listing.groupId()).filter(id -> id.startsWith(prefix)).findFirst().orElse(prefix);
            while (System.nanoTime() - start < timeout.toNanos()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                boolean caughtUp = end.entrySet().stream().allMatch(e -> {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    return e.getValue() == 0 || (c != null && c.offset() >= e.getValue());
                });
                if (caughtUp) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
                Thread.sleep(250);
            }
        }
        return -1;
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            int partitions = admin.describeTopics(List.of(Topics.LISTING_EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.LISTING_EVENTS).partitions().size();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(Topics.LISTING_EVENTS, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
            return end;
        }
    }

    // ---------------------------------------------------------------- P4

    Report.Row p4Reads(List<Load.Result> runs, Map<String, Object> notes) throws Exception {
        if (listingIds.isEmpty()) {
            throw new IllegalStateException("P4 needs the listings P1 created, and there are none");
        }
        List<String> ids = List.copyOf(listingIds);
        // Direct first, then through the gateway; both read the same listings, drafts visible to their seller.
        AtomicLong reads = new AtomicLong();
        CpuAccount.Snapshot start = cpu.take();
        Load.Result direct = Load.forDuration("P4 baseline: GET straight to projections", sizes.clients, sizes.warmup,
                sizes.measure, w -> {
                    client.getListing(target.projectionsUrl(), ids.get(ThreadLocalRandom.current().nextInt(ids.size())), true);
                    reads.incrementAndGet();
                    return -1;
                });
        CpuAccount.Snapshot between = cpu.take();
        long directReads = reads.getAndSet(0);
        Load.Result gateway = Load.forDuration("P4 GET via gateway (JWT + rate limiter)", sizes.clients, sizes.warmup,
                sizes.measure, w -> {
                    client.getListing(target.gatewayUrl(), ids.get(ThreadLocalRandom.current().nextInt(ids.size())), false);
                    reads.incrementAndGet();
                    return -1;
                });
        // What a read costs with and without the gateway: the gap is the gateway's share of two cores.
        notes.put("P4 CPU per direct read, by process (ms)", CpuAccount.between(start, between, directReads).describe());
        notes.put("P4 CPU per read through the gateway, by process (ms)",
                CpuAccount.between(between, cpu.take(), reads.get()).describe());
        runs.add(gateway);
        runs.add(direct);
        double ratio = gateway.opsPerSecond() / direct.opsPerSecond();
        double addedP99 = gateway.ms(99) - direct.ms(99);
        return new Report.Row("P4", "GET /api/msme/listings/{id} through the gateway, " + sizes.clients
                + " clients (added p99 " + fmt(addedP99) + " ms, target ≤ 5 ms)",
                fmt(gateway.opsPerSecond()) + " rps, p99 " + fmt(gateway.ms(99)) + " ms",
                fmt(direct.opsPerSecond()) + " rps, p99 " + fmt(direct.ms(99)) + " ms (direct)", ratio,
                "≥ 0.7× and added p99 ≤ 5 ms", ratio >= 0.7 && addedP99 <= 5, gateway.errorCount() + direct.errorCount());
    }

    // ---------------------------------------------------------------- S1

    Report.Row s1ApacheBench() throws Exception {
        String url = target.gatewayUrl() + "/health";
        List<String> command = List.of("ab", "-n", Integer.toString(sizes.abRequests), "-c", "10", url);
        Process ab;
        try {
            ab = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Report.Row("S1", "`ab -n " + sizes.abRequests + " -c 10 /health`", "not run: no `ab` on PATH "
                    + "(apt-get install -y apache2-utils)", "—", Double.NaN, "0 failed", false, 0);
        }
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(ab.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
            }
        }
        int exit = ab.waitFor();
        long complete = number(out, "Complete requests:\\s+(\\d+)");
        long failed = number(out, "Failed requests:\\s+(\\d+)");
        long non2xx = number(out, "Non-2xx responses:\\s+(\\d+)");
        Matcher rps = Pattern.compile("Requests per second:\\s+([\\d.]+)").matcher(out);
        String measured = rps.find() ? rps.group(1) + " rps" : "no rps in ab output";
        long errors = Math.max(failed, 0) + Math.max(non2xx, 0) + (exit == 0 ? 0 : 1);
        return new Report.Row("S1", "`ab -n " + sizes.abRequests + " -c 10 " + url.replaceFirst(":\\d+", ":<gw>") + "`",
                measured + ", " + complete + " complete, " + Math.max(failed, 0) + " failed, "
                        + Math.max(non2xx, 0) + " non-2xx", "—", Double.NaN, "0 failed",
                exit == 0 && complete == sizes.abRequests && failed == 0 && non2xx <= 0, errors);
    }

    private static long number(CharSequence text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    // ---------------------------------------------------------------- shared

    private static ListingDrafted drafted(String id) {
        return new ListingDrafted(id, UUID.randomUUID().toString(), new ListingDetails(
                "Bench listing " + id, "Bench Precision Pvt Ltd",
                new ListingDetails.Contact("Bench Seller", "seller@bench.example", null),
                new ListingDetails.Sector("25", "Manufacture of fabricated metal products, except machinery and "
                        + "equipment", "C", "Manufacturing"),
                "Maharashtra", "Pune", 2009, 42, ListingDetails.LegalStructure.PRIVATE_LIMITED,
                new BigDecimal("32000000.00"),
                List.of(new ListingDetails.AnnualFinancials(2025, new BigDecimal("84000000.00"), null,
                        new BigDecimal("9500000.00"), null, null)),
                null, null, new BigDecimal("65000000.00"), "INR", ListingDetails.DealType.FULL_SALE, null,
                List.of("Supplies two auto OEMs"), "Precision machining for auto OEMs; benchmark listing."),
                new UdyamClassification(UdyamClassification.Category.SMALL, "2025", new BigDecimal("32000000.00"),
                        new BigDecimal("84000000.00")));
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putAll(Topics.SUBSCRIBER_CONFIG);
        return props;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap()));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind harms nothing.
        }
    }

    private static double rate(long count, long firstNanos, long lastNanos) {
        return count <= 1 || lastNanos <= firstNanos ? 0 : (count - 1) / ((lastNanos - firstNanos) / 1e9);
    }

    /** Ratios keep three significant digits, so a tiny one does not print as 0.00. */
    static String ratio(double value) {
        return Double.isNaN(value) ? "—" : String.format("%.3g×", value);
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }
}
