package io.msmeatlas.schemas;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import java.math.BigDecimal;
import java.util.List;

final class SampleEvents {

    static final String LISTING_ID = "7d4c8b1e-2f5a-4c3e-9b1d-0a6e5f4d3c2b";

    static final ListingDetails DETAILS = new ListingDetails("Profitable CNC job shop in Pune", "C25",
            "Pune", "Maharashtra", 2009, 42, new BigDecimal("84000000.00"), new BigDecimal("-1250000.50"),
            new BigDecimal("65000000.00"), "INR", "Precision machining for auto OEMs.");

    /** One of each listing event type, with every optional field set and one with none. */
    static List<ListingEvent> listingEvents() {
        return List.of(
                new ListingDrafted(LISTING_ID, "seller-1", DETAILS),
                new ListingDrafted(LISTING_ID, "seller-1", new ListingDetails("Bakery", "C10", "Kochi", "Kerala",
                        null, null, null, null, new BigDecimal("1500000"), "INR", null)),
                new ListingUpdated(LISTING_ID, DETAILS, List.of("title", "askingPrice")),
                new ListingPublished(LISTING_ID),
                new ListingWithdrawn(LISTING_ID, "Found a buyer offline"),
                new ListingWithdrawn(LISTING_ID, null));
    }

    private SampleEvents() {
    }
}
