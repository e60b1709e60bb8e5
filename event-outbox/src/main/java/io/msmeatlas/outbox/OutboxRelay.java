package io.msmeatlas.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox to Kafka in id order, one relay at a time (a PostgreSQL advisory lock), and
 * deletes exactly the rows Kafka acknowledged.
 *
 * <p>It selects rows by presence in the table, never by "id greater than the last one seen", so a
 * row from a transaction that commits late (after rows with higher ids were published) is still
 * published: the sequence-gap trap of high-water-mark relays. Per-aggregate order holds because a
 * listing's next event can only be appended after its previous one committed, so it has a higher
 * id, and the idempotent producer keeps a partition's records in send order. After a failure the
 * unacknowledged rows are sent again: Kafka may then hold a duplicate, which consumers drop by event
 * id; it never holds a gap.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String SELECT = """
            select id, event_id, aggregate_id, aggregate_sequence, ce_type, occurred_at, correlation_id, payload, hash
              from event_outbox order by id limit ?""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Supplier<Admin> admins;
    private final OutboxProperties properties;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicReference<Instant> lastPublished = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Counter published;
    private final Counter failures;
    private final PublishedPositions positions = new PublishedPositions();

    private volatile boolean running;
    private CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;
    private Producer<String, byte[]> producer;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, Supplier<Producer<String, byte[]>> producers,
            Supplier<Admin> admins, OutboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.producers = producers;
        this.admins = admins;
        this.properties = properties;
        this.published = Counter.builder("outbox.published").description("Events acknowledged by Kafka")
                .register(meters);
        this.failures = Counter.builder("outbox.relay.failures").description("Failed relay attempts")
                .register(meters);
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
        return positions.await(aggregateId, sequenceNumber, timeout);
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

    /** One batch: publish it and delete what Kafka acknowledged. Returns the number published. */
    int drainOnce() {
        Producer<String, byte[]> kafka = producer();
        Result result = transaction.execute(status -> {
            // One relay per topic drains at a time; keyed by topic so services sharing a database don't wait on each other.
            Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(hashtextextended(?, 0))",
                    Boolean.class, "outbox:" + properties.topic());
            if (!Boolean.TRUE.equals(locked)) {
                return new Result(0, null);
            }
            List<OutboxRow> rows = jdbc.query(SELECT, OutboxRelay::row, properties.batchSize());
            return publish(kafka, rows);
        });
        if (result.failure() != null) {
            throw result.failure();
        }
        return result.acknowledged();
    }

    private Result publish(Producer<String, byte[]> kafka, List<OutboxRow> rows) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        RuntimeException failure = null;
        try {
            for (OutboxRow row : rows) {
                sends.add(kafka.send(record(row)));
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        kafka.flush();
        List<Long> acknowledged = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            try {
                RecordMetadata metadata = sends.get(i).get();
                acknowledged.add(rows.get(i).id());
                positions.published(rows.get(i).aggregateId(), rows.get(i).aggregateSequence(),
                        new Position(metadata.topic(), metadata.partition(), metadata.offset()));
            } catch (ExecutionException e) {
                failure = new IllegalStateException("Kafka did not acknowledge event " + rows.get(i).eventId(),
                        e.getCause());
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("Interrupted while publishing", e);
                break;
            }
        }
        if (!acknowledged.isEmpty()) {
            // Exactly these ids: a lower id committed meanwhile is not deleted unpublished.
            jdbc.update("delete from event_outbox where id = any(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", acknowledged.toArray())));
            published.increment(acknowledged.size());
            lastPublished.set(Instant.now());
        }
        return new Result(acknowledged.size(), failure);
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
            producer = producers.get();
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

    static Map<String, Object> producerOverrides() {
        return Map.of(
                "acks", "all",
                "enable.idempotence", "true",
                "max.in.flight.requests.per.connection", "5",
                "linger.ms", "2",
                // Fail fast enough to release the advisory lock and back off while Kafka is down.
                "max.block.ms", "5000",
                "request.timeout.ms", "5000",
                "delivery.timeout.ms", "15000");
    }
}
