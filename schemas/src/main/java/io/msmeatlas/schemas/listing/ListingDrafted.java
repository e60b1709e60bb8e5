package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;

/** A seller created a listing; it is not visible to buyers until published. */
@SchemaVersion(1)
public record ListingDrafted(String listingId, String sellerId, ListingDetails details) implements ListingEvent {
}
