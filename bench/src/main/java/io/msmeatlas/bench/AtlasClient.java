package io.msmeatlas.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform's HTTP API as a client uses it, on java.net.http; every answer's status is checked. */
final class AtlasClient {

    static final String PASSWORD = "Bench-load-2026-gen";
    static final String DRAFT = """
            {"title":"Bench listing %s","legalName":"Bench Precision Pvt Ltd",\
            "contact":{"name":"Bench Seller","email":"seller@bench.example"},"sectorCode":"25",\
            "state":"Maharashtra","city":"Pune","yearEstablished":2009,"employees":42,\
            "legalStructure":"PRIVATE_LIMITED","plantAndMachineryInvestment":"32000000.00",\
            "financials":[{"fiscalYear":2025,"revenue":"84000000.00","ebitda":"9500000.00"}],\
            "askingPrice":"65000000.00","currency":"INR","dealType":"FULL_SALE",\
            "highlights":["Supplies two auto OEMs"],"description":"Precision machining for auto OEMs; benchmark listing."}""";
    // Tokens live 15 minutes; log in again well before, so long runs never send an expired one.
    private static final Duration TOKEN_AGE = Duration.ofMinutes(10);

    record Created(String id, long version, String consistencyToken) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String gatewayUrl;
    private String email;
    private String userId;
    private String token;
    private long tokenAt;

    AtlasClient(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    /** Registers a new SELLER and signs in. */
    void signUpSeller() throws Exception {
        email = "bench-" + UUID.randomUUID() + "@example.in";
        HttpResponse<String> registered = send(post(gatewayUrl + "/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                        + "\",\"displayName\":\"Bench seller\",\"role\":\"SELLER\"}"));
        expect(registered, 201);
        userId = json.readTree(registered.body()).get("id").asString();
        login();
    }

    String userId() {
        return userId;
    }

    synchronized String token() throws Exception {
        if (System.nanoTime() - tokenAt > TOKEN_AGE.toNanos()) {
            login();
        }
        return token;
    }

    private void login() throws Exception {
        HttpResponse<String> answer = send(post(gatewayUrl + "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
        expect(answer, 200);
        token = json.readTree(answer.body()).get("accessToken").asString();
        tokenAt = System.nanoTime();
    }

    /** POST /api/msme/listings through the gateway: 201 with {id, version}, or a Failure. */
    Created createListing() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/msme/listings"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DRAFT.formatted(UUID.randomUUID())))
                .build();
        HttpResponse<String> answer = send(request);
        expect(answer, 201);
        JsonNode body = json.readTree(answer.body());
        return new Created(body.get("id").asString(), body.get("version").asLong(),
                answer.headers().firstValue("X-Consistency-Token").orElse(null));
    }

    /** GET a listing through the gateway with the token; the view's version, or -1 on 404 (not projected yet). */
    long listingVersionViaGateway(String id) throws Exception {
        return listingVersion(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/msme/listings/" + id))
                .header("Authorization", "Bearer " + token()), true);
    }

    /**
     * GET a listing through the gateway presenting the command's consistency token: the read model
     * answers once it has processed the command. A stale answer (the wait's bound passed) is a failure.
     */
    long listingVersionAfter(Created created) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(
                        URI.create(gatewayUrl + "/api/msme/listings/" + created.id()))
                .header("Authorization", "Bearer " + token())
                .header("X-Consistency-Token", created.consistencyToken())
                .timeout(Duration.ofSeconds(30)).GET().build());
        expect(answer, 200);
        if (answer.headers().firstValue("X-Consistency").filter("stale"::equals).isPresent()) {
            throw new Load.Failure("stale answer despite the consistency token");
        }
        return json.readTree(answer.body()).get("version").asLong();
    }

    /** GET a listing straight from projections, with the identity headers the gateway would set. */
    long listingVersionDirect(String projectionsUrl, String id) throws Exception {
        return listingVersion(HttpRequest.newBuilder(URI.create(projectionsUrl + "/api/msme/listings/" + id))
                .header("X-User-Id", userId)
                .header("X-User-Roles", "SELLER"), true);
    }

    /** GET that must answer 200 (for the read benchmark, where every id exists). */
    void getListing(String baseUrl, String id, boolean direct) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/msme/listings/" + id));
        if (direct) {
            request.header("X-User-Id", userId).header("X-User-Roles", "SELLER");
        } else {
            request.header("Authorization", "Bearer " + token());
        }
        listingVersion(request, false);
    }

    private long listingVersion(HttpRequest.Builder request, boolean notFoundAllowed) throws Exception {
        HttpResponse<String> answer = send(request.timeout(Duration.ofSeconds(30)).GET().build());
        if (notFoundAllowed && answer.statusCode() == 404) {
            return -1;
        }
        expect(answer, 200);
        return json.readTree(answer.body()).get("version").asLong();
    }

    /** A plain GET; returns the status (for health checks). */
    int status(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build()).statusCode();
    }

    String getText(String url) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build());
        expect(answer, 200);
        return answer.body();
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> answer, int status) throws Load.Failure {
        if (answer.statusCode() != status) {
            throw new Load.Failure("HTTP " + answer.statusCode() + " (expected " + status + ") "
                    + answer.request().method() + " " + answer.uri().getPath().replaceAll("/[0-9a-f-]{36}", "/{id}"));
        }
    }
}
