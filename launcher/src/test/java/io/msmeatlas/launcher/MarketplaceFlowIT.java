package io.msmeatlas.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Valuation, matchmaking and notifications end to end, through the gateway only: a listing is valued
 * and its view shows the range; a buyer with matching criteria, listening on the notification stream,
 * hears of the listing within seconds of its approval, expresses interest, and once the seller
 * accepts sees the confidential details and the seller's contact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketplaceFlowIT {

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

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private Platform platform;
    private String seller;
    private String buyer;
    private String admin;

    @BeforeAll
    void signUp() {
        platform = SharedPlatform.get();
        seller = signUp("SELLER");
        buyer = signUp("BUYER");
        admin = login(PlatformConfig.ADMIN_EMAIL, platform.adminPassword());
    }

    @Test
    void a_new_listing_is_valued_and_its_view_shows_the_range() {
        String id = created(send("POST", "/api/msme/listings", DRAFT.formatted("Pump works " + suffix()), seller));

        JsonNode valuation = await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> view = send("GET", "/api/msme/listings/" + id, null, seller);
            return view.statusCode() == 200 ? json.readTree(view.body()).get("valuation") : null;
        }, node -> node != null && !node.isNull());

        assertThat(valuation.get("status").asString()).isEqualTo("VALUED");
        assertThat(valuation.get("method").asString()).matches("xgboost:.+|rules:.+");
        assertThat(decimal(valuation, "low")).isLessThanOrEqualTo(decimal(valuation, "mid"));
        assertThat(decimal(valuation, "mid")).isLessThanOrEqualTo(decimal(valuation, "high"));
        HttpResponse<String> latest = send("GET", "/api/valuation/listings/" + id, null, seller);
        assertThat(latest.statusCode()).as(latest.body()).isEqualTo(200);
        assertThat(latest.body()).contains(valuation.get("mid").asString());
    }

    @Test
    void a_buyer_hears_of_a_matching_listing_live_and_the_accepted_interest_reveals_the_seller() throws Exception {
        HttpResponse<String> profile = send("POST", "/api/matchmaking/profiles", """
                {"name":"Pumps in the south","criteria":{"sectors":["28"],"states":["Tamil Nadu","Kerala"],
                 "budgetMin":"20000000","budgetMax":"60000000","dealTypes":["FULL_SALE"],"buyerType":"STRATEGIC"},
                 "contact":{"name":"Ravi Menon","email":"ravi@example.in","phone":"+91 98000 00002"}}""", buyer);
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(201);
        List<String> stream = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> listening = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(platform.gatewayUrl() + "/api/notification/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + buyer).build(),
                HttpResponse.BodyHandlers.ofLines());
        listening.thenAccept(response -> response.body().forEach(stream::add));
        await().atMost(EVENTUAL).until(listening::isDone);
        assertThat(listening.get().statusCode()).isEqualTo(200);

        String listing = created(send("POST", "/api/msme/listings", DRAFT.formatted("Pump works " + suffix()), seller));
        assertThat(send("POST", "/api/msme/listings/" + listing + "/submit", null, seller).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/msme/listings/" + listing + "/approve", null, admin).statusCode()).isEqualTo(200);

        await().atMost(EVENTUAL).untilAsserted(() -> assertThat(stream).as("the buyer's notification stream")
                .anySatisfy(line -> assertThat(line).startsWith("data:").contains("MATCH_FOUND").contains(listing)));
        JsonNode match = await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(500)).until(
                () -> matchOf(send("GET", "/api/matchmaking/matches/mine", null, buyer), listing), m -> m != null);
        String matchId = match.get("matchId").asString();
        assertThat(match.get("reasons").toString()).contains("sector");
        assertThat(match.has("revealed") && !match.get("revealed").isNull()).as("nothing revealed yet").isFalse();

        HttpResponse<String> interest = send("POST", "/api/matchmaking/matches/" + matchId + "/interest",
                "{\"message\":\"We make impellers; keen to talk.\"}", buyer);
        assertThat(interest.statusCode()).as(interest.body()).isEqualTo(200);
        HttpResponse<String> received = send("GET", "/api/matchmaking/interests/received", null, seller,
                Map.of(TOKEN, token(interest)));
        assertThat(matchOf(received, listing)).as("the seller sees the interest").isNotNull();

        HttpResponse<String> accepted = send("POST", "/api/matchmaking/matches/" + matchId + "/accept", null, seller);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        HttpResponse<String> revealed = send("GET", "/api/matchmaking/matches/" + matchId, null, buyer,
                Map.of(TOKEN, token(accepted)));
        assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
        JsonNode contacts = json.readTree(revealed.body()).get("revealed");
        assertThat(contacts.get("legalName").asString()).isEqualTo("Kovai Pumps Pvt Ltd");
        assertThat(contacts.get("sellerContact").get("email").asString()).isEqualTo("senthil@example.in");
        await().atMost(EVENTUAL).untilAsserted(() -> assertThat(send("GET", "/api/notification/inbox", null, buyer).body())
                .contains("INTEREST_ACCEPTED"));
        assertThat(send("GET", "/api/notification/inbox", null, seller).body()).contains("INTEREST_RECEIVED");
        listening.get().body().close();
    }

    private JsonNode matchOf(HttpResponse<String> page, String listingId) {
        if (page.statusCode() != 200) {
            return null;
        }
        for (JsonNode item : json.readTree(page.body()).get("items")) {
            if (listingId.equals(item.get("listingId").asString())) {
                return item;
            }
        }
        return null;
    }

    private static java.math.BigDecimal decimal(JsonNode node, String field) {
        return new java.math.BigDecimal(node.get(field).asString());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String created(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    private static String token(HttpResponse<String> command) {
        return command.headers().firstValue(TOKEN).orElseThrow(() -> new AssertionError("no " + TOKEN));
    }

    private String signUp(String role) {
        String email = "flow-" + role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "@example.in";
        HttpResponse<String> registered = send("POST", "/api/auth/register", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Flow " + role + "\",\"role\":\"" + role + "\"}",
                null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return login(email, PASSWORD);
    }

    private String login(String email, String password) {
        HttpResponse<String> login = send("POST", "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json.readTree(login.body()).get("accessToken").asString();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        return send(method, path, body, token, Map.of());
    }

    private HttpResponse<String> send(String method, String path, String body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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
