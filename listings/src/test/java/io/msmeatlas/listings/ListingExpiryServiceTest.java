package io.msmeatlas.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.msmeatlas.infra.EmbeddedPostgresServer;
import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventSchemaValidator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moderation off and a short expiry period, in service instances this test starts and stops itself,
 * on a PostgreSQL schema of their own (so that the shared test context's scheduler cannot fire
 * their deadlines).
 */
class ListingExpiryServiceTest {

    private static final String SCHEMA = "listings_expiry";
    private static final String LISTINGS = ListingServiceTestSupport.LISTINGS;

    private static JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource(SharedInfrastructure.postgres().jdbcUrl(),
                EmbeddedPostgresServer.USER, ""));
    }

    /** A listings instance with moderation off whose listings expire after {@code expiryPeriod}. */
    private static ConfigurableApplicationContext start(String expiryPeriod) {
        // As arguments: SpringApplicationBuilder.properties() are defaults, which application.yml overrides.
        return new SpringApplicationBuilder(ListingsApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + SharedInfrastructure.postgres().jdbcUrl(),
                "--spring.datasource.hikari.schema=" + SCHEMA,
                "--spring.flyway.schemas=" + SCHEMA,
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
                "--atlas.outbox.poll-interval=100ms",
                "--atlas.listings.moderation.auto-approve=true",
                "--atlas.listings.expiry-period=" + expiryPeriod,
                "--atlas.listings.expiry-scheduler.polling-interval=200ms");
    }

    private static RestClient seller(ConfigurableApplicationContext context) {
        return Http.client(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")), "seller-1",
                "SELLER");
    }

    private String draftAndSubmit(RestClient seller) {
        ResponseEntity<String> created = Http.post(seller, LISTINGS, ListingServiceTestSupport.DRAFT, Map.of());
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String id = json.readTree(created.getBody()).get("id").asString();
        ResponseEntity<String> submitted = Http.post(seller, LISTINGS + "/" + id + "/submit", null, Map.of());
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(200);
        JsonNode body = json.readTree(submitted.getBody());
        assertThat(body.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(body.get("version").asLong()).isEqualTo(3);
        return id;
    }

    private static List<String> storedTypes(String id) {
        return jdbc.queryForList("select payload_type from " + SCHEMA + ".domain_event_entry"
                + " where aggregate_identifier = ? order by sequence_number", String.class, id).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static long scheduledExpiries(String id) {
        return jdbc.queryForObject("select count(*) from " + SCHEMA + ".scheduled_tasks"
                + " where position(convert_to(?, 'UTF8') in task_data) > 0", Long.class, id);
    }

    private static Set<Thread> schedulerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("db-scheduler")).collect(Collectors.toSet());
    }

    @Test
    void with_moderation_off_a_submitted_listing_is_published_at_once_and_expires_on_time() {
        try (ConfigurableApplicationContext service = start("PT3S")) {
            String id = draftAndSubmit(seller(service));
            assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingSubmitted", "ListingPublished");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(storedTypes(id)).endsWith("ListingExpired"));

            List<ConsumerRecord<String, byte[]>> records = ListingServiceTestSupport.awaitEvents(id, 4);
            assertThat(ListingServiceTestSupport.types(records)).containsExactly("ListingDrafted", "ListingSubmitted",
                    "ListingPublished", "ListingExpired");
            JsonNode published = json.readTree(records.get(2).value());
            assertThat(published.has("approvedBy")).isFalse();
            assertThat(published.has("expiresAt")).isTrue();
            EventSchemaValidator validator = new EventSchemaValidator();
            for (ConsumerRecord<String, byte[]> record : records) {
                EventContract contract = EventContracts.forCeType(EventEnvelope.readFrom(record.headers()).type())
                        .orElseThrow();
                assertThat(validator.violations(contract, record.value())).as(contract.name()).isEmpty();
            }
            assertThat(scheduledExpiries(id)).isZero();
        }
    }

    @Test
    void an_expiry_scheduled_before_a_restart_fires_after_it() {
        Set<Thread> before = schedulerThreads();
        String id;
        Scheduler firstScheduler;
        try (ConfigurableApplicationContext first = start("PT6S")) {
            firstScheduler = first.getBean(Scheduler.class);
            id = draftAndSubmit(seller(first));
            assertThat(scheduledExpiries(id)).isOne();
        }
        assertThat(firstScheduler.getSchedulerState().isShuttingDown()).isTrue();
        // Stopped before the expiry: nothing fired, the deadline waits in PostgreSQL, and no scheduler thread is left.
        assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingSubmitted", "ListingPublished");
        assertThat(scheduledExpiries(id)).isOne();
        assertThat(schedulerThreads()).allMatch(thread -> before.contains(thread) || !thread.isAlive());

        try (ConfigurableApplicationContext second = start("PT6S")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingSubmitted",
                            "ListingPublished", "ListingExpired"));
            assertThat(scheduledExpiries(id)).isZero();
            List<ConsumerRecord<String, byte[]>> records = ListingServiceTestSupport.awaitEvents(id, 4);
            assertThat(ListingServiceTestSupport.types(records).get(3)).isEqualTo("ListingExpired");
        }
    }
}
