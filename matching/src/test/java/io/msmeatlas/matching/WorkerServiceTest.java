package io.msmeatlas.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.matching.deal.MatchIds;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingSold;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The worker end to end: listing events in on Kafka, profiles through HTTP, match events out on Kafka. */
class WorkerServiceTest extends MatchingServiceTestSupport {

    @Autowired
    MeterRegistry meters;

    @Test
    void a_published_listing_is_matched_to_a_profile_that_fits_with_its_score_and_reasons() {
        String city = uniqueCity();
        String profileId = createProfile("buyer-" + UUID.randomUUID(), profile("CNC in " + city, "25", city));
        String listingId = publishListing("seller-1", city);
        String matchId = MatchIds.of(profileId, listingId);

        List<ConsumerRecord<String, byte[]>> records = awaitMatchEvents(matchId, types -> !types.isEmpty());

        ConsumerRecord<String, byte[]> proposed = records.get(0);
        EventEnvelope envelope = EventEnvelope.readFrom(proposed.headers());
        assertThat(envelope.type()).isEqualTo("io.msmeatlas.match.MatchProposed");
        assertThat(envelope.subject()).isEqualTo(matchId);
        assertThat(envelope.sequence()).isZero();
        assertThat(envelope.correlationId()).as("the request behind the listing event").startsWith("req-");
        JsonNode match = payload(proposed);
        assertThat(match.get("profileId").asString()).isEqualTo(profileId);
        assertThat(match.get("listingId").asString()).isEqualTo(listingId);
        assertThat(match.get("sellerId").asString()).isEqualTo("seller-1");
        // 25 (250) + within budget (200) + no size preference (75) + same city (150) + 11% margin (100)
        // + FULL_SALE wanted (100) + strategic, same industry (50)
        assertThat(match.get("score").asString()).isEqualTo("0.925");
        assertThat(match.get("reasons").get(0).asString()).startsWith("sector match: Manufacture of fabricated metal");
        assertThat(match.get("reasons").values().stream().map(JsonNode::asString))
                .contains("within budget", "same city: " + city);
        assertThat(match.get("listing").has("legalName")).as("the teaser is public").isFalse();
        assertValidAgainstSchemas(records);
    }

    @Test
    void a_redelivered_event_proposes_nothing_twice_and_an_update_rescores() {
        String city = uniqueCity();
        String profileId = createProfile("buyer-" + UUID.randomUUID(), profile("Redelivery " + city, "25", city));
        String listingId = publishListing("seller-1", city);
        String matchId = MatchIds.of(profileId, listingId);
        awaitMatchEvents(matchId, types -> types.contains("MatchProposed"));

        // The same ListingPublished again (a new event id, the same sequence: the relay resent it) and a
        // lower-priced update behind it, on the same partition.
        send(ListingEvents.record(new ListingPublished(listingId, "admin-1", null), 2));
        ListingDetails cheaper = ListingEvents.details("CNC shop in " + city, "25", "Maharashtra", city, "85000000",
                "84000000", "9500000", ListingDetails.DealType.FULL_SALE);
        send(ListingEvents.record(new ListingUpdated(listingId, cheaper, ListingEvents.classification(Category.SMALL),
                List.of("askingPrice")), 3));

        List<String> types = types(awaitMatchEvents(matchId, seen -> seen.contains("MatchRescored")));

        assertThat(Collections.frequency(types, "MatchProposed")).isEqualTo(1);
        assertThat(types).containsExactly("MatchProposed", "MatchRescored");
    }

    @Test
    void a_listing_that_leaves_the_market_has_its_matches_retracted() {
        String city = uniqueCity();
        String profileId = createProfile("buyer-" + UUID.randomUUID(), profile("Sold " + city, "25", city));
        String listingId = publishListing("seller-1", city);
        String matchId = MatchIds.of(profileId, listingId);
        awaitMatchEvents(matchId, types -> types.contains("MatchProposed"));

        send(ListingEvents.record(new ListingSold(listingId), 3));

        List<ConsumerRecord<String, byte[]>> records = awaitMatchEvents(matchId,
                types -> types.contains("MatchRetracted"));
        assertThat(payload(records.get(records.size() - 1)).get("reason").asString()).isEqualTo("LISTING_CLOSED");
    }

