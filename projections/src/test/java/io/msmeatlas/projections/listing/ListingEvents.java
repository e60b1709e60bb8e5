package io.msmeatlas.projections.listing;

import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingEvent;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Listing events as the listings service publishes them: JSON payload, CloudEvents headers. */
final class ListingEvents {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private ListingEvents() {
    }

    static ListingDetails details(String title, String sector, String state, String askingPrice) {
        return new ListingDetails(title, sector, "Pune", state, 2009, 42, new BigDecimal("18000000.00"),
                new BigDecimal("2400000.50"), new BigDecimal(askingPrice), "INR", "A going concern.");
    }

    static ListingDetails details(String title) {
        return details(title, "Textiles", "Maharashtra", "25000000.00");
    }

    /** When the event with this sequence happened: a minute after the previous one. */
    static Instant time(long sequence) {
        return T0.plusSeconds(60 * sequence);
    }

    static String eventId(String listingId, long sequence) {
        return listingId + "-" + sequence;
    }

    static Headers headers(ListingEvent event, long sequence) {
        EventEnvelope envelope = EventEnvelope.of(eventId(event.listingId(), sequence), "/msme/listings",
                EventContracts.of(event.getClass()), event.listingId(), time(sequence), sequence, "req-1");
        Headers headers = new RecordHeaders();
        envelope.writeTo(headers);
        return headers;
    }

    static byte[] payload(ListingEvent event) {
        return EventJson.write(event);
    }
}
