package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;

/** The seller accepted an offer: buyers still see the listing, marked under offer, and it no longer expires. */
@SchemaVersion(1)
public record ListingMarkedUnderOffer(String listingId) implements ListingEvent {
}
