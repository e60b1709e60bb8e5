package io.msmeatlas.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msmeatlas.infra.EmbeddedKafka;
import io.msmeatlas.infra.EmbeddedPostgresServer;
import io.msmeatlas.infra.Ports;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The storage engine, on a real PostgreSQL, writes each event's chain link in the event's transaction; the relay sends it. */
class HashChainStorageTest {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;
    private static DriverManagerDataSource dataSource;
    private static JdbcTemplate jdbc;
    private static OutboxingEventStorageEngine engine;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("outbox-test");
        postgres = new EmbeddedPostgresServer(dir.resolve("pg"), Ports.findFree(), "msmeatlas").start();
        kafka = new EmbeddedKafka(dir.resolve("kafka"), Ports.findFree(), Ports.findFree()).start();
        dataSource = new DriverManagerDataSource(
                postgres.jdbcUrl() + "?currentSchema=listings", EmbeddedPostgresServer.USER, "");
        Flyway.configure().dataSource(dataSource).schemas("listings").createSchemas(true)
                .locations("classpath:db/event-store").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        Jackson3Serializer serializer = Jackson3Serializer.builder().build();
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactions)
                .schema(EventOutboxAutoConfiguration.EVENT_SCHEMA);
        engine = new OutboxingEventStorageEngine(builder, transactions, new StoredEventChain(jdbc),
                new EventOutbox(jdbc), () -> { });
    }

    @AfterAll
    static void stop() {
        kafka.stop();
        postgres.stop();
    }

    @Test
    void each_appended_event_links_to_its_predecessor_across_appends_and_within_a_batch() {
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(event(id, 0, new ListingPublished(id, null, null))));
        engine.appendEvents(List.of(event(id, 1, new ListingWithdrawn(id, "sold")),
                event(id, 2, new ListingPublished(id, null, null))));

        byte[] previous = HashChain.GENESIS;
        List<Map<String, Object>> stored = jdbc.queryForList("""
                select e.sequence_number, e.event_identifier, e.payload_type, e.payload, h.hash,
                       h.event_identifier as chained_id
                  from domain_event_entry e join event_hash_chain h
                    on h.aggregate_id = e.aggregate_identifier and h.sequence_number = e.sequence_number
                 where e.aggregate_identifier = ? order by e.sequence_number""", id);
        assertThat(stored).hasSize(3);
        for (Map<String, Object> row : stored) {
            byte[] expected = HashChain.next(previous, id, (Long) row.get("sequence_number"),
                    (String) row.get("event_identifier"), (String) row.get("payload_type"),
                    (byte[]) row.get("payload"));
            assertThat((byte[]) row.get("hash")).isEqualTo(expected);
            assertThat(row.get("chained_id")).isEqualTo(row.get("event_identifier"));
            previous = expected;
        }
    }

    @Test
    void the_outbox_row_carries_the_same_hash_as_the_chain() {
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(event(id, 0, new ListingPublished(id, null, null))));

        byte[] chained = jdbc.queryForObject("select hash from event_hash_chain where aggregate_id = ?",
                byte[].class, id);
        byte[] outboxed = jdbc.queryForObject("select hash from event_outbox where aggregate_id = ?",
                byte[].class, id);
        assertThat(outboxed).isEqualTo(chained).hasSize(HashChain.HASH_LENGTH);
    }

    @Test
    void the_relay_sends_the_hash_as_the_ce_hash_header() {
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(event(id, 0, new ListingPublished(id, null, null))));
        byte[] chained = jdbc.queryForObject("select hash from event_hash_chain where aggregate_id = ?",
                byte[].class, id);
        OutboxProperties properties = new OutboxProperties("outbox.test.events", "/test", 500,
                Duration.ofMillis(500), Duration.ofSeconds(1), 1, (short) 1, Duration.ofSeconds(1));
        Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers());
        OutboxRelay relay = new OutboxRelay(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                config, properties, new SimpleMeterRegistry());

        relay.drainOnce();

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(properties.topic(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                assertThat(records).anyMatch(r -> id.equals(r.key()));
            });
            ConsumerRecord<String, byte[]> record = records.stream().filter(r -> id.equals(r.key())).findFirst()
                    .orElseThrow();
            assertThat(new String(record.headers().lastHeader(EventEnvelope.CE_HASH).value(), StandardCharsets.US_ASCII))
                    .isEqualTo(HexFormat.of().formatHex(chained));
            assertThat(EventEnvelope.readFrom(record.headers()).id()).isNotBlank();
        }
    }

    @Test
    void the_relays_topic_keeps_its_history_even_if_someone_created_it_with_a_finite_retention() throws Exception {
        String topic = "outbox.retention." + UUID.randomUUID();
        Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "86400000"))))
                    .all().get();
            String id = UUID.randomUUID().toString();
            engine.appendEvents(List.of(event(id, 0, new ListingPublished(id, null, null))));
            OutboxProperties properties = new OutboxProperties(topic, "/test", 500, Duration.ofMillis(500),
                    Duration.ofSeconds(1), 1, (short) 1, Duration.ofSeconds(1));
            OutboxRelay relay = new OutboxRelay(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                    config, properties, new SimpleMeterRegistry());

            relay.drainOnce();

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Config settings = admin.describeConfigs(List.of(resource)).all().get()
                        .get(resource);
                assertThat(settings.get("retention.ms").value()).isEqualTo("-1");
                assertThat(settings.get("retention.bytes").value()).isEqualTo("-1");
            });
        }
    }

    @Test
    void a_hash_covers_every_field_so_changing_any_one_changes_it() {
        byte[] base = HashChain.next(HashChain.GENESIS, "a", 1, "e", "T", new byte[] {1});
        assertThat(List.of(
                HashChain.next(new byte[32], "b", 1, "e", "T", new byte[] {1}),
                HashChain.next(HashChain.GENESIS, "a", 2, "e", "T", new byte[] {1}),
                HashChain.next(HashChain.GENESIS, "a", 1, "f", "T", new byte[] {1}),
                HashChain.next(HashChain.GENESIS, "a", 1, "e", "U", new byte[] {1}),
                HashChain.next(HashChain.GENESIS, "a", 1, "e", "T", new byte[] {2}),
                // Shifting a boundary between fields is not the same input: lengths are prefixed.
                HashChain.next(HashChain.GENESIS, "a", 1, "eT", "", new byte[] {1})))
                .allSatisfy(other -> assertThat(other).isNotEqualTo(base));
    }

    private static GenericDomainEventMessage<Object> event(String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Listing", id, sequence, payload,
                Map.of("userId", "seller-1", "requestId", "req-" + sequence));
    }
}
