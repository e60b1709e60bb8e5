package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;

/** The listing reached its expiry without an offer and left buyer search; the seller may submit it again. */
@SchemaVersion(1)
public record ListingExpired(String listingId) implements ListingEvent {
}
