package io.msmeatlas.valuation.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.valuation.ListingSamples;
import io.msmeatlas.valuation.ValuationServiceTestSupport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The worker end to end: listing events in on the real broker, valuation events out through the outbox. */
class ValuationWorkerServiceTest extends ValuationServiceTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    private List<Long> valuedVersions(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> payload(r).get("listingVersion").asLong()).toList();
    }

    @Test
    void a_drafted_listing_is_valued_and_the_valuation_reaches_its_topic_valid_against_its_schema() {
        String id = newListingId();
        String eventId = publish(drafted(id, ListingSamples.DETAILS), 0);

        ConsumerRecord<String, byte[]> record = awaitValuations(id, 1).get(0);

        assertValidAgainstSchema(record);
        EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
        assertThat(record.key()).isEqualTo(id);
        assertThat(envelope.type()).isEqualTo("io.msmeatlas.valuation.ValuationCompleted");
        assertThat(envelope.source()).isEqualTo("/msmeatlas/valuation");
        assertThat(envelope.sequence()).isZero();
        assertThat(envelope.correlationId()).isEqualTo("req-" + eventId);
        JsonNode valuation = payload(record);
        assertThat(valuation.get("listingVersion").asLong()).isEqualTo(1);
        assertThat(valuation.get("listingEventId").asString()).isEqualTo(eventId);
        assertThat(valuation.get("method").asString()).isEqualTo("xgboost:1.0.0");
        assertThat(valuation.get("currency").asString()).isEqualTo("INR");
        assertThat(valuation.get("low").isString()).isTrue();
        assertThat(new BigDecimal(valuation.get("low").asString())).isLessThanOrEqualTo(new BigDecimal(valuation.get("mid").asString()));
        assertThat(new BigDecimal(valuation.get("mid").asString())).isLessThanOrEqualTo(new BigDecimal(valuation.get("high").asString()));
        assertThat(valuation.get("reasons").size()).isPositive();
        assertThat(valuation.get("inputsHash").asString()).matches("[0-9a-f]{64}");
        assertThat(committedOffsets()).as("offsets committed by the worker's own group after processing").isPositive();
    }

    @Test
    void a_redelivered_listing_event_is_not_valued_twice() {
        String id = newListingId();
        ProducerRecord<String, byte[]> draft = listingEvent(drafted(id, ListingSamples.DETAILS), 0, UUID.randomUUID().toString());
        publish(draft);
        awaitValuations(id, 1);

        publish(listingEvent(drafted(id, ListingSamples.DETAILS), 0, EventEnvelope.readFrom(draft.headers()).id()));
        // Same partition, so once version 2 is valued the redelivery was processed too.
        publish(updated(id, ListingSamples.withEbitda("11000000"), "financials"), 1);

        List<ConsumerRecord<String, byte[]>> valuations = awaitValuations(id, 2);
        assertThat(valuedVersions(valuations)).containsExactly(1L, 2L);
        assertThat(storedTypes(id)).containsExactly("ValuationCompleted", "ValuationCompleted");
    }

    @Test
    void an_out_of_order_stale_listing_version_is_ignored() {
        String id = newListingId();
        publish(drafted(id, ListingSamples.DETAILS), 0);
        awaitValuations(id, 1);
        publish(updated(id, ListingSamples.withEbitda("12000000"), "financials"), 2);
        awaitValuations(id, 2);

        // Version 2 arrives after version 3 was valued...
        publish(updated(id, ListingSamples.withEbitda("3000000"), "financials"), 1);
        publish(updated(id, ListingSamples.withEbitda("13000000"), "financials"), 3);

        // ...and only version 4 is valued after it.
        List<ConsumerRecord<String, byte[]>> valuations = awaitValuations(id, 3);
        assertThat(valuedVersions(valuations)).containsExactly(1L, 3L, 4L);
        assertThat(jdbc.queryForObject("select sequence from known_listing where listing_id = ?", Long.class, id))
                .isEqualTo(3);
    }

    @Test
    void an_update_that_changes_nothing_the_valuation_reads_is_not_valued_again() {
        String id = newListingId();
        publish(drafted(id, ListingSamples.DETAILS), 0);
        awaitValuations(id, 1);

        publish(updated(id, ListingSamples.DETAILS, "title", "askingPrice"), 1);
        publish(new ListingSubmitted(id), 2);
        publish(updated(id, ListingSamples.details(ListingSamples.DETAILS.financials(), "Nagpur",
                ListingSamples.DETAILS.debt()), "city"), 3);

        List<ConsumerRecord<String, byte[]>> valuations = awaitValuations(id, 2);
        assertThat(valuedVersions(valuations)).containsExactly(1L, 4L);
    }

    @Test
    void a_listing_that_cannot_be_valued_gets_valuation_failed_with_the_reason() {
        String id = newListingId();
        publish(drafted(id, ListingSamples.withoutEarnings()), 0);

        ConsumerRecord<String, byte[]> record = awaitValuations(id, 1).get(0);

        assertValidAgainstSchema(record);
        assertThat(type(record)).isEqualTo("ValuationFailed");
        assertThat(payload(record).get("code").asString()).isEqualTo("NO_EARNINGS");
        assertThat(payload(record).get("reason").asString()).contains("neither EBITDA nor SDE");
    }

    @Test
    void poison_records_go_to_the_dead_letter_topic_with_the_reason_and_the_next_good_record_is_still_valued() {
        String id = newListingId();
        ProducerRecord<String, byte[]> notJson = listingEvent(drafted(id, ListingSamples.DETAILS), 0, UUID.randomUUID().toString());
        publish(new ProducerRecord<>(notJson.topic(), null, id, "{not json".getBytes(StandardCharsets.UTF_8), notJson.headers()));
        ProducerRecord<String, byte[]> unknownType = listingEvent(drafted(id, ListingSamples.DETAILS), 0, UUID.randomUUID().toString());
        unknownType.headers().remove(EventEnvelope.CE_TYPE);
        unknownType.headers().add(EventEnvelope.CE_TYPE, "io.msmeatlas.listing.ListingTeleported".getBytes(StandardCharsets.UTF_8));
        publish(unknownType);
        ProducerRecord<String, byte[]> breaksSchema = listingEvent(drafted(id, ListingSamples.DETAILS), 0, UUID.randomUUID().toString());
        publish(new ProducerRecord<>(breaksSchema.topic(), null, id,
                "{\"listingId\":\"%s\",\"sellerId\":\"\"}".formatted(id).getBytes(StandardCharsets.UTF_8),
                breaksSchema.headers()));

        publish(drafted(id, ListingSamples.DETAILS), 0);

        List<ConsumerRecord<String, byte[]>> dead = awaitRecords(DLQ, id, 3);
        assertThat(dead).extracting(r -> header(r, DeadLetters.REASON)).satisfiesExactly(
                reason -> assertThat(reason).startsWith("Unreadable record"),
                reason -> assertThat(reason).isEqualTo("Unknown event type io.msmeatlas.listing.ListingTeleported"),
                reason -> assertThat(reason).startsWith("Breaks schema urn:msmeatlas:schema:listing:ListingDrafted:v2"));
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, DeadLetters.ORIGINAL_TOPIC)).isEqualTo("msme.listing.events");
            assertThat(header(r, DeadLetters.CONSUMER_GROUP)).isEqualTo("msme-valuation");
            assertThat(header(r, EventEnvelope.CE_ID)).isNotBlank();
        });
        assertThat(type(awaitValuations(id, 1).get(0))).isEqualTo("ValuationCompleted");
    }

    @Test
    void a_listing_drafted_before_schema_v2_is_read_upcast() {
        String id = newListingId();
        ProducerRecord<String, byte[]> v1 = listingEvent(new ListingDrafted(id, SELLER, ListingSamples.DETAILS, null), 0,
                UUID.randomUUID().toString());
        String payload = """
                {"listingId":"%s","sellerId":"seller-1","details":{"title":"Bakery in Kochi","sector":"Bakery",
                 "state":"Kerala","city":"Kochi","annualRevenue":"15000000","ebitda":"2000000","askingPrice":"9000000",
                 "currency":"INR"}}""".formatted(id);
        v1.headers().remove(EventEnvelope.CE_DATAVERSION);
        v1.headers().add(EventEnvelope.CE_DATAVERSION, "1".getBytes(StandardCharsets.UTF_8));
        publish(new ProducerRecord<>(v1.topic(), null, id, payload.getBytes(StandardCharsets.UTF_8), v1.headers()));

        // v1 named its sector in free text: upcast it has no NIC code, so it cannot be valued, and says why.
        ConsumerRecord<String, byte[]> record = awaitValuations(id, 1).get(0);
        assertThat(type(record)).isEqualTo("ValuationFailed");
        assertThat(payload(record).get("code").asString()).isEqualTo("UNKNOWN_SECTOR");
    }

    /** The sum of the offsets group msme-valuation committed on the listing topic. */
    private static long committedOffsets() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()))) {
            return await().atMost(Duration.ofSeconds(30)).until(() -> admin.listConsumerGroupOffsets("msme-valuation")
                    .partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals("msme.listing.events") && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum(), sum -> sum > 0);
        }
    }

    private List<String> storedTypes(String listingId) {
        return jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? order by sequence_number",
                String.class, listingId).stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
