package io.msmeatlas.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msmeatlas.infra.EmbeddedPostgresServer;
import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a relay does when it cannot know whether its last batch reached Kafka: events that are on the
 * topic are not published again, events that are not are, and an aborted batch is never seen by a
 * {@code read_committed} reader. Each test has its own topic; the schema and broker are the JVM's shared ones.
 */
class OutboxRelayExactlyOnceTest {

    private static final String SCHEMA = "exactly_once_test";

    private static JdbcTemplate jdbc;
    private static OutboxingEventStorageEngine engine;
    private static TransactionTemplate transactions;
    private static Map<String, Object> kafka;

    @BeforeAll
    static void start() {
        EmbeddedPostgresServer postgres = SharedInfrastructure.postgres();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl() + "?currentSchema=" + SCHEMA,
                EmbeddedPostgresServer.USER, "");
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/event-store").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        TransactionManager axonTransactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        Jackson3Serializer serializer = Jackson3Serializer.builder().revisionResolver(ContractUpcaster.REVISIONS).build();
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(axonTransactions)
                .schema(EventOutboxAutoConfiguration.EVENT_SCHEMA);
        engine = new OutboxingEventStorageEngine(builder, axonTransactions, new StoredEventChain(jdbc),
                new EventOutbox(jdbc), () -> { });
        kafka = Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
    }

    @Test
    void events_a_crashed_relay_committed_but_did_not_delete_are_not_published_again() {
        String topic = "exactly-once." + UUID.randomUUID();
        String listing = UUID.randomUUID().toString();
        append(listing, 0, new ListingSubmitted(listing));
        relay(topic).drainOnce();
        append(listing, 1, new ListingPublished(listing, "admin-1", null));
        // As if a relay committed the batch and died before deleting: its row is still here, its record on the topic.
        List<Map<String, Object>> pending = jdbc.queryForList("select event_id, payload from event_outbox where aggregate_id = ?",
                listing);
        publishBehindTheRelaysBack(topic, listing, pending);

        int published = relay(topic).drainOnce();

        assertThat(published).as("nothing left to publish").isZero();
        assertThat(jdbc.queryForObject("select count(*) from event_outbox where aggregate_id = ?", Long.class, listing))
                .isZero();
        assertThat(eventIds(topic)).as("each event once").hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void after_a_restart_rows_not_on_the_topic_are_published_in_order_and_once() {
        String topic = "exactly-once." + UUID.randomUUID();
        String listing = UUID.randomUUID().toString();
        append(listing, 0, new ListingSubmitted(listing));
        relay(topic).drainOnce();
        append(listing, 1, new ListingPublished(listing, "admin-1", null));
        append(listing, 2, new ListingSubmitted(listing));

        relay(topic).drainOnce();

        List<ConsumerRecord<String, byte[]>> records = records(topic);
        assertThat(records).extracting(r -> EventEnvelope.readFrom(r.headers()).sequence()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void a_transaction_left_open_by_a_relay_that_died_is_ended_by_the_next_and_never_read() throws Exception {
        String topic = "exactly-once." + UUID.randomUUID();
        String listing = UUID.randomUUID().toString();
        append(listing, 0, new ListingSubmitted(listing));
        relay(topic).drainOnce();
        // A relay mid-batch: its transaction holds a record and never commits (the process was killed).
        Map<String, Object> settings = new java.util.HashMap<>(kafka);
        settings.putAll(OutboxRelay.producerSettings(topic));
        KafkaProducer<String, byte[]> dying = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        dying.initTransactions();
        dying.beginTransaction();
        dying.send(new ProducerRecord<>(topic, listing, "half a batch".getBytes(StandardCharsets.UTF_8))).get();
        append(listing, 1, new ListingPublished(listing, "admin-1", null));

        relay(topic).drainOnce();

        assertThat(records(topic)).extracting(r -> EventEnvelope.readFrom(r.headers()).sequence())
                .as("the open transaction was aborted, so a committed reader sees only the relay's events")
                .containsExactly(0L, 1L);
        dying.close(Duration.ZERO);
    }

    /** A new relay, as after a restart: it reads the topic back before its first batch. */
    private static OutboxRelay relay(String topic) {
        return new OutboxRelay(jdbc, transactions, kafka, new OutboxProperties(topic, "/test", 500,
                Duration.ofMillis(200), Duration.ofSeconds(1), 1, (short) 1, Duration.ofSeconds(1)),
                new SimpleMeterRegistry());
    }

    private static void append(String listing, long sequence, Object event) {
        engine.appendEvents(List.of(new GenericDomainEventMessage<>("Listing", listing, sequence, event)));
    }

    /** Publishes the rows' events the way a relay would, without deleting the rows. */
    private static void publishBehindTheRelaysBack(String topic, String listing, List<Map<String, Object>> rows) {
        Map<String, Object> settings = new java.util.HashMap<>(kafka);
        settings.putAll(OutboxRelay.producerSettings(topic));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (Map<String, Object> row : rows) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, listing, (byte[]) row.get("payload"));
                record.headers().add(EventEnvelope.CE_ID, ((String) row.get("event_id")).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.commitTransaction();
        }
    }

    private static List<String> eventIds(String topic) {
        return records(topic).stream().map(r -> new String(r.headers().lastHeader(EventEnvelope.CE_ID).value(),
                StandardCharsets.UTF_8)).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic) {
        Map<String, Object> settings = new java.util.HashMap<>(kafka);
        settings.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
