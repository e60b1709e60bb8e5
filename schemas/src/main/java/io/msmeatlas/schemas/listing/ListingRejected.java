package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;

/** An administrator declined to publish the listing, with a reason the seller sees; the seller may fix it and submit again. */
@SchemaVersion(1)
public record ListingRejected(String listingId, String reason) implements ListingEvent {
}
