package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;

/** The business was sold: the listing leaves buyer search for good. */
@SchemaVersion(1)
public record ListingSold(String listingId) implements ListingEvent {
}
