package io.msmeatlas.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msmeatlas.infra.EmbeddedPostgresServer;
import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingSold;
import io.msmeatlas.web.ConsistencyToken.Position;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
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

/**
 * Events stored at an older schema version load as the current one, new ones are stored with their
 * version, and a command can learn where in Kafka its events landed.
 */
class StoredEventVersionsTest {

    private static final String SCHEMA = "versions_test";

    /** As the listings service stored it before schema v2. */
    private static final String V1_DRAFTED = """
            {"listingId":"l-1","sellerId":"seller-1","details":{"title":"CNC job shop","sector":"C25","city":"Pune",\
            "state":"Maharashtra","annualRevenue":"84000000.00","ebitda":"9500000.00","askingPrice":"65000000.00",\
            "currency":"INR"}}""";

    private static DriverManagerDataSource dataSource;
    private static JdbcTemplate jdbc;
    private static OutboxingEventStorageEngine engine;
    private static OutboxRelay relay;

    @BeforeAll
    static void start() {
        EmbeddedPostgresServer postgres = SharedInfrastructure.postgres();
        dataSource = new DriverManagerDataSource(postgres.jdbcUrl() + "?currentSchema=" + SCHEMA,
                EmbeddedPostgresServer.USER, "");
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/event-store").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        Jackson3Serializer serializer = Jackson3Serializer.builder().revisionResolver(ContractUpcaster.REVISIONS)
                .build();
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(new ContractUpcaster()))
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactions)
                .schema(EventOutboxAutoConfiguration.EVENT_SCHEMA);
        Map<String, Object> kafka = Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
        relay = new OutboxRelay(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                kafka,
                new OutboxProperties("versions.test.events", "/test", 500, Duration.ofMillis(200),
                        Duration.ofSeconds(1), 2, (short) 1, Duration.ofSeconds(10)),
                new SimpleMeterRegistry());
        engine = new OutboxingEventStorageEngine(builder, transactions, new StoredEventChain(jdbc),
                new EventOutbox(jdbc), relay::wake);
    }

    @AfterAll
    static void stop() {
        relay.stop();
    }

    @Test
    void a_v1_event_stored_before_revisions_were_recorded_loads_as_the_current_version() {
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                       time_stamp, payload_type, payload_revision, payload, meta_data)
                values (?, ?, 0, 'Listing', ?, ?, null, ?, ?)""",
                UUID.randomUUID().toString(), id, Instant.now().toString(), ListingDrafted.class.getName(),
                V1_DRAFTED.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        List<? extends DomainEventMessage<?>> events = engine.readEvents(id).asStream().toList();

        ListingDrafted drafted = (ListingDrafted) events.get(0).getPayload();
        ListingDetails details = drafted.details();
        assertThat(details.sector().name()).isEqualTo("C25");
        assertThat(details.latestFinancials().revenue()).isEqualByComparingTo("84000000.00");
        assertThat(details.dealType()).isEqualTo(ListingDetails.DealType.FULL_SALE);
    }

    @Test
    void a_new_event_is_stored_with_its_schema_version_as_revision() {
        String id = UUID.randomUUID().toString();
        Instant published = Instant.parse("2026-11-25T10:00:00Z");
        engine.appendEvents(List.of(event(id, 0, new ListingPublished(id, "admin-1", published))));

        assertThat(jdbc.queryForObject("select payload_revision from domain_event_entry where aggregate_identifier = ?",
                String.class, id)).isEqualTo("2");
        assertThat(engine.readEvents(id).asStream().toList().get(0).getPayload())
                .isEqualTo(new ListingPublished(id, "admin-1", published));
    }

    @Test
    void a_command_learns_the_kafka_position_of_its_published_event() {
        relay.start();
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(event(id, 0, new ListingPublished(id, null, null)),
                event(id, 1, new ListingSold(id))));

        Optional<Position> position = relay.awaitPublished(id, 1, Duration.ofSeconds(20));

        assertThat(position).isPresent();
        Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(position.get().topic(), position.get().partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, position.get().offset());
            ConsumerRecord<String, byte[]> record = consumer.poll(Duration.ofSeconds(10)).iterator().next();
            assertThat(record.key()).isEqualTo(id);
            assertThat(new String(record.headers().lastHeader("ce_type").value())).endsWith("ListingSold");
        }
    }

    @Test
    void waiting_for_an_event_that_is_never_published_ends_empty_at_the_timeout() {
        relay.start();
        assertThat(relay.awaitPublished(UUID.randomUUID().toString(), 0, Duration.ofMillis(200))).isEmpty();
    }

    private static GenericDomainEventMessage<Object> event(String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Listing", id, sequence, payload, Map.of("userId", "seller-1"));
    }

}
