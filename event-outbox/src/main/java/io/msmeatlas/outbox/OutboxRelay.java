package io.msmeatlas.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.web.ConsistencyToken.Position;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox to Kafka in id order, one relay at a time (a PostgreSQL advisory lock), each
 * batch in one Kafka transaction, and deletes the rows of a committed batch.
 *
 * <p>It selects rows by presence in the table, never by "id greater than the last one seen", so a
 * row from a transaction that commits late (after rows with higher ids were published) is still
 * published: the sequence-gap trap of high-water-mark relays. Per-aggregate order holds because a
 * listing's next event can only be appended after its previous one committed, so it has a higher id,
 * and a batch is committed whole or not at all: an idempotent producer alone would let a later record
 * of a partition be written after an earlier one expired while the broker was away (a reordering seen
 * in the chaos run), while an aborted transaction is invisible to {@code read_committed} readers.
 *
 * <p>Nothing is published twice either: when the outcome of a batch is unknown (the broker or this
 * process died around the commit) the relay first reads its topic from the positions it last knew
 * ({@code event_outbox_position}) to the end and deletes the rows whose events are already there.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration RECONCILE_TIMEOUT = Duration.ofSeconds(30);
    private static final String SELECT = """
            select id, event_id, aggregate_id, aggregate_sequence, ce_type, occurred_at, correlation_id, payload, hash
              from event_outbox order by id limit ?""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Supplier<Admin> admins;
    private final OutboxProperties properties;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicReference<Instant> lastPublished = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Counter published;
    private final Counter failures;
    private final Timer batches;
    private final DistributionSummary batchSizes;
    private final Timer waitsPublished;
    private final Timer waitsTimedOut;
    private final PublishedPositions positions;

    private volatile boolean running;
    private CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;
    private Producer<String, byte[]> producer;
    /** False until the topic was read back after a start or a failure whose outcome is unknown. */
    private volatile boolean reconciled;

    /**
     * @param kafka the connection settings every Kafka client of the relay shares (servers, security);
     *        the relay adds what publishing correctly needs ({@link #producerSettings})
     */
    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, Map<String, Object> kafka,
            OutboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        Map<String, Object> producerConfig = new HashMap<>(kafka);
        producerConfig.putAll(producerSettings(properties.topic()));
        this.producers = () -> new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = new HashMap<>(kafka);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumers = () -> new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> adminConfig = new HashMap<>(kafka);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        this.admins = () -> Admin.create(adminConfig);
        this.properties = properties;
        this.positions = new PublishedPositions(meters);
        this.published = Counter.builder("outbox.published").description("Events acknowledged by Kafka")
                .register(meters);
        this.failures = Counter.builder("outbox.relay.failures").description("Failed relay attempts")
                .register(meters);
        // What a command's latency and the relay's throughput are made of (bench P1, docs/operations.md).
        this.batches = Timer.builder("outbox.relay.batch").description("One published batch: read, Kafka transaction, delete, commit")
                .publishPercentileHistogram().register(meters);
        this.batchSizes = DistributionSummary.builder("outbox.relay.batch.size").description("Events per published batch")
                .baseUnit("events").register(meters);
        Timer.Builder wait = Timer.builder("outbox.publish.wait")
                .description("How long a command waited for its events to reach Kafka").publishPercentileHistogram();
        this.waitsPublished = wait.tag("outcome", "published").register(meters);
        this.waitsTimedOut = wait.tag("outcome", "timed-out").register(meters);
        Gauge.builder("outbox.pending", this, relay -> relay.pending())
                .description("Events stored but not yet acknowledged by Kafka").register(meters);
        Gauge.builder("outbox.oldest.age.seconds", this, relay -> relay.oldestAgeSeconds())
                .description("Age of the oldest unpublished event").register(meters);
    }

    /** Called after a commit that added rows. */
    public void wake() {
        wakeUp.release();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopped = new CountDownLatch(1);
        thread = new Thread(this::run, "outbox-relay");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopped.countDown();
        wakeUp.release();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
            if (thread.isAlive()) {
                // Stuck on an unreachable database or broker: what it did not delete is sent next time.
                thread.interrupt();
                thread.join(Duration.ofSeconds(5).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    long pending() {
        Long count = jdbc.queryForObject("select count(*) from event_outbox", Long.class);
        return count == null ? 0 : count;
    }

    double oldestAgeSeconds() {
        Instant oldest = jdbc.queryForObject("select min(occurred_at) from event_outbox", Instant.class);
        return oldest == null ? 0 : Duration.between(oldest, Instant.now()).toMillis() / 1000.0;
    }

    /**
     * Waits until this relay has published the aggregate's event at {@code sequenceNumber} (or a later
     * one) and returns where it landed, so that a command can hand its client a consistency token with
     * a Kafka position. Empty when that takes longer than {@code timeout}, when Kafka is known to be
     * unreachable (the command must not wait on it), or when another instance's relay published it.
     */
    public Optional<Position> awaitPublished(String aggregateId, long sequenceNumber, Duration timeout) {
        if (lastError.get() != null || !running) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        Optional<Position> position = positions.await(aggregateId, sequenceNumber, timeout);
        (position.isPresent() ? waitsPublished : waitsTimedOut).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return position;
    }

    Optional<Instant> lastPublished() {
        return Optional.ofNullable(lastPublished.get());
    }

    Optional<String> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    private void run() {
        int failuresInARow = 0;
        try {
            while (running) {
                try {
                    int sent = drainOnce();
                    if (failuresInARow > 0) {
                        log.info("Outbox relay reconnected to Kafka after {} failed attempts", failuresInARow);
                    }
                    failuresInARow = 0;
                    lastError.set(null);
                    if (sent < properties.batchSize()) {
                        awaitWork(properties.pollInterval());
                    }
                } catch (RuntimeException e) {
                    // The last batch may or may not have been committed: read the topic back before the next.
                    reconciled = false;
                    failuresInARow++;
                    failures.increment();
                    lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                    if (failuresInARow == 1) {
                        log.warn("Outbox relay cannot publish; events stay in the outbox and are retried: {}",
                                e.toString());
                    }
                    closeProducer();
                    backOff(failuresInARow);
                }
            }
        } finally {
            closeProducer();
        }
    }

    /** One batch: publish it in one Kafka transaction and delete it once committed. Returns the number published. */
    int drainOnce() {
        Producer<String, byte[]> kafka = producer();
        long start = System.nanoTime();
        Result result = transaction.execute(status -> {
            // One relay per topic drains at a time; keyed by topic so services sharing a database don't wait on each other.
            Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(hashtextextended(?, 0))",
                    Boolean.class, "outbox:" + properties.topic());
            if (!Boolean.TRUE.equals(locked)) {
                return new Result(0, null);
            }
            if (!reconciled) {
                reconcile();
            }
            List<OutboxRow> rows = jdbc.query(SELECT, OutboxRelay::row, properties.batchSize());
            return rows.isEmpty() ? new Result(0, null) : publish(kafka, rows);
        });
        if (result.failure() != null) {
            throw result.failure();
        }
        if (result.acknowledged() > 0) {
            batches.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchSizes.record(result.acknowledged());
        }
        return result.acknowledged();
    }

    private Result publish(Producer<String, byte[]> kafka, List<OutboxRow> rows) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        try {
            kafka.beginTransaction();
            for (OutboxRow row : rows) {
                sends.add(kafka.send(record(row)));
            }
            // Flushes, and fails if any record failed: then nothing of the batch becomes visible.
            kafka.commitTransaction();
        } catch (KafkaException e) {
            abort(kafka);
            return new Result(0, new IllegalStateException("Kafka did not commit a batch of " + rows.size()
                    + " events", e));
        }
        Map<Integer, Long> next = new HashMap<>();
        List<Long> ids = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            RecordMetadata metadata = done(sends.get(i));
            ids.add(rows.get(i).id());
            next.merge(metadata.partition(), metadata.offset() + 1, Math::max);
            positions.published(rows.get(i).aggregateId(), rows.get(i).aggregateSequence(),
                    new Position(metadata.topic(), metadata.partition(), metadata.offset()));
        }
        // Exactly these ids: a lower id committed meanwhile is not deleted unpublished.
        jdbc.update("delete from event_outbox where id = any(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray())));
        advance(next);
        published.increment(ids.size());
        lastPublished.set(Instant.now());
        return new Result(ids.size(), null);
    }

    /**
     * Reads the topic from the positions this relay last knew to its end (as {@code read_committed}
     * readers see it) and deletes the rows whose events are already there: the batch whose commit
     * was in doubt, or rows a previous process committed and died before deleting. Partitions never
     * seen before start at their current end.
     */
    private void reconcile() {
        Map<Integer, Long> known = new HashMap<>();
        jdbc.query("select partition, next_offset from event_outbox_position where topic = ?",
                rs -> {
                    known.put(rs.getInt(1), rs.getLong(2));
                }, properties.topic());
        Set<String> present = new HashSet<>();
        Map<Integer, Long> end = new HashMap<>();
        try (Consumer<String, byte[]> reader = consumers.get()) {
            List<TopicPartition> partitions = reader.partitionsFor(properties.topic(), RECONCILE_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            reader.endOffsets(partitions, RECONCILE_TIMEOUT).forEach((partition, offset) ->
                    end.put(partition.partition(), offset));
            List<TopicPartition> toRead = partitions.stream()
                    .filter(p -> known.containsKey(p.partition()) && known.get(p.partition()) < end.get(p.partition()))
                    .toList();
            reader.assign(toRead);
            toRead.forEach(p -> reader.seek(p, known.get(p.partition())));
            long deadline = System.nanoTime() + RECONCILE_TIMEOUT.toNanos();
            while (toRead.stream().anyMatch(p -> reader.position(p) < end.get(p.partition()))) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader(EventEnvelope.CE_ID);
                    if (id != null) {
                        present.add(new String(id.value(), StandardCharsets.UTF_8));
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + properties.topic() + " back within "
                            + RECONCILE_TIMEOUT);
                }
            }
        }
        if (!present.isEmpty()) {
            int deleted = jdbc.update("delete from event_outbox where event_id = any(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", present.toArray())));
            if (deleted > 0) {
                log.info("Outbox relay found {} events already on {} and will not publish them again", deleted,
                        properties.topic());
            }
        }
        advance(end);
        reconciled = true;
    }

    /** Moves the known positions forward (never back). */
    private void advance(Map<Integer, Long> next) {
        next.forEach((partition, offset) -> jdbc.update("""
                insert into event_outbox_position (topic, partition, next_offset) values (?, ?, ?)
                on conflict (topic, partition) do update
                  set next_offset = greatest(event_outbox_position.next_offset, excluded.next_offset)""",
                properties.topic(), partition, offset));
    }

    private static RecordMetadata done(Future<RecordMetadata> send) {
        try {
            return send.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A record of a committed transaction failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing", e);
        }
    }

    private static void abort(Producer<String, byte[]> kafka) {
        try {
            kafka.abortTransaction();
        } catch (KafkaException e) {
            // Fenced, or the broker is away: closing the producer ends the transaction either way.
            log.debug("Could not abort the transaction: {}", e.toString());
        }
    }

    private ProducerRecord<String, byte[]> record(OutboxRow row) {
        EventContract contract = EventContracts.forCeType(row.ceType())
                .orElseThrow(() -> new IllegalStateException("Unknown event type in outbox: " + row.ceType()));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(properties.topic(), null,
                row.occurredAt().toEpochMilli(), row.aggregateId(), row.payload());
        EventEnvelope.of(row.eventId(), properties.source(), contract, row.aggregateId(), row.occurredAt(),
                row.aggregateSequence(), row.correlationId()).writeTo(record.headers());
        if (row.hash() != null) {
            record.headers().add(EventEnvelope.CE_HASH,
                    HexFormat.of().formatHex(row.hash()).getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            ensureTopic();
            Producer<String, byte[]> created = producers.get();
            try {
                // Also ends whatever transaction an earlier relay with this id left open (it died).
                created.initTransactions();
            } catch (KafkaException e) {
                created.close(Duration.ofSeconds(1));
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    /**
     * Creates the service's topic, or brings an existing one to the event-topic settings: this relay
     * is the topic's only writer, and the topic must keep its history ({@link Topics#EVENT_TOPIC_CONFIG}).
     */
    private void ensureTopic() {
        NewTopic topic = new NewTopic(properties.topic(), Optional.of(properties.partitions()),
                properties.replicationFactor() < 0 ? Optional.empty() : Optional.of(properties.replicationFactor()))
                .configs(Topics.EVENT_TOPIC_CONFIG);
        try (Admin admin = admins.get()) {
            try {
                admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + properties.topic(), e.getCause());
                }
                keepHistory(admin);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating topic " + properties.topic(), e);
        }
    }

    /** A topic created by someone else (a reader that started first, an operator) may lack the settings. */
    private void keepHistory(Admin admin) throws InterruptedException, java.util.concurrent.TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, properties.topic());
        List<AlterConfigOp> settings = Topics.EVENT_TOPIC_CONFIG.entrySet().stream()
                .map(setting -> new AlterConfigOp(new ConfigEntry(setting.getKey(), setting.getValue()),
                        AlterConfigOp.OpType.SET))
                .toList();
        try {
            admin.incrementalAlterConfigs(Map.of(resource, settings)).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Not allowed to (ACLs): publishing matters more; the operator sees this.
            log.warn("Cannot set {} on topic {}: {}", Topics.EVENT_TOPIC_CONFIG, properties.topic(), e.getCause().toString());
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                log.debug("Closing the producer failed", e);
            }
            producer = null;
        }
    }

    private void awaitWork(Duration timeout) {
        try {
            if (wakeUp.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUp.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Waits only for stop, not for new commits: a commit must not hammer an unreachable broker. */
    private void backOff(int failuresInARow) {
        long millis = Math.min(properties.maxBackoff().toMillis(), 100L << Math.min(failuresInARow, 10));
        try {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static OutboxRow row(ResultSet rs, int rowNum) throws SQLException {
        return new OutboxRow(rs.getLong("id"), rs.getString("event_id"), rs.getString("aggregate_id"),
                rs.getLong("aggregate_sequence"), rs.getString("ce_type"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("correlation_id"), rs.getBytes("payload"),
                rs.getBytes("hash"));
    }

    private record OutboxRow(long id, String eventId, String aggregateId, long aggregateSequence, String ceType,
            Instant occurredAt, String correlationId, byte[] payload, byte[] hash) {
    }

    private record Result(int acknowledged, RuntimeException failure) {
    }

    /**
     * Transactions (so a failed batch leaves nothing visible) with one transactional id per topic: a
     * relay that starts fences off one that died mid-transaction, and its open transaction ends at once
     * instead of blocking {@code read_committed} readers until it times out.
     */
    static Map<String, Object> producerSettings(String topic) {
        return Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "msme-outbox-" + topic,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
                ProducerConfig.LINGER_MS_CONFIG, "2",
                // Fail fast enough to release the advisory lock and back off while Kafka is down.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000",
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "30000");
    }
}
