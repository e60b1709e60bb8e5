package io.msmeatlas.valuation.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.schemas.listing.ListingWithdrawn;
import io.msmeatlas.valuation.ListingSamples;
import io.msmeatlas.valuation.ValuationServiceTestSupport;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Reading valuations and overriding them over HTTP: who sees what, and the problems for everything else. */
class ValuationApiServiceTest extends ValuationServiceTestSupport {

    private static final String LISTINGS = "/api/valuation/listings/";

    private RestClient seller;
    private RestClient otherSeller;
    private RestClient buyer;
    private RestClient admin;

    @BeforeEach
    void clients() {
        seller = as(SELLER, "SELLER");
        otherSeller = as("seller-2", "SELLER");
        buyer = as("buyer-1", "BUYER");
        admin = as("admin-1", "ADMIN");
    }

    /** A drafted (unpublished) listing, valued. */
    private String valuedDraft() {
        String id = newListingId();
        publish(drafted(id, ListingSamples.DETAILS), 0);
        awaitValuations(id, 1);
        return id;
    }

    private ResponseEntity<String> awaitStatus(RestClient client, String path, int status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> get(client, path),
                r -> r.getStatusCode().value() == status);
    }

    @Test
    void the_seller_and_admins_see_the_latest_valuation_with_its_reasons() {
        String id = valuedDraft();

        ResponseEntity<String> response = get(seller, LISTINGS + id);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode valuation = body(response);
        assertThat(valuation.get("status").asString()).isEqualTo("VALUED");
        assertThat(valuation.get("listingVersion").asLong()).isEqualTo(1);
        assertThat(valuation.get("method").asString()).startsWith("xgboost:");
        assertThat(valuation.get("mid").isString()).isTrue();
        assertThat(valuation.get("reasons").size()).isPositive();
        assertThat(valuation.has("failureCode")).isFalse();
        assertThat(get(admin, LISTINGS + id).getStatusCode().value()).isEqualTo(200);
        assertThat(body(get(seller, LISTINGS + id + "/history")).size()).isEqualTo(1);
    }

    @Test
    void others_get_404_for_an_unpublished_listing_as_if_it_did_not_exist() {
        String id = valuedDraft();

        for (RestClient other : new RestClient[] {buyer, otherSeller}) {
            ResponseEntity<String> latest = get(other, LISTINGS + id);
            assertThat(latest.getStatusCode().value()).isEqualTo(404);
            assertThat(latest.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(get(other, LISTINGS + id + "/history").getStatusCode().value()).isEqualTo(404);
        }
    }

    @Test
    void buyers_see_only_the_latest_range_of_a_published_listing_and_not_its_history() {
        String id = publishedListing();
        awaitValuations(id, 1);

        ResponseEntity<String> response = awaitStatus(buyer, LISTINGS + id, 200);

        JsonNode valuation = body(response);
        assertThat(valuation.get("low").asString()).isNotBlank();
        assertThat(valuation.get("high").asString()).isNotBlank();
        assertThat(valuation.has("reasons")).isFalse();
        assertThat(valuation.has("inputsHash")).isFalse();
        assertThat(get(buyer, LISTINGS + id + "/history").getStatusCode().value()).isEqualTo(403);

        publish(new ListingWithdrawn(id, null), 3);
        awaitStatus(buyer, LISTINGS + id, 404);
        assertThat(get(seller, LISTINGS + id).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void without_the_gateways_identity_a_read_is_401_and_an_unknown_listing_404() {
        RestClient anonymous = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
        assertThat(get(anonymous, LISTINGS + newListingId()).getStatusCode().value()).isEqualTo(401);
        assertThat(get(admin, LISTINGS + newListingId()).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void an_admin_overrides_a_valuation_which_then_shows_as_manual_and_is_published() {
        String id = valuedDraft();

        ResponseEntity<String> response = post(admin, LISTINGS + id + "/override",
                "{\"value\":\"50000000.00\",\"note\":\"Independent valuer's report\"}");

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode manual = body(response);
        assertThat(manual.get("status").asString()).isEqualTo("MANUAL");
        assertThat(manual.get("method").asString()).isEqualTo("MANUAL");
        assertThat(manual.get("mid").asString()).isEqualTo("50000000.00");
        assertThat(manual.get("note").asString()).isEqualTo("Independent valuer's report");
        assertThat(manual.get("overriddenBy").asString()).isEqualTo("admin-1");
        assertThat(body(get(seller, LISTINGS + id)).get("status").asString()).isEqualTo("MANUAL");
        assertThat(body(get(seller, LISTINGS + id + "/history")).size()).isEqualTo(2);

        ConsumerRecord<String, byte[]> overridden = awaitValuations(id, 2).get(1);
        assertValidAgainstSchema(overridden);
        assertThat(type(overridden)).isEqualTo("ValuationOverridden");
    }

    @Test
    void only_admins_override_and_an_invalid_override_is_a_422_naming_the_fields() {
        String id = valuedDraft();

        assertThat(post(seller, LISTINGS + id + "/override", "{\"value\":\"1\",\"note\":\"mine\"}")
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> invalid = post(admin, LISTINGS + id + "/override", "{\"value\":\"-5.001\",\"note\":\" \"}");
        assertThat(invalid.getStatusCode().value()).isEqualTo(422);
        assertThat(body(invalid).get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("value", "value", "note");
        assertThat(post(admin, LISTINGS + id + "/override", "{\"value\":\"abc\",\"note\":\"x\"}")
                .getStatusCode().value()).isEqualTo(422);
        assertThat(post(admin, LISTINGS + id + "/override", "{\"value\":\"1\",\"note\":\"x\",\"extra\":1}")
                .getStatusCode().value()).isEqualTo(400);
        assertThat(post(admin, LISTINGS + newListingId() + "/override", "{\"value\":\"1\",\"note\":\"x\"}")
                .getStatusCode().value()).isEqualTo(404);
        assertThat(body(get(seller, LISTINGS + id)).get("status").asString()).isEqualTo("VALUED");
    }
}
