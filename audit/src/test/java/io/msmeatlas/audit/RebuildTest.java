package io.msmeatlas.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.projections.ProjectionsApplication;
import io.msmeatlas.projections.ServingVersion;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingPublished;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * {@code audit rebuild projections} against a running projections service on the embedded broker:
 * without {@code --yes} it changes nothing; with it, the new version is built from the topic while
 * the old one keeps answering every query, the service switches to it, and the rebuilt read model
 * equals the live one. Nothing is published to any event topic on the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildTest {

    private static final int LISTINGS = 60;
    private static final String INITIAL = "rebuild-test-v1";

    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext projections;
    private String base;

    @BeforeAll
    void startProjectionsWithListings(@TempDir Path state) throws Exception {
        String kafka = SharedInfrastructure.kafka().bootstrapServers();
        projections = new SpringApplicationBuilder(ProjectionsApplication.class).run(
                "--server.port=0", "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--spring.kafka.streams.application-id=" + INITIAL,
                "--spring.kafka.streams.state-dir=" + state,
                "--spring.kafka.streams.properties.commit.interval.ms=200",
                "--logging.level.org.apache.kafka=WARN", "--logging.level.kafka=WARN",
                // This module has the outbox's classes for its hash chain, not the Axon stack it configures.
                "--spring.autoconfigure.exclude=io.msmeatlas.outbox.EventOutboxAutoConfiguration");
        base = "http://localhost:" + ((WebServerApplicationContext) projections).getWebServer().getPort();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < LISTINGS; i++) {
                String id = String.format("rebuild-%03d", i);
                send(producer, new ListingDrafted(id, "seller-" + i % 3, details("Unit " + i), null), id, 0);
                if (i % 2 == 0) {
                    send(producer, new ListingPublished(id, "admin-1", null), id, 1);
                }
            }
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> readModel().size() == LISTINGS);
    }

    @AfterAll
    void stop() {
        if (projections != null) {
            projections.close();
        }
    }

    @Test
    void without_yes_it_only_says_what_it_would_do() {
        String before = new ServingVersion(kafka(), INITIAL).current();

        Run run = rebuild("--version", "rebuild-test-never");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Serving: " + before).contains("Nothing changed");
        assertThat(new ServingVersion(kafka(), INITIAL).current()).isEqualTo(before);
    }

    @Test
    void the_new_version_is_built_beside_the_serving_one_and_equals_it_after_the_switch() throws Exception {
        Map<String, String> live = readModel();
        Map<TopicPartition, Long> eventTopicsBefore = eventTopicEnds();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                for (String path : List.of("/api/msme/listings/rebuild-007", "/api/msme/listings?limit=5")) {
                    HttpResponse<String> answer = get(path);
                    reads.incrementAndGet();
                    if (answer.statusCode() != 200) {
                        failures.add(path + " " + answer.statusCode());
                    }
                }
            }
        }, "queries-during-rebuild");
        reader.start();

        Run run = rebuild("--yes", "--version", "rebuild-test-v2", "--await-switch", base, "--timeout", "PT3M");

        reading.set(false);
        reader.join();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("events/s").contains("ETA").contains(base + " serves rebuild-test-v2");
        assertThat(health()).contains("\"applicationId\":\"rebuild-test-v2\"");
        assertThat(readModel()).as("the rebuilt read model").isEqualTo(live);
        assertThat(reads.get()).as("queries answered during the rebuild and switch").isGreaterThan(0);
        assertThat(failures).as("queries that failed during the rebuild and switch").isEmpty();
        assertThat(eventTopicEnds()).as("nothing published to an event topic").isEqualTo(eventTopicsBefore);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run rebuild(String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = AuditCli.commandLine(new AuditCli());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("--kafka", SharedInfrastructure.kafka().bootstrapServers(),
                "rebuild", "projections", "--initial-version", INITIAL));
        args.addAll(List.of(options));
        int exit = line.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Every listing as an administrator sees it, by id. */
    private Map<String, String> readModel() {
        Map<String, String> views = new TreeMap<>();
        HttpResponse<String> page = get("/api/msme/listings?limit=100");
        if (page.statusCode() != 200) {
            return views;
        }
        var items = EventJson.mapper().readTree(page.body()).get("items");
        for (var item : items) {
            String id = item.get("id").asString();
            views.put(id, get("/api/msme/listings/" + id).body());
        }
        return views;
    }

    private String health() {
        return get("/actuator/health").body();
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("X-User-Id", "admin-1").header("X-User-Roles", "ADMIN").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> kafka() {
        return Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
    }

    private static Map<TopicPartition, Long> eventTopicEnds() throws Exception {
        try (Admin admin = Admin.create(kafka())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(admin.listTopics().names().get().stream().filter(t -> t.endsWith(".events")).toList())
                    .allTopicNames().get().forEach((topic, description) -> description.partitions().forEach(p ->
                            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, Object event, String id, long sequence)
            throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LISTING_EVENTS, id, EventJson.write(event));
        EventEnvelope.of(id + "-" + sequence, "/msmeatlas/listings", EventContracts.of(event.getClass()), id,
                Instant.parse("2026-06-01T10:00:00Z").plusSeconds(sequence), sequence, "req-rebuild").writeTo(record.headers());
        producer.send(record).get();
    }

    private static ListingDetails details(String title) {
        return new ListingDetails(title, "Rebuild Works Pvt Ltd", new ListingDetails.Contact("A. Kumar", "a@example.in", null),
                new ListingDetails.Sector("25", "Manufacture of fabricated metal products", "C", "Manufacturing"),
                "Maharashtra", "Pune", 2009, 40, ListingDetails.LegalStructure.PRIVATE_LIMITED,
                new BigDecimal("30000000.00"), List.of(new ListingDetails.AnnualFinancials(2025,
                        new BigDecimal("80000000.00"), null, new BigDecimal("9000000.00"), null, null)),
                null, null, new BigDecimal("60000000.00"), "INR", ListingDetails.DealType.FULL_SALE, null,
                List.of("ISO 9001"), "A rebuild test unit.");
    }
}
