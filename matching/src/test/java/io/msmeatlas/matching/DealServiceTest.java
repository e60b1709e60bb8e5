package io.msmeatlas.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.matching.deal.MatchIds;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The deal flow over HTTP on a match the worker proposed: interest, the seller's answer, contacts revealed. */
class DealServiceTest extends MatchingServiceTestSupport {

    private String buyerId;
    private String sellerId;
    private String matchId;
    private RestClient buyer;
    private RestClient seller;

    @BeforeEach
    void aProposedMatch() {
        String city = uniqueCity();
        buyerId = "buyer-" + UUID.randomUUID();
        sellerId = "seller-" + UUID.randomUUID();
        String profileId = createProfile(buyerId, profile("Deal " + city, "25", city));
        String listingId = publishListing(sellerId, city);
        matchId = MatchIds.of(profileId, listingId);
        awaitMatchEvents(matchId, types -> types.contains("MatchProposed"));
        buyer = as(buyerId, "BUYER");
        seller = as(sellerId, "SELLER");
    }

    @Test
    void interest_then_accept_reveals_the_confidential_details_and_both_contacts() {
        ResponseEntity<String> interest = post(buyer, MATCHES + "/" + matchId + "/interest",
                "{\"message\":\"We supply the same OEMs\"}");
        assertThat(interest.getStatusCode().value()).as(interest.getBody()).isEqualTo(200);
        assertThat(body(interest).get("interest").asString()).isEqualTo("EXPRESSED");
        assertThat(interest.getHeaders().getETag()).isEqualTo("\"2\"");

        ResponseEntity<String> accepted = post(seller, MATCHES + "/" + matchId + "/accept", null);
        assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(200);
        assertThat(body(accepted).get("interest").asString()).isEqualTo("ACCEPTED");
        assertThat(body(accepted).get("version").asLong()).isEqualTo(4);
        assertThat(accepted.getHeaders().getFirst("X-Consistency-Token")).isNotBlank();

        List<ConsumerRecord<String, byte[]>> records = awaitMatchEvents(matchId,
                types -> types.contains("ContactsRevealed"));
        assertThat(types(records)).containsExactly("MatchProposed", "InterestExpressed", "InterestAccepted",
                "ContactsRevealed");
        assertThat(payload(records.get(1)).get("message").asString()).isEqualTo("We supply the same OEMs");
        JsonNode revealed = payload(records.get(3));
        assertThat(revealed.get("buyerId").asString()).isEqualTo(buyerId);
        assertThat(revealed.get("sellerId").asString()).isEqualTo(sellerId);
        assertThat(revealed.get("legalName").asString()).endsWith("Pvt Ltd");
        assertThat(revealed.get("sellerContact").get("email").asString()).isEqualTo("anil@example.in");
        assertThat(revealed.get("buyerContact").get("email").asString()).isEqualTo("ravi@example.in");
        assertValidAgainstSchemas(records);
    }

    @Test
    void only_the_matchs_buyer_and_the_listings_seller_take_the_steps() {
        String interestPath = MATCHES + "/" + matchId + "/interest";
        assertThat(post(as("buyer-other", "BUYER"), interestPath, null).getStatusCode().value()).isEqualTo(403);
        assertThat(post(seller, interestPath, null).getStatusCode().value()).as("a seller is no buyer").isEqualTo(403);
        assertThat(post(buyer, interestPath, null).getStatusCode().value()).isEqualTo(200);

        String acceptPath = MATCHES + "/" + matchId + "/accept";
        assertThat(post(buyer, acceptPath, null).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> otherSeller = post(as("seller-other", "SELLER"), acceptPath, null);
        assertThat(otherSeller.getStatusCode().value()).isEqualTo(403);
        assertThat(otherSeller.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(post(seller, acceptPath, null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void a_declined_interest_is_final_and_cannot_be_accepted_later() {
        post(buyer, MATCHES + "/" + matchId + "/interest", null);
        ResponseEntity<String> declined = post(seller, MATCHES + "/" + matchId + "/decline",
                "{\"reason\":\"Talking to another buyer\"}");
        assertThat(body(declined).get("interest").asString()).isEqualTo("DECLINED");

        ResponseEntity<String> accept = post(seller, MATCHES + "/" + matchId + "/accept", null);
        assertThat(accept.getStatusCode().value()).isEqualTo(409);
        assertThat(body(accept).get("currentStatus").asString()).isEqualTo("interest DECLINED");
        assertThat(types(awaitMatchEvents(matchId, types -> types.contains("InterestDeclined"))))
                .doesNotContain("ContactsRevealed");
    }

    @Test
    void steps_out_of_order_or_on_unknown_matches_are_refused_without_a_change() {
        assertThat(post(seller, MATCHES + "/" + matchId + "/accept", null).getStatusCode().value()).isEqualTo(409);
        assertThat(post(seller, MATCHES + "/no-such-match/accept", null).getStatusCode().value()).isEqualTo(404);
        assertThat(post(buyer, MATCHES + "/no-such-match/interest", null).getStatusCode().value()).isEqualTo(404);
        assertThat(post(buyer, MATCHES + "/" + matchId + "/interest", null, Map.of("If-Match", "\"7\""))
                .getStatusCode().value()).isEqualTo(412);
        assertThat(post(buyer, MATCHES + "/" + matchId + "/interest", "{\"message\":\"" + "x".repeat(1001) + "\"}")
                .getStatusCode().value()).isEqualTo(422);
        RestClient anonymous = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
        assertThat(post(anonymous, MATCHES + "/" + matchId + "/interest", null).getStatusCode().value())
                .isEqualTo(401);
        assertThat(types(awaitMatchEvents(matchId, types -> !types.isEmpty()))).containsExactly("MatchProposed");
    }
}
