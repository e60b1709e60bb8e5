package io.msmeatlas.matching;

import io.msmeatlas.matching.reference.Nic2008;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Contact;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDetails.LegalStructure;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Listing events as the listings service publishes them: CloudEvents headers, key = listing id. */
public final class ListingEvents {

    private ListingEvents() {
    }

    public static ListingDetails details(String title, String sectorCode, String state, String city, String price,
            String revenue, String ebitda, DealType dealType) {
        Nic2008.Code code = Nic2008.code(sectorCode).orElseThrow();
        return new ListingDetails(title, title + " Pvt Ltd", new Contact("Anil Kulkarni", "anil@example.in",
                "+91 98000 00001"), new Sector(code.code(), code.name(), code.section(), code.sectionName()), state,
                city, 2009, 42, LegalStructure.PRIVATE_LIMITED, new BigDecimal("32000000"),
                List.of(new AnnualFinancials(2025, new BigDecimal(revenue), null, new BigDecimal(ebitda), null, null)),
                null, null, new BigDecimal(price), "INR", dealType, "Founder retiring", List.of("ISO 9001"), null);
    }

    public static UdyamClassification classification(Category category) {
        return new UdyamClassification(category, "2025", new BigDecimal("32000000"), new BigDecimal("84000000"));
    }

    public static ProducerRecord<String, byte[]> record(ListingEvent event, long sequence) {
        return record(event, sequence, UUID.randomUUID().toString());
    }

    /** With a given event id: the same id again is a redelivery. */
    public static ProducerRecord<String, byte[]> record(ListingEvent event, long sequence, String eventId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LISTING_EVENTS, event.listingId(),
                EventJson.write(event));
        EventEnvelope.of(eventId, "/msmeatlas/listings", EventContracts.of(event.getClass()), event.listingId(),
                Instant.now(), sequence, "req-" + eventId).writeTo(record.headers());
        return record;
    }
}
