package io.msmeatlas.schemas;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Contact;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDetails.LegalStructure;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingExpired;
import io.msmeatlas.schemas.listing.ListingMarkedUnderOffer;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingRejected;
import io.msmeatlas.schemas.listing.ListingReturnedToMarket;
import io.msmeatlas.schemas.listing.ListingSold;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.ListingSuspended;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import io.msmeatlas.schemas.listing.UdyamClassification;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

final class SampleEvents {

    static final String LISTING_ID = "7d4c8b1e-2f5a-4c3e-9b1d-0a6e5f4d3c2b";

    static final ListingDetails DETAILS = new ListingDetails("Profitable CNC job shop in Pune",
            "Shree Precision Components Pvt Ltd", new Contact("Anil Kulkarni", "anil@example.in", "+919800000001"),
            new Sector("25", "Manufacture of fabricated metal products, except machinery and equipment", "C",
                    "Manufacturing"),
            "Maharashtra", "Pune", 2009, 42, LegalStructure.PRIVATE_LIMITED, new BigDecimal("32000000.00"),
            List.of(new AnnualFinancials(2025, new BigDecimal("84000000.00"), new BigDecimal("4000000.00"),
                            new BigDecimal("-1250000.50"), new BigDecimal("-2000000"), null),
                    new AnnualFinancials(2024, new BigDecimal("79000000.00"), null, new BigDecimal("6100000"),
                            new BigDecimal("3000000"), new BigDecimal("7000000")),
                    new AnnualFinancials(2023, new BigDecimal("71000000.00"), null, null, null, null)),
            new BigDecimal("55000000"), new BigDecimal("12000000"), new BigDecimal("65000000.00"), "INR",
            DealType.FULL_SALE, "Founder retiring", List.of("Supplies two auto OEMs", "ISO 9001"),
            "Precision machining for auto OEMs.");

    static final UdyamClassification CLASSIFICATION = new UdyamClassification(UdyamClassification.Category.SMALL,
            "2025", new BigDecimal("32000000.00"), new BigDecimal("80000000.00"));

    /** One of each listing event type, with every optional field set and one with none. */
    static List<ListingEvent> listingEvents() {
        return List.of(
                new ListingDrafted(LISTING_ID, "seller-1", DETAILS, CLASSIFICATION),
                new ListingDrafted(LISTING_ID, "seller-1", new ListingDetails("Bakery", null, null,
                        new Sector(null, "Bakery", null, null), "Kerala", "Kochi", null, null, null, null, null, null,
                        null, new BigDecimal("1500000"), "INR", DealType.ASSET_SALE, null, null, null), null),
                new ListingUpdated(LISTING_ID, DETAILS, CLASSIFICATION, List.of("title", "askingPrice")),
                new ListingSubmitted(LISTING_ID),
                new ListingPublished(LISTING_ID, "admin-1", Instant.parse("2027-02-23T10:15:30Z")),
                new ListingPublished(LISTING_ID, null, null),
                new ListingRejected(LISTING_ID, "Financials do not add up"),
                new ListingSuspended(LISTING_ID, "Reported as a duplicate"),
                new ListingMarkedUnderOffer(LISTING_ID),
                new ListingReturnedToMarket(LISTING_ID, Instant.parse("2027-03-01T00:00:00Z")),
                new ListingSold(LISTING_ID),
                new ListingExpired(LISTING_ID),
                new ListingWithdrawn(LISTING_ID, "Found a buyer offline"),
                new ListingWithdrawn(LISTING_ID, null));
    }

    private SampleEvents() {
    }
}
