package io.msmeatlas.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform as run-local starts it (real jars, one JVM per service, embedded Kafka, PostgreSQL
 * and Redis), driven only through the gateway with real sign-up and tokens, as a client would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndIT {

    private static final Duration EVENTUAL = Duration.ofSeconds(90);
    private static final String PASSWORD = "Correct-horse-42-battery";
    private static final String DRAFT = """
            {"title":"%s","legalName":"Shree Precision Components Pvt Ltd",
             "contact":{"name":"Anil Kulkarni","email":"anil@example.in","phone":"+919800000001"},
             "sectorCode":"25","state":"Maharashtra","city":"Pune","yearEstablished":2009,"employees":42,
             "legalStructure":"PRIVATE_LIMITED","plantAndMachineryInvestment":"32000000.00",
             "financials":[{"fiscalYear":2025,"revenue":"84000000.00","ebitda":"9500000.00"},
                           {"fiscalYear":2024,"revenue":"79000000.00","ebitda":"8100000.00"}],
             "askingPrice":"65000000.00","currency":"INR","dealType":"FULL_SALE","reasonForSale":"Founder retiring",
             "highlights":["Supplies two auto OEMs","ISO 9001"],"description":"Precision machining for auto OEMs."}""";
    private static final String TOKEN = "X-Consistency-Token";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private Platform platform;
    private String seller;
    private String buyer;

    @BeforeAll
    void signUp() {
        platform = SharedPlatform.get();
        seller = signUp("SELLER");
        buyer = signUp("BUYER");
    }

    @Test
    @Order(1)
    void health_all_lists_every_running_service() {
        HttpResponse<String> response = send("GET", "/health/all", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode services = json.readTree(response.body()).get("services");
        for (String service : List.of("command-gateway", "auth", "listings", "projections", "valuation", "matching",
                "notifications")) {
            assertThat(services.get(service).get("status").asString()).as(service).isEqualTo("UP");
        }
        assertThat(send("GET", "/direct/listings/health", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/health", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void without_a_valid_token_only_sign_in_and_health_are_reachable() {
        assertThat(send("POST", "/api/msme/listings", DRAFT.formatted("no token"), null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/msme/listings", null, "not.a.jwt").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/msme/listings", DRAFT.formatted("by a buyer"), buyer).statusCode())
                .isEqualTo(403);
        String adminLogin = "{\"email\":\"" + PlatformConfig.ADMIN_EMAIL + "\",\"password\":\""
                + platform.adminPassword() + "\"}";
        assertThat(send("POST", "/api/auth/login", adminLogin, null).statusCode()).isEqualTo(200);
    }

    /**
     * The marketplace's main flow, through the gateway, with no polling: each read presents the
     * consistency token of the command before it, so it sees that command's effect.
     */
    @Test
    @Order(3)
    void a_listing_goes_from_draft_through_moderation_to_buyers_and_leaves_search_when_sold() {
        String admin = login(PlatformConfig.ADMIN_EMAIL, platform.adminPassword());
        String title = "CNC job shop " + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "/api/msme/listings", DRAFT.formatted(title), seller);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/msme/listings/" + id);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");

        HttpResponse<String> submitted = send("POST", "/api/msme/listings/" + id + "/publish", null, seller);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(json.readTree(submitted.body()).get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(read("/api/msme/listings/" + id, buyer, token(submitted)).statusCode())
                .as("not visible to buyers before approval").isEqualTo(404);
        HttpResponse<String> queue = read("/api/msme/moderation/queue?limit=100", admin, token(submitted));
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        assertThat(json.readTree(queue.body()).get("items").findValuesAsString("id")).contains(id);

        HttpResponse<String> approved = send("POST", "/api/msme/listings/" + id + "/approve", null, admin);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        String search = "/api/msme/listings?sector=C&state=Maharashtra&city=pune&classification=SMALL"
                + "&minPrice=60000000&maxPrice=70000000&minRevenue=80000000&dealType=FULL_SALE&q=cnc&limit=100";
        HttpResponse<String> found = read(search, buyer, token(approved));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.headers().firstValue("X-Consistency")).isNotEqualTo(java.util.Optional.of("stale"));
        JsonNode hit = itemWithId(found, id);
        assertThat(hit).as("the approved listing in a filtered buyer search").isNotNull();
        assertThat(hit.get("title").asString()).isEqualTo(title);
        assertThat(hit.has("legalName")).as("confidential fields are hidden from buyers").isFalse();
        assertThat(hit.has("contact")).isFalse();
        HttpResponse<String> asOwner = read("/api/msme/listings/" + id, seller, token(approved));
        assertThat(json.readTree(asOwner.body()).get("legalName").asString())
                .isEqualTo("Shree Precision Components Pvt Ltd");

        HttpResponse<String> stale = send("PATCH", "/api/msme/listings/" + id, "{\"askingPrice\":\"64000000\"}",
                seller, Map.of("If-Match", "\"1\""));
        assertThat(stale.statusCode()).as("a lost update is refused").isEqualTo(412);

        HttpResponse<String> underOffer = send("POST", "/api/msme/listings/" + id + "/under-offer", null, seller);
        assertThat(underOffer.statusCode()).as(underOffer.body()).isEqualTo(200);
        JsonNode offered = itemWithId(read(search, buyer, token(underOffer)), id);
        assertThat(offered.get("status").asString()).isEqualTo("UNDER_OFFER");

        HttpResponse<String> sold = send("POST", "/api/msme/listings/" + id + "/sold", null, seller);
        assertThat(sold.statusCode()).as(sold.body()).isEqualTo(200);
        assertThat(itemWithId(read(search, buyer, token(sold)), id)).as("a sold listing leaves buyer search").isNull();
        assertThat(send("GET", "/api/msme/listings/" + UUID.randomUUID(), null, buyer).statusCode()).isEqualTo(404);
    }

    /**
     * Each role against each endpoint, through the gateway. Rows run in order: state-changing rows
     * for other roles come before the one that is allowed.
     */
    @Test
    @Order(4)
    void authorization_matrix_through_the_gateway() {
        String otherSeller = signUp("SELLER");
        String admin = login(PlatformConfig.ADMIN_EMAIL, platform.adminPassword());
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("anonymous", null);
        tokens.put("buyer", buyer);
        tokens.put("seller", seller);
        tokens.put("other seller", otherSeller);
        tokens.put("admin", admin);

        String draft = createdId(send("POST", "/api/msme/listings", DRAFT.formatted("stays a draft"), seller));
        String toPublish = createdId(send("POST", "/api/msme/listings", DRAFT.formatted("to publish"), seller));
        String toApprove = createdId(send("POST", "/api/msme/listings", DRAFT.formatted("to approve"), seller));
        String published = createdId(send("POST", "/api/msme/listings", DRAFT.formatted("published"), seller));
        send("POST", "/api/msme/listings/" + toApprove + "/publish", null, seller);
        send("POST", "/api/msme/listings/" + published + "/publish", null, seller);
        send("POST", "/api/msme/listings/" + published + "/approve", null, admin);
        awaitView(draft, v -> true, seller);
        awaitView(published, v -> "PUBLISHED".equals(v.get("status").asString()), seller);

        String newListing = DRAFT.formatted("new");
        String patch = "{\"askingPrice\":\"64000000\"}";
        List<Object[]> rows = List.of(
                row("draft a listing", "POST", "/api/msme/listings", newListing, 401, 403, 201, 201, 403),
                row("update own draft", "PATCH", "/api/msme/listings/" + draft, patch, 401, 403, 200, 403, 403),
                row("withdraw a listing", "POST", "/api/msme/listings/" + published + "/withdraw", null,
                        401, 403, null, 403, 200),
                row("publish", "POST", "/api/msme/listings/" + toPublish + "/publish", null, 401, 403, null, 403, 403),
                row("publish (owner last)", "POST", "/api/msme/listings/" + toPublish + "/publish", null,
                        null, null, 200, null, null),
                row("approve", "POST", "/api/msme/listings/" + toApprove + "/approve", null, 401, 403, 403, 403, 200),
                row("moderation queue", "GET", "/api/msme/moderation/queue", null, 401, 403, 403, 403, 200),
                row("own listings", "GET", "/api/msme/listings/mine", null, 401, 403, 200, 200, 403),
                row("read a draft", "GET", "/api/msme/listings/" + draft, null, 401, 404, 200, 404, 200),
                row("search listings", "GET", "/api/msme/listings?limit=5", null, 401, 200, 200, 200, 200),
                row("who am I", "GET", "/api/auth/me", null, 401, 200, 200, 200, 200),
                row("rotate signing keys", "POST", "/api/auth/keys/rotate", null, 401, 403, 403, 403, 200));

        List<String> mismatches = new ArrayList<>();
        for (Object[] row : rows) {
            int column = 0;
            for (Map.Entry<String, String> who : tokens.entrySet()) {
                Integer expected = (Integer) row[4 + column++];
                if (expected == null) {
                    continue;
                }
                int actual = send((String) row[1], (String) row[2], (String) row[3], who.getValue()).statusCode();
                if (actual != expected) {
                    mismatches.add(row[0] + " as " + who.getKey() + ": expected " + expected + ", got " + actual);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    @Order(5)
    void events_accepted_while_the_broker_is_down_reach_the_read_model_exactly_once_and_in_order() {
        String id;
        platform.kafka().stop();
        try {
            HttpResponse<String> created = send("POST", "/api/msme/listings", DRAFT.formatted("t0"), seller);
            assertThat(created.statusCode()).isEqualTo(201);
            id = json.readTree(created.body()).get("id").asString();
            for (int i = 1; i <= 3; i++) {
                assertThat(send("PATCH", "/api/msme/listings/" + id, "{\"title\":\"t" + i + "\"}", seller).statusCode())
                        .isEqualTo(200);
            }
            assertThat(send("POST", "/api/msme/listings/" + id + "/publish", null, seller).statusCode()).isEqualTo(200);
        } finally {
            platform.kafka().start();
        }

        JsonNode view = awaitView(id, v -> v.get("version").asLong() == 5, seller);
        assertThat(view.get("title").asString()).isEqualTo("t3");
        assertThat(view.get("status").asString()).isEqualTo("SUBMITTED");

        Map<String, Long> firstSequenceByEventId = new LinkedHashMap<>();
        recordsFor(id).forEach(r -> firstSequenceByEventId.putIfAbsent(EventEnvelope.readFrom(r.headers()).id(),
                EventEnvelope.readFrom(r.headers()).sequence()));
        assertThat(firstSequenceByEventId.values()).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    @Order(6)
    void health_all_is_503_and_names_a_service_that_is_down() {
        platform.service("projections").stop(Duration.ofSeconds(20));
        try {
            HttpResponse<String> response = send("GET", "/health/all", null, null);

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode services = json.readTree(response.body()).get("services");
            assertThat(services.get("projections").get("status").asString()).isNotEqualTo("UP");
            assertThat(services.get("listings").get("status").asString()).isEqualTo("UP");
        } finally {
            platform.restart("projections");
        }
        assertThat(send("GET", "/health/all", null, null).statusCode()).as("all up again").isEqualTo(200);
    }

    private static Object[] row(String what, String method, String path, String body, Integer anonymous,
            Integer buyer, Integer seller, Integer otherSeller, Integer admin) {
        return new Object[] {what, method, path, body, anonymous, buyer, seller, otherSeller, admin};
    }

    private String createdId(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    private String login(String email, String password) {
        HttpResponse<String> login = send("POST", "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json.readTree(login.body()).get("accessToken").asString();
    }

    /** Registers a new user with the role through the gateway and returns an access token. */
    private String signUp(String role) {
        String email = role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "@example.in";
        String registration = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"displayName\":\"E2E " + role + "\",\"role\":\"" + role + "\"}";
        HttpResponse<String> registered = send("POST", "/api/auth/register", registration, null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> login = send("POST", "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json.readTree(login.body()).get("accessToken").asString();
    }

    private JsonNode awaitView(String id, Predicate<JsonNode> ready, String token) {
        return await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = send("GET", "/api/msme/listings/" + id, null, token);
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        }, view -> view != null && ready.test(view));
    }

    private List<ConsumerRecord<String, byte[]>> recordsFor(String id) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", platform.kafka().bootstrapServers(),
                "group.id", "e2e-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.LISTING_EVENTS));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(EVENTUAL).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        records.add(r);
                    }
                });
                return records.stream().map(r -> EventEnvelope.readFrom(r.headers()).id()).distinct().count() >= 5;
            });
            return records;
        }
    }

    private static String token(HttpResponse<String> commandResponse) {
        return commandResponse.headers().firstValue(TOKEN)
                .orElseThrow(() -> new AssertionError("no " + TOKEN + " on " + commandResponse.uri()));
    }

    private HttpResponse<String> read(String path, String accessToken, String consistencyToken) {
        return send("GET", path, null, accessToken, Map.of(TOKEN, consistencyToken));
    }

    private JsonNode itemWithId(HttpResponse<String> page, String id) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        for (JsonNode item : json.readTree(page.body()).get("items")) {
            if (id.equals(item.get("id").asString())) {
                return item;
            }
        }
        return null;
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        return send(method, path, body, token, Map.of());
    }

    private HttpResponse<String> send(String method, String path, String body, String token,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
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