    @Test
    void a_paused_profile_loses_its_matches_and_gets_them_back_when_resumed() {
        String city = uniqueCity();
        String buyer = "buyer-" + UUID.randomUUID();
        String profileId = createProfile(buyer, profile("Pause " + city, "25", city));
        String listingId = publishListing("seller-1", city);
        String matchId = MatchIds.of(profileId, listingId);
        awaitMatchEvents(matchId, types -> types.contains("MatchProposed"));

        assertThat(post(as(buyer, "BUYER"), PROFILES + "/" + profileId + "/pause", null).getStatusCode().value())
                .isEqualTo(200);
        List<ConsumerRecord<String, byte[]>> paused = awaitMatchEvents(matchId,
                types -> types.contains("MatchRetracted"));
        assertThat(payload(paused.get(1)).get("reason").asString()).isEqualTo("PROFILE_PAUSED");

        assertThat(post(as(buyer, "BUYER"), PROFILES + "/" + profileId + "/resume", null).getStatusCode().value())
                .isEqualTo(200);
        assertThat(types(awaitMatchEvents(matchId, types -> types.size() >= 3)))
                .containsExactly("MatchProposed", "MatchRetracted", "MatchProposed");
    }

    @Test
    void criteria_that_no_longer_fit_retract_the_match() {
        String city = uniqueCity();
        String buyer = "buyer-" + UUID.randomUUID();
        String profileId = createProfile(buyer, profile("Change " + city, "25", city));
        String listingId = publishListing("seller-1", city);
        String matchId = MatchIds.of(profileId, listingId);
        awaitMatchEvents(matchId, types -> types.contains("MatchProposed"));

        assertThat(put(as(buyer, "BUYER"), PROFILES + "/" + profileId, profile("Change " + city, "J", city), Map.of())
                .getStatusCode().value()).isEqualTo(200);

        List<ConsumerRecord<String, byte[]>> records = awaitMatchEvents(matchId,
                types -> types.contains("MatchRetracted"));
        assertThat(payload(records.get(1)).get("reason").asString()).isEqualTo("NO_LONGER_MATCHES");
    }

    @Test
    void a_poison_record_is_dead_lettered_with_its_reason_and_the_worker_keeps_going() {
        String poisonKey = "poison-" + UUID.randomUUID();
        send(new ProducerRecord<>("msme.listing.events", poisonKey, "not an event".getBytes(StandardCharsets.UTF_8)));
        String unreadableKey = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> unreadable = ListingEvents.record(new ListingSold(unreadableKey), 0);
        send(new ProducerRecord<>(unreadable.topic(), null, unreadableKey, "{\"listingId\":".getBytes(
                StandardCharsets.UTF_8), unreadable.headers()));
        String unknownKey = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> unknown = ListingEvents.record(new ListingSold(unknownKey), 0);
        unknown.headers().remove("ce_type");
        unknown.headers().add("ce_type", "io.msmeatlas.listing.ListingTeleported".getBytes(StandardCharsets.UTF_8));
        send(unknown);
        String breaksSchemaKey = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> breaksSchema = ListingEvents.record(new ListingSold(breaksSchemaKey), 0);
        send(new ProducerRecord<>(breaksSchema.topic(), null, breaksSchemaKey, "{\"listingId\":42}".getBytes(
                StandardCharsets.UTF_8), breaksSchema.headers()));
        String city = uniqueCity();
        String profileId = createProfile("buyer-" + UUID.randomUUID(), profile("After poison " + city, "25", city));
        String listingId = publishListing("seller-1", city);

        awaitMatchEvents(MatchIds.of(profileId, listingId), types -> types.contains("MatchProposed"));
        List<ConsumerRecord<String, byte[]>> dead = awaitRecords("msme.matching.dlq",
                r -> List.of(poisonKey, unreadableKey, unknownKey, breaksSchemaKey).contains(r.key()),
                types -> types.size() == 4);
        for (ConsumerRecord<String, byte[]> record : dead) {
            assertThat(header(record, "x-dlq-reason")).isNotBlank();
            assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo("msme.listing.events");
        }
        assertThat(dead.stream().map(r -> header(r, "x-dlq-reason")))
                .anyMatch(reason -> reason.contains("CloudEvents"))
                .anyMatch(reason -> reason.contains("not JSON") || reason.contains("cannot be read"))
                .anyMatch(reason -> reason.contains("Unknown event type io.msmeatlas.listing.ListingTeleported"))
                .anyMatch(reason -> reason.contains("Breaks schema"));
    }

    @Test
    void while_postgresql_is_down_the_worker_retries_and_matches_once_it_is_back() {
        String city = uniqueCity();
        String profileId = createProfile("buyer-" + UUID.randomUUID(), profile("Outage " + city, "25", city));
        double failedBefore = meters.counter("matching.worker.failed.attempts").count();
        String listingId;
        SharedInfrastructure.postgres().stop();
        try {
            listingId = publishListing("seller-1", city);
            await().atMost(PATIENCE).until(() -> meters.counter("matching.worker.failed.attempts").count()
                    > failedBefore);
        } finally {
            SharedInfrastructure.postgres().start();
        }

        // Proposed, so each of the listing's three events was processed, none dead-lettered.
        awaitMatchEvents(MatchIds.of(profileId, listingId), types -> types.contains("MatchProposed"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
