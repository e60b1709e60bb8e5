package io.msmeatlas.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.infra.TopicReader;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingRejected;
import io.msmeatlas.schemas.match.InterestAccepted;
import io.msmeatlas.schemas.match.MatchProposed;
import io.msmeatlas.schemas.match.MatchRetracted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** Events in on Kafka, each user's inbox out over HTTP. */
class InboxServiceTest extends NotificationsServiceTestSupport {

    private static List<String> types(JsonNode items) {
        return items.values().stream().map(item -> item.get("type").asString()).toList();
    }

    /** The match, its copy, then an acceptance on the same key: once that is in, the copy was processed. */
    private static MatchProposed matchSentTwiceThenAccepted(String buyer) {
        MatchProposed match = Events.match(buyer, "lst-" + UUID.randomUUID(), "seller-" + UUID.randomUUID());
        ProducerRecord<String, byte[]> record = Events.send(match);
        Events.send(record);
        Events.send(new InterestAccepted(match.matchId(), buyer, match.listingId(), match.sellerId()), match.matchId(),
                2);
        return match;
    }

    @Test
    void a_redelivered_event_notifies_once() {
        String buyer = "buyer-" + UUID.randomUUID();
        MatchProposed match = matchSentTwiceThenAccepted(buyer);

        JsonNode items = await().atMost(PATIENCE).until(() -> inbox(buyer), found -> found.size() >= 2);

        assertThat(types(items)).containsExactly("INTEREST_ACCEPTED", "MATCH_FOUND");
        JsonNode found = items.get(1);
        assertThat(found.get("id").asLong()).isEqualTo(1);
        assertThat(found.get("title").asString()).isEqualTo("New match: CNC shop in Pune");
        assertThat(found.get("link").asString()).isEqualTo("/api/matchmaking/matches/" + match.matchId());
        assertThat(found.get("read").asBoolean()).isFalse();
        assertThat(items.get(0).get("id").asLong()).isEqualTo(2);
    }

    @Test
    void unread_count_pages_and_marking_read() {
        String buyer = "buyer-" + UUID.randomUUID();
        matchSentTwiceThenAccepted(buyer);
        await().atMost(PATIENCE).until(() -> inbox(buyer).size() == 2);

        assertThat(body(get(buyer, "/api/notification/inbox/unread-count")).get("unread").asLong()).isEqualTo(2);
        JsonNode first = body(get(buyer, "/api/notification/inbox?limit=1"));
        assertThat(first.get("items").get(0).get("id").asLong()).isEqualTo(2);
        assertThat(first.get("nextBefore").asLong()).isEqualTo(2);
        JsonNode second = body(get(buyer, "/api/notification/inbox?limit=1&before=2"));
        assertThat(second.get("items").get(0).get("id").asLong()).isEqualTo(1);
        assertThat(second.has("nextBefore") && !second.get("nextBefore").isNull()).isFalse();

        assertThat(post(buyer, "/api/notification/inbox/1/read").getStatusCode().value()).isEqualTo(204);
        assertThat(body(get(buyer, "/api/notification/inbox/unread-count")).get("unread").asLong()).isEqualTo(1);
        assertThat(body(get(buyer, "/api/notification/inbox?unread=true")).get("items").size()).isEqualTo(1);
        assertThat(body(post(buyer, "/api/notification/inbox/read-all")).get("marked").asInt()).isEqualTo(1);
        assertThat(body(get(buyer, "/api/notification/inbox/unread-count")).get("unread").asLong()).isZero();
    }

