package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingExpired;
import io.msmeatlas.schemas.listing.ListingMarkedUnderOffer;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingRejected;
import io.msmeatlas.schemas.listing.ListingReturnedToMarket;
import io.msmeatlas.schemas.listing.ListingSold;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.ListingSuspended;
import io.msmeatlas.schemas.listing.ListingWithdrawn;

/**
 * Where a listing is in its life. Buyers see PUBLISHED and UNDER_OFFER listings; SOLD and WITHDRAWN
 * are final; REJECTED, SUSPENDED and EXPIRED go back to review when the seller submits again.
 */
enum ListingStatus {
    DRAFT, SUBMITTED, PUBLISHED, UNDER_OFFER, SOLD, WITHDRAWN, REJECTED, SUSPENDED, EXPIRED;

    /** The status after {@code event}; an event that does not move the listing (an update) keeps it. */
    ListingStatus after(Object event) {
        if (event instanceof ListingDrafted) {
            return DRAFT;
        } else if (event instanceof ListingSubmitted) {
            return SUBMITTED;
        } else if (event instanceof ListingPublished || event instanceof ListingReturnedToMarket) {
            return PUBLISHED;
        } else if (event instanceof ListingMarkedUnderOffer) {
            return UNDER_OFFER;
        } else if (event instanceof ListingSold) {
            return SOLD;
        } else if (event instanceof ListingWithdrawn) {
            return WITHDRAWN;
        } else if (event instanceof ListingRejected) {
            return REJECTED;
        } else if (event instanceof ListingSuspended) {
            return SUSPENDED;
        } else if (event instanceof ListingExpired) {
            return EXPIRED;
        }
        return this;
    }
}
