package io.msmeatlas.schemas.listing;

/** Every event of the Listing aggregate; sealed so that projections' switches stay exhaustive. */
public sealed interface ListingEvent
        permits ListingDrafted, ListingUpdated, ListingSubmitted, ListingPublished, ListingRejected,
        ListingSuspended, ListingMarkedUnderOffer, ListingReturnedToMarket, ListingSold, ListingExpired,
        ListingWithdrawn {
    String listingId();
}
