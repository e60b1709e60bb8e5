package io.msmeatlas.matching.worker;

import io.msmeatlas.matching.scoring.ListingFacts;
import io.msmeatlas.schemas.listing.ListingDetails;
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
import java.util.Set;

/**
 * A listing as matching keeps it: its status, its details (confidential ones too, revealed on an
 * accepted match) and the sequence of the last event applied.
 */
public record ListingRow(String listingId, String sellerId, String status, long lastSequence,
        ListingDetails details, UdyamClassification classification) {

    /** Buyers see these listings; they take part in matching. */
    static final Set<String> LIVE = Set.of("PUBLISHED", "UNDER_OFFER");

    public boolean live() {
        return LIVE.contains(status);
    }

    public ListingFacts facts() {
        return ListingFacts.of(listingId, sellerId, details, classification);
    }

    /** The row after {@code event}; null when the event does not apply (no draft seen for the listing). */
    static ListingRow apply(ListingRow row, ListingEvent event, long sequence) {
        // One branch per permitted ListingEvent, as in the listing read model.
        if (event instanceof ListingDrafted drafted) {
            return row != null ? null : new ListingRow(drafted.listingId(), drafted.sellerId(), "DRAFT", sequence,
                    drafted.details(), drafted.classification());
        }
        if (row == null) {
            return null;
        }
        if (event instanceof ListingUpdated updated) {
            return new ListingRow(row.listingId, row.sellerId, row.status, sequence, updated.details(),
                    updated.classification());
        }
        String status = statusAfter(event);
        return new ListingRow(row.listingId, row.sellerId, status, sequence, row.details, row.classification);
    }

    private static String statusAfter(ListingEvent event) {
        if (event instanceof ListingSubmitted) {
            return "SUBMITTED";
        } else if (event instanceof ListingPublished || event instanceof ListingReturnedToMarket) {
            return "PUBLISHED";
        } else if (event instanceof ListingMarkedUnderOffer) {
            return "UNDER_OFFER";
        } else if (event instanceof ListingRejected) {
            return "REJECTED";
        } else if (event instanceof ListingSuspended) {
            return "SUSPENDED";
        } else if (event instanceof ListingSold) {
            return "SOLD";
        } else if (event instanceof ListingExpired) {
            return "EXPIRED";
        } else if (event instanceof ListingWithdrawn) {
            return "WITHDRAWN";
        }
        throw new IllegalStateException("No transition for " + event.getClass().getName());
    }
}