    @Test
    void nobody_reads_or_marks_another_users_notifications() {
        String buyer = "buyer-" + UUID.randomUUID();
        matchSentTwiceThenAccepted(buyer);
        await().atMost(PATIENCE).until(() -> inbox(buyer).size() == 2);

        assertThat(inbox("someone-else")).isEmpty();
        assertThat(post("someone-else", "/api/notification/inbox/1/read").getStatusCode().value()).isEqualTo(404);
        assertThat(body(get(buyer, "/api/notification/inbox/unread-count")).get("unread").asLong()).isEqualTo(2);
        ResponseEntity<String> anonymous = org.springframework.web.client.RestClient.builder()
                .baseUrl("http://localhost:" + port).defaultStatusHandler(status -> true, (request, response) -> { })
                .build().get().uri("/api/notification/inbox").retrieve().toEntity(String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(get(buyer, "/api/notification/inbox?limit=500").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void a_type_switched_off_in_the_inbox_is_not_stored() {
        String buyer = "buyer-" + UUID.randomUUID();
        ResponseEntity<String> changed = put(buyer, "/api/notification/preferences/match_found", "{\"inApp\":false}");
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(body(changed).get("email").asBoolean()).as("unchanged default").isFalse();

        matchSentTwiceThenAccepted(buyer);

        JsonNode items = await().atMost(PATIENCE).until(() -> inbox(buyer), found -> !found.isEmpty());
        assertThat(types(items)).containsExactly("INTEREST_ACCEPTED");
        JsonNode preferences = body(get(buyer, "/api/notification/preferences"));
        assertThat(preferences.values().stream().filter(p -> p.get("type").asString().equals("MATCH_FOUND"))
                .findFirst().orElseThrow().get("inApp").asBoolean()).isFalse();
        assertThat(put(buyer, "/api/notification/preferences/NO_SUCH_TYPE", "{\"email\":true}").getStatusCode().value())
                .isEqualTo(404);
        assertThat(put(buyer, "/api/notification/preferences/MATCH_FOUND", "{}").getStatusCode().value())
                .isEqualTo(422);
    }

    @Test
    void a_rejected_listing_notifies_its_seller_with_the_reason() {
        String seller = "seller-" + UUID.randomUUID();
        String listing = "lst-" + UUID.randomUUID();
        Events.send(Events.drafted(listing, seller, "Dye works in Surat"), 0);
        Events.send(new ListingRejected(listing, "Financials do not add up"), 2);

        JsonNode items = await().atMost(PATIENCE).until(() -> inbox(seller), found -> !found.isEmpty());
        assertThat(items.get(0).get("type").asString()).isEqualTo("LISTING_REJECTED");
        assertThat(items.get(0).get("title").asString()).isEqualTo("Dye works in Surat needs changes");
        assertThat(items.get(0).get("body").asString()).contains("Financials do not add up");
    }

    @Test
    void a_poison_record_is_dead_lettered_and_the_intake_goes_on() {
        String key = "poison-" + UUID.randomUUID();
        Events.send(new ProducerRecord<>("msme.match.events", key, "garbage".getBytes(StandardCharsets.UTF_8)));
        String unknownKey = "unknown-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> unknown = new ProducerRecord<>("msme.match.events", unknownKey,
                "{}".getBytes(StandardCharsets.UTF_8));
        EventEnvelope.of(UUID.randomUUID().toString(), "/msmeatlas/matching", EventContracts.of(MatchRetracted.class),
                unknownKey, Instant.now(), 0, null).writeTo(unknown.headers());
        unknown.headers().remove(EventEnvelope.CE_TYPE);
        unknown.headers().add(EventEnvelope.CE_TYPE, "io.msmeatlas.match.MatchCelebrated".getBytes(StandardCharsets.UTF_8));
        Events.send(unknown);
        String schemaKey = "schema-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> breaksSchema = new ProducerRecord<>("msme.match.events", schemaKey,
                "{\"matchId\":7}".getBytes(StandardCharsets.UTF_8));
        EventEnvelope.of(UUID.randomUUID().toString(), "/msmeatlas/matching", EventContracts.of(MatchRetracted.class),
                schemaKey, Instant.now(), 0, null).writeTo(breaksSchema.headers());
        Events.send(breaksSchema);
        String buyer = "buyer-" + UUID.randomUUID();
        matchSentTwiceThenAccepted(buyer);

        await().atMost(PATIENCE).until(() -> inbox(buyer).size() == 2);
        try (TopicReader dlq = new TopicReader(SharedInfrastructure.kafka().bootstrapServers(),
                "msme.notifications.dlq")) {
            List<ConsumerRecord<String, byte[]>> dead = await().atMost(PATIENCE).until(() -> dlq.poll().stream()
                    .filter(r -> List.of(key, unknownKey, schemaKey).contains(r.key())).toList(), r -> r.size() == 3);
            assertThat(dead).extracting(r -> new String(r.headers().lastHeader("x-dlq-reason").value(),
                    StandardCharsets.UTF_8))
                    .anyMatch(reason -> reason.contains("CloudEvents"))
                    .anyMatch(reason -> reason.contains("Unknown event type io.msmeatlas.match.MatchCelebrated"))
                    .anyMatch(reason -> reason.contains("Breaks schema"));
        }
    }
}
