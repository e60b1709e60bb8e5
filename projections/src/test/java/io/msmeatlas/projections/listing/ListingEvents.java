package io.msmeatlas.projections.listing;

import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Contact;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDetails.LegalStructure;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Listing events as the listings service publishes them: JSON payload, CloudEvents headers. */
final class ListingEvents {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private ListingEvents() {
    }

    /** A small manufacturer in Pune, with every field set; change what a test is about. */
    static Details details(String title) {
        return new Details(title);
    }

    static UdyamClassification classification(Category category) {
        return new UdyamClassification(category, "2025", new BigDecimal("32000000.00"),
                new BigDecimal("80000000.00"));
    }

    static ListingDrafted drafted(String id, String sellerId, Details details) {
        return new ListingDrafted(id, sellerId, details.build(), classification(details.category));
    }

    /** When the event with this sequence happened: a minute after the previous one. */
    static Instant time(long sequence) {
        return T0.plusSeconds(60 * sequence);
    }

    static String eventId(String listingId, long sequence) {
        return listingId + "-" + sequence;
    }

    static Headers headers(ListingEvent event, long sequence) {
        return headers(event, sequence, time(sequence));
    }

    static Headers headers(ListingEvent event, long sequence, Instant time) {
        EventEnvelope envelope = EventEnvelope.of(eventId(event.listingId(), sequence), "/msme/listings",
                EventContracts.of(event.getClass()), event.listingId(), time, sequence, "req-1");
        Headers headers = new RecordHeaders();
        envelope.writeTo(headers);
        return headers;
    }

    /** Headers of an event written at an older (or newer) schema version of its type. */
    static Headers headersAtVersion(Class<? extends ListingEvent> type, int version, String listingId, long sequence,
            Instant time) {
        EventContract contract = EventContracts.of(type);
        EventEnvelope envelope = new EventEnvelope(eventId(listingId, sequence), "/msme/listings", contract.ceType(),
                listingId, time, "urn:msmeatlas:schema:listing:" + contract.name() + ":v" + version, version,
                sequence, "req-1");
        Headers headers = new RecordHeaders();
        envelope.writeTo(headers);
        return headers;
    }

    /** A published listing's view as the projection builds it, without a topology. */
    static ListingView liveView(String id, String sellerId, Details details, Instant publishedAt) {
        ListingDrafted drafted = drafted(id, sellerId, details);
        ListingPublished published = new ListingPublished(id, null, null);
        return ListingView.drafted(drafted, envelope(drafted, 0, T0))
                .published(null, null, envelope(published, 1, publishedAt));
    }

    /** A draft's view as the projection builds it. */
    static ListingView draftView(String id, String sellerId, Details details, Instant createdAt) {
        ListingDrafted drafted = drafted(id, sellerId, details);
        return ListingView.drafted(drafted, envelope(drafted, 0, createdAt));
    }

    private static EventEnvelope envelope(ListingEvent event, long sequence, Instant time) {
        return EventEnvelope.of(eventId(event.listingId(), sequence), "/msme/listings",
                EventContracts.of(event.getClass()), event.listingId(), time, sequence, "req-1");
    }

    static byte[] payload(ListingEvent event) {
        return EventJson.write(event);
    }

    static Sector sector(String code, String section) {
        return new Sector(code, "NIC " + code, section, "Section " + section);
    }

    /** A builder of v2 listing details. */
    static final class Details {
        private String title;
        private Sector sector = ListingEvents.sector("25", "C");
        private String state = "Maharashtra";
        private String city = "Pune";
        private String price = "25000000.00";
        private String revenue = "18000000.00";
        private String ebitda = "2400000.50";
        private DealType dealType = DealType.FULL_SALE;
        private List<String> highlights = List.of("ISO 9001 certified");
        private Category category = Category.SMALL;

        private Details(String title) {
            this.title = title;
        }

        Details title(String value) {
            title = value;
            return this;
        }

        Details sector(String code, String section) {
            sector = ListingEvents.sector(code, section);
            return this;
        }

        Details state(String value) {
            state = value;
            return this;
        }

        Details city(String value) {
            city = value;
            return this;
        }

        /** Null: price on request. */
        Details price(String value) {
            price = value;
            return this;
        }

        /** The latest year's revenue and EBITDA; null revenue and EBITDA: no financials at all. */
        Details financials(String latestRevenue, String latestEbitda) {
            revenue = latestRevenue;
            ebitda = latestEbitda;
            return this;
        }

        Details dealType(DealType value) {
            dealType = value;
            return this;
        }

        Details highlights(String... values) {
            highlights = List.of(values);
            return this;
        }

        Details category(Category value) {
            category = value;
            return this;
        }

        ListingDetails build() {
            List<AnnualFinancials> financials = new ArrayList<>();
            if (revenue != null || ebitda != null) {
                financials.add(new AnnualFinancials(2025, decimal(revenue), new BigDecimal("1000000.00"),
                        decimal(ebitda), new BigDecimal("900000"), null));
                financials.add(new AnnualFinancials(2024, new BigDecimal("999999999.00"), null,
                        new BigDecimal("999999999.00"), null, null));
            }
            return new ListingDetails(title, "Shree Precision Components Pvt Ltd",
                    new Contact("Anil Kulkarni", "anil@example.in", "+919800000001"), sector, state, city, 2009, 42,
                    LegalStructure.PRIVATE_LIMITED, new BigDecimal("32000000.00"), financials,
                    new BigDecimal("55000000"), new BigDecimal("12000000"), decimal(price), "INR", dealType,
                    "Founder retiring", highlights, "A going concern.");
        }

        private static BigDecimal decimal(String value) {
            return value == null ? null : new BigDecimal(value);
        }
    }
}
