package io.msmeatlas.audit;

import io.msmeatlas.infra.EmbeddedKafka;
import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.infra.EmbeddedPostgresServer;
import io.msmeatlas.outbox.HashChain;
import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh event store (its own PostgreSQL schema, migrated with event-outbox's scripts) and topic per
 * test, on one PostgreSQL and one Kafka per JVM. Rows are written directly in the format the storage
 * engine writes: payload as Axon's Jackson serialization of the record, metadata as a JSON map, and
 * the chain row computed with {@link HashChain} (event-outbox's HashChainStorageTest proves the engine
 * writes exactly that).
 */
final class Fixture implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** What Axon's Jackson3Serializer writes: plain Jackson, BigDecimal as a number, nulls included. */
    private static final JsonMapper AXON_JSON = JsonMapper.builder().build();
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;

    record Recorded(String aggregateId, long sequence, String eventId, EventContract contract, Instant time,
            byte[] hash) {
    }

    record Run(int exitCode, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }
    }

    final AggregateType type;
    private final Connection connection;
    private final Map<String, Recorded> lastByAggregate = new HashMap<>();
    private KafkaProducer<String, byte[]> producer;

    private Fixture(AggregateType type) throws SQLException {
        this.type = type;
        this.connection = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
    }

    /** A listing event store and topic of its own. */
    static Fixture listings() throws Exception {
        return of("listing");
    }

    /** An event store and topic of its own for one of the tool's aggregate types (listing, user, valuation, ...). */
    static Fixture of(String typeName) throws Exception {
        start();
        int n = COUNTER.incrementAndGet();
        AggregateType real = AggregateType.ALL.get(typeName);
        Fixture fixture = new Fixture(new AggregateType(real.name(), "audit_test_" + n, "audit.test." + n,
                real.statusByEvent(), real.ignoredFields(), real.accumulated()));
        fixture.migrate();
        return fixture;
    }

    Recorded append(String aggregateId, Object payload, Instant time, String userId, String requestId)
            throws SQLException {
        EventContract contract = EventContracts.of(payload.getClass());
        return appendStored(aggregateId, contract, AXON_JSON.writeValueAsBytes(payload),
                Integer.toString(contract.version()), time, userId, requestId);
    }

    /** A payload as stored bytes at a given revision (null: stored before revisions were recorded). */
    Recorded appendStored(String aggregateId, EventContract contract, byte[] bytes, String revision, Instant time,
            String userId, String requestId) throws SQLException {
        Recorded last = lastByAggregate.get(aggregateId);
        long sequence = last == null ? 0 : last.sequence() + 1;
        String eventId = UUID.randomUUID().toString();
        byte[] meta = AXON_JSON.writeValueAsBytes(Map.of("userId", userId, "requestId", requestId,
                "correlationId", requestId, "traceId", "trace-" + requestId));
        String payloadType = contract.javaType().getName();
        byte[] hash = HashChain.next(last == null ? HashChain.GENESIS : last.hash(), aggregateId, sequence, eventId,
                payloadType, bytes);
        update("""
                insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_type, payload_revision, time_stamp)
                values (?, ?, 'Listing', ?, ?, ?, ?, ?, ?)""",
                aggregateId, sequence, eventId, meta, bytes, payloadType, revision, time.toString());
        update("insert into event_hash_chain values (?, ?, ?, ?)", aggregateId, sequence, eventId, hash);
        Recorded recorded = new Recorded(aggregateId, sequence, eventId, contract, time, hash);
        lastByAggregate.put(aggregateId, recorded);
        return recorded;
    }

    /** An event as stored before the chain existed: no chain row. */
    Recorded appendUnchained(String aggregateId, Object payload, Instant time) throws SQLException {
        Recorded recorded = append(aggregateId, payload, time, "seller-0", "old-request");
        update("delete from event_hash_chain where event_identifier = ?", recorded.eventId());
        return recorded;
    }

    void leaveInOutbox(Recorded event) throws SQLException {
        update("""
                insert into event_outbox (event_id, aggregate_id, aggregate_sequence, ce_type, occurred_at, payload, hash)
                values (?, ?, ?, ?, ?, '{}'::bytea, ?)""", event.eventId(), event.aggregateId(), event.sequence(),
                event.contract().ceType(), Timestamp.from(event.time()), event.hash());
    }

    /** Publishes as the outbox relay does: key = aggregate id, CloudEvents headers and ce_hash. */
    void publish(Recorded... events) throws Exception {
        for (Recorded event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), event.aggregateId(),
                    EventJson.write(Map.of()));
            EventEnvelope.of(event.eventId(), "/test", event.contract(), event.aggregateId(), event.time(),
                    event.sequence(), null).writeTo(record.headers());
            record.headers().add(EventEnvelope.CE_HASH,
                    HexFormat.of().formatHex(event.hash()).getBytes(StandardCharsets.US_ASCII));
            producer().send(record).get();
        }
    }

    void update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    Run audit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AuditCli.commandLine(new AuditCli(Map.of(type.name(), type)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of("--jdbc-url", postgres.jdbcUrl(), "--kafka", kafka.bootstrapServers()),
                Stream.of(args)).toArray(String[]::new);
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    private KafkaProducer<String, byte[]> producer() throws Exception {
        if (producer == null) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(type.topic(), 1, (short) 1))).all().get();
            }
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void migrate() throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create schema " + type.schema());
            statement.execute("set search_path to " + type.schema());
            for (String script : List.of("V1__event_store_and_outbox.sql", "V1_1__event_hash_chain.sql")) {
                try (InputStream in = Fixture.class.getClassLoader().getResourceAsStream("db/event-store/" + script)) {
                    statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (producer != null) {
            producer.close();
        }
        connection.close();
    }

    /** The JVM's shared PostgreSQL and Kafka (also the rebuild test's). */
    private static synchronized void start() throws IOException {
        if (postgres != null) {
            return;
        }
        postgres = SharedInfrastructure.postgres();
        kafka = SharedInfrastructure.kafka();
    }
}
