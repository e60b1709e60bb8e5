package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;

/** The seller took the listing off the market; {@code reason} may be null. */
@SchemaVersion(1)
public record ListingWithdrawn(String listingId, String reason) implements ListingEvent {
}
