package io.msmeatlas.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.EventEnvelope;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Buyer profiles over HTTP: who may, what is valid, idempotency, versions, and the events on Kafka. */
class ProfileServiceTest extends MatchingServiceTestSupport {

    @Test
    void a_buyer_creates_a_profile_published_keyed_by_its_id() {
        String buyerId = "buyer-" + UUID.randomUUID();
        ResponseEntity<String> created = post(as(buyerId, "BUYER"), PROFILES, profile("West", "25", "Pune"),
                Map.of("X-Request-Id", "req-profile-1"));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = body(created).get("id").asString();
        assertThat(created.getHeaders().getLocation()).hasToString(PROFILES + "/" + id);
        assertThat(created.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(body(created).get("status").asString()).isEqualTo("ACTIVE");

        List<ConsumerRecord<String, byte[]>> records = awaitMatchEvents(id, types -> !types.isEmpty());
        EventEnvelope envelope = EventEnvelope.readFrom(records.get(0).headers());
        assertThat(envelope.type()).isEqualTo("io.msmeatlas.buyer.BuyerProfileCreated");
        assertThat(envelope.correlationId()).isEqualTo("req-profile-1");
        JsonNode event = payload(records.get(0));
        assertThat(event.get("buyerId").asString()).isEqualTo(buyerId);
        assertThat(event.get("criteria").get("budgetMax").asString()).isEqualTo("80000000");
        assertValidAgainstSchemas(records);
    }

    @Test
    void only_buyers_have_profiles_and_only_their_own() {
        assertThat(post(as("seller-1", "SELLER"), PROFILES, profile("x", "25", "Pune")).getStatusCode().value())
                .isEqualTo(403);
        String id = createProfile("buyer-" + UUID.randomUUID(), profile("Mine", "25", "Pune"));

        ResponseEntity<String> other = put(as("buyer-other", "BUYER"), PROFILES + "/" + id,
                profile("Yours", "25", "Pune"), Map.of());
        assertThat(other.getStatusCode().value()).isEqualTo(403);
        assertThat(post(as("buyer-other", "BUYER"), PROFILES + "/" + id + "/pause", null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(put(as("buyer-other", "BUYER"), PROFILES + "/no-such-profile", profile("x", "25", "Pune"), Map.of())
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void invalid_fields_are_named_and_malformed_bodies_refused_and_nothing_is_stored() {
        RestClient buyer = as("buyer-" + UUID.randomUUID(), "BUYER");
        ResponseEntity<String> invalid = post(buyer, PROFILES, """
                {"name":"x","criteria":{"sectors":["ZZ"],"budgetMax":"-5","classifications":["HUGE"]},
                 "contact":{"name":"R","email":"nope"}}""");
        assertThat(invalid.getStatusCode().value()).isEqualTo(422);
        assertThat(invalid.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(invalid).get("errors").values().stream().map(e -> e.get("field").asString()))
                .containsExactly("criteria.classifications[0]");

        ResponseEntity<String> rules = post(buyer, PROFILES, """
                {"name":"x","criteria":{"sectors":["ZZ"],"budgetMax":"-5"},"contact":{"name":"R","email":"nope"}}""");
        assertThat(rules.getStatusCode().value()).isEqualTo(422);
        assertThat(body(rules).get("errors").values().stream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("criteria.sectors[0]", "criteria.budgetMax", "contact.email");

        assertThat(post(buyer, PROFILES, "{\"name\":\"x\",\"colour\":\"red\"}").getStatusCode().value())
                .isEqualTo(400);
        assertThat(post(buyer, PROFILES, "{not json").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void a_retried_create_with_the_same_idempotency_key_is_the_same_profile() {
        RestClient buyer = as("buyer-" + UUID.randomUUID(), "BUYER");
        Map<String, String> key = Map.of("Idempotency-Key", "my-first-profile");
        ResponseEntity<String> first = post(buyer, PROFILES, profile("Once", "25", "Pune"), key);
        ResponseEntity<String> again = post(buyer, PROFILES, profile("Once", "25", "Pune"), key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(201);
        String id = body(first).get("id").asString();
        assertThat(body(again).get("id").asString()).isEqualTo(id);
        assertThat(body(again).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(types(awaitMatchEvents(id, types -> !types.isEmpty()))).containsExactly("BuyerProfileCreated");
    }

    @Test
    void an_update_names_the_version_it_expects_and_the_same_profile_again_changes_nothing() {
        String buyerId = "buyer-" + UUID.randomUUID();
        String id = createProfile(buyerId, profile("Versions", "25", "Pune"));
        RestClient buyer = as(buyerId, "BUYER");

        ResponseEntity<String> changed = put(buyer, PROFILES + "/" + id, profile("Versions", "C", "Pune"),
                Map.of("If-Match", "\"1\""));
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(changed.getHeaders().getETag()).isEqualTo("\"2\"");

        ResponseEntity<String> stale = put(buyer, PROFILES + "/" + id, profile("Versions", "J", "Pune"),
                Map.of("If-Match", "\"1\""));
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        assertThat(body(stale).get("currentVersion").asLong()).isEqualTo(2);
        assertThat(put(buyer, PROFILES + "/" + id, profile("Versions", "C", "Pune"), Map.of("If-Match", "W/\"2\""))
                .getStatusCode().value()).isEqualTo(400);

        ResponseEntity<String> same = put(buyer, PROFILES + "/" + id, profile("Versions", "C", "Pune"), Map.of());
        assertThat(body(same).get("version").asLong()).isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> records = awaitMatchEvents(id, types -> types.size() >= 2);
        assertThat(types(records)).containsExactly("BuyerProfileCreated", "BuyerProfileUpdated");
        assertThat(payload(records.get(1)).get("changedFields").values().stream().map(JsonNode::asString))
                .containsExactly("criteria");
    }
}
