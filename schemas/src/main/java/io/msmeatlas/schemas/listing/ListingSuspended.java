package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;

/** An administrator took a published listing off the market, with a reason; the seller may fix it and submit again. */
@SchemaVersion(1)
public record ListingSuspended(String listingId, String reason) implements ListingEvent {
}
