package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;

/** The listing became visible to buyers. When it happened is the envelope's {@code time}. */
@SchemaVersion(1)
public record ListingPublished(String listingId) implements ListingEvent {
}
