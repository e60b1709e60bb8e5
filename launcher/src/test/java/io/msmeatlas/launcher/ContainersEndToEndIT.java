package io.msmeatlas.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventSchemaValidator;
import io.msmeatlas.schemas.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The marketplace end to end on the infrastructure of a deployment rather than the embedded one: the
 * official Kafka image in KRaft mode, PostgreSQL and Redis in containers, and every service as its
 * executable jar in a JVM of its own (heap capped as in production), driven only through the gateway.
 * Needs a Docker engine; without one the class is skipped. Build the jars first
 * ({@code ./mvnw -B -DskipTests package}); images can be overridden with
 * {@code -Datlas.it.kafka-image=...}, {@code -Datlas.it.postgres-image=...}, {@code -Datlas.it.redis-image=...}.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainersEndToEndIT {

    private static final Duration EVENTUAL = Duration.ofSeconds(90);
    private static final String PASSWORD = "Correct-horse-42-battery";
    private static final String TOKEN = "X-Consistency-Token";
    private static final String DRAFT = """
            {"title":"%s","legalName":"Kovai Pumps Pvt Ltd",
             "contact":{"name":"R. Senthil","email":"senthil@example.in","phone":"+919800000009"},
             "sectorCode":"28","state":"Tamil Nadu","city":"Coimbatore","yearEstablished":2004,"employees":60,
             "legalStructure":"PRIVATE_LIMITED","plantAndMachineryInvestment":"41000000.00",
             "financials":[{"fiscalYear":2025,"revenue":"96000000.00","ebitda":"12500000.00"},
                           {"fiscalYear":2024,"revenue":"88000000.00","ebitda":"11000000.00"}],
             "assets":"60000000","debt":"9000000",
             "askingPrice":"48000000.00","currency":"INR","dealType":"FULL_SALE","reasonForSale":"Succession",
             "highlights":["Export orders from two continents"]}""";

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(System.getProperty("atlas.it.kafka-image",
            "apache/kafka:4.2.1"));

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(System.getProperty("atlas.it.postgres-image",
            "postgres:18-alpine")).withDatabaseName(PlatformConfig.DATABASE);

    @Container
    static final GenericContainer<?> REDIS = new GenericContainer<>(System.getProperty("atlas.it.redis-image",
            "redis:7.4-alpine")).withExposedPorts(6379);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final String adminPassword = "Adm1n-" + UUID.randomUUID();
    private PlatformConfig config;
    private String seller;
    private String buyer;
    private String admin;
    private String listingId;
    private String approvedToken;

    @BeforeAll
    void startServices() throws IOException {
        Path data = Files.createTempDirectory("atlas-containers");
        config = PlatformConfig.onFreePorts(Path.of("..").toAbsolutePath().normalize(), data, "127.0.0.1/32");
        for (ServiceSpec spec : specs(data)) {
            services.add(ServiceProcess.start(spec, config));
        }
        CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(() -> service.awaitHealthy(config.readyTimeout())))
                .toArray(CompletableFuture[]::new)).join();
    }

    @AfterAll
    void stopServices() {
        services.forEach(service -> service.stop(Duration.ofSeconds(25)));
    }

    @Test
    @Order(1)
    void every_service_is_up_behind_the_gateway_and_documents_its_api() {
        HttpResponse<String> health = send("GET", "/health/all", null, null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        for (ServiceProcess service : services) {
            assertThat(json.readTree(health.body()).path("services").path(service.name()).path("status").asString())
                    .as(service.name()).isEqualTo("UP");
        }
        for (String documented : List.of("auth", "listings", "projections", "valuation", "matching", "notifications")) {
            HttpResponse<String> docs = send("GET", "/v3/api-docs/" + documented, null, null);
            assertThat(docs.statusCode()).as(documented).isEqualTo(200);
            assertThat(json.readTree(docs.body()).path("openapi").asString()).startsWith("3.1");
        }
    }

    @Test
    @Order(2)
    void users_register_and_sign_in() {
        seller = signUp("SELLER");
        buyer = signUp("BUYER");
        admin = login(PlatformConfig.ADMIN_EMAIL, adminPassword);
    }

    @Test
    @Order(3)
    void a_listing_is_drafted_submitted_approved_and_found_by_a_buyer() {
        HttpResponse<String> profile = send("POST", "/api/matchmaking/profiles", """
                {"name":"Pumps in the south","criteria":{"sectors":["28"],"states":["Tamil Nadu"],
                 "budgetMin":"20000000","budgetMax":"60000000","dealTypes":["FULL_SALE"],"buyerType":"STRATEGIC"},
                 "contact":{"name":"Ravi Menon","email":"ravi@example.in","phone":"+91 98000 00002"}}""", buyer);
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(201);

        String title = "Pump works " + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "/api/msme/listings", DRAFT.formatted(title), seller);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        listingId = json.readTree(created.body()).path("id").asString();
        HttpResponse<String> submitted = send("POST", "/api/msme/listings/" + listingId + "/submit", null, seller);
        assertThat(json.readTree(submitted.body()).path("status").asString()).isEqualTo("SUBMITTED");
        HttpResponse<String> approved = send("POST", "/api/msme/listings/" + listingId + "/approve", null, admin);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json.readTree(approved.body()).path("status").asString()).isEqualTo("PUBLISHED");
        approvedToken = approved.headers().firstValue(TOKEN).orElseThrow();

        HttpResponse<String> found = send("GET", "/api/msme/listings?state=Tamil%20Nadu&q=pump&limit=100",
                null, buyer, Map.of(TOKEN, approvedToken));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(json.readTree(found.body()).path("items").findValuesAsString("id")).contains(listingId);
    }

    @Test
    @Order(4)
    void the_listing_is_valued_and_matched_to_the_buyer() {
        JsonNode valuation = await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> view = send("GET", "/api/msme/listings/" + listingId, null, seller);
            return view.statusCode() == 200 ? json.readTree(view.body()).path("valuation") : null;
        }, node -> node != null && node.isObject());
        assertThat(valuation.path("status").asString()).isEqualTo("VALUED");
        assertThat(new BigDecimal(valuation.path("low").asString()))
                .isLessThanOrEqualTo(new BigDecimal(valuation.path("high").asString()));

        JsonNode match = await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> mine = send("GET", "/api/matchmaking/matches/mine", null, buyer);
            if (mine.statusCode() != 200) {
                return null;
            }
            for (JsonNode item : json.readTree(mine.body()).path("items")) {
                if (listingId.equals(item.path("listingId").asString())) {
                    return item;
                }
            }
            return null;
        }, item -> item != null);
        assertThat(match.path("reasons").toString()).contains("sector");
    }

    @Test
    @Order(5)
    void the_listings_events_are_on_the_kafka_topic_once_in_order_and_valid() {
        EventSchemaValidator validator = new EventSchemaValidator();
        Map<String, Object> settings = new HashMap<>(Topics.SUBSCRIBER_CONFIG);
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "containers-it-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<EventEnvelope> envelopes = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.LISTING_EVENTS));
            await().atMost(EVENTUAL).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (listingId.equals(record.key())) {
                        EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
                        assertThat(validator.violations(EventContracts.forCeType(envelope.type()).orElseThrow(),
                                record.value())).as(envelope.type()).isEmpty();
                        envelopes.add(envelope);
                    }
                }
                return envelopes.size() >= 3;
            });
        }
        assertThat(envelopes).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 2L);
        assertThat(envelopes).extracting(EventEnvelope::type).containsExactly("io.msmeatlas.listing.ListingDrafted",
                "io.msmeatlas.listing.ListingSubmitted", "io.msmeatlas.listing.ListingPublished");
        assertThat(envelopes).extracting(EventEnvelope::subject).containsOnly(listingId);
    }

    /** What run-local gives each service, with the containers' addresses instead of the embedded servers'. */
    private List<ServiceSpec> specs(Path data) {
        String kafka = KAFKA.getBootstrapServers();
        String redis = "redis://" + REDIS.getHost() + ":" + REDIS.getMappedPort(6379);
        Map<String, String> database = Map.of("DATABASE_URL", POSTGRES.getJdbcUrl(),
                "DATABASE_USER", POSTGRES.getUsername(), "DATABASE_PASSWORD", POSTGRES.getPassword());
        return List.of(
                new ServiceSpec("auth", "auth", config.authPort(), with(database, "KAFKA_BOOTSTRAP_SERVERS", kafka,
                        "REDIS_URL", redis, "AUTH_BOOTSTRAP_ADMIN_EMAIL", PlatformConfig.ADMIN_EMAIL,
                        "AUTH_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)),
                new ServiceSpec("listings", "listings", config.listingsPort(),
                        with(database, "KAFKA_BOOTSTRAP_SERVERS", kafka)),
                new ServiceSpec("projections", "projections", config.projectionsPort(), Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", kafka,
                        "PROJECTIONS_STATE_DIR", data.resolve("projections").toString())),
                new ServiceSpec("valuation", "valuation", config.valuationPort(),
                        with(database, "KAFKA_BOOTSTRAP_SERVERS", kafka)),
                new ServiceSpec("matching", "matching", config.matchingPort(),
                        with(database, "KAFKA_BOOTSTRAP_SERVERS", kafka)),
                new ServiceSpec("notifications", "notifications", config.notificationsPort(), with(database,
                        "KAFKA_BOOTSTRAP_SERVERS", kafka, "REDIS_URL", redis,
                        "PUBLIC_URL", "http://localhost:" + config.gatewayPort())),
                new ServiceSpec("command-gateway", "command-gateway", config.gatewayPort(), Map.of(
                        "AUTH_URL", "http://localhost:" + config.authPort(),
                        "LISTINGS_URL", "http://localhost:" + config.listingsPort(),
                        "PROJECTIONS_URL", "http://localhost:" + config.projectionsPort(),
                        "VALUATION_URL", "http://localhost:" + config.valuationPort(),
                        "MATCHING_URL", "http://localhost:" + config.matchingPort(),
                        "NOTIFICATIONS_URL", "http://localhost:" + config.notificationsPort(),
                        "REDIS_URL", redis,
                        "RATE_LIMIT_EXEMPT_CIDRS", "127.0.0.1/32")));
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> environment = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private String signUp(String role) {
        String email = "containers-" + role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "@example.in";
        HttpResponse<String> registered = send("POST", "/api/auth/register", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"It " + role + "\",\"role\":\"" + role + "\"}",
                null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return login(email, PASSWORD);
    }

    private String login(String email, String password) {
        HttpResponse<String> login = send("POST", "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json.readTree(login.body()).path("accessToken").asString();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        return send(method, path, body, token, Map.of());
    }

    private HttpResponse<String> send(String method, String path, String body, String token,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + config.gatewayPort()
                        + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
