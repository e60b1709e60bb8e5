package io.msmeatlas.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingPublished;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    private final EventEnvelope envelope = EventEnvelope.of("3f1e0c59-4d1a-4b7e-8c55-6a1f2d3e4b5c",
            "/msmeatlas/listings", EventContracts.of(ListingPublished.class), SampleEvents.LISTING_ID,
            Instant.parse("2026-11-25T10:15:30.123Z"), 2, "req-42");

    @Test
    void headers_round_trip() {
        RecordHeaders headers = new RecordHeaders();
        envelope.writeTo(headers);
        assertThat(EventEnvelope.readFrom(headers)).isEqualTo(envelope);
    }

    @Test
    void the_cloudevents_sdk_reads_our_records_in_binary_mode() {
        ListingEvent event = new ListingPublished(SampleEvents.LISTING_ID, null, null);
        RecordHeaders headers = new RecordHeaders();
        envelope.writeTo(headers);

        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            deserializer.configure(Map.of(), false);
            CloudEvent read = deserializer.deserialize("msme.listing.events", headers, EventJson.write(event));

            assertThat(read.getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(read.getId()).isEqualTo(envelope.id());
            assertThat(read.getType()).isEqualTo("io.msmeatlas.listing.ListingPublished");
            assertThat(read.getSource()).isEqualTo(URI.create("/msmeatlas/listings"));
            assertThat(read.getSubject()).isEqualTo(SampleEvents.LISTING_ID);
            assertThat(read.getTime().toInstant()).isEqualTo(envelope.time());
            assertThat(read.getDataContentType()).isEqualTo("application/json");
            assertThat(read.getDataSchema()).isEqualTo(URI.create("urn:msmeatlas:schema:listing:ListingPublished:v2"));
            assertThat(read.getExtension("dataversion")).hasToString("2");
            assertThat(read.getExtension("sequence")).hasToString("2");
            assertThat(read.getExtension("correlationid")).isEqualTo("req-42");
            assertThat(EventJson.read(read.getData().toBytes(), read.getType())).isEqualTo(event);
        }
    }

    @Test
    void a_record_without_an_id_is_rejected_by_name() {
        RecordHeaders headers = new RecordHeaders();
        envelope.writeTo(headers);
        headers.remove(EventEnvelope.CE_ID);
        assertThatThrownBy(() -> EventEnvelope.readFrom(headers)).hasMessageContaining("ce_id");
    }
}
