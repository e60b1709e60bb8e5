package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;
import java.time.Instant;

/** The offer fell through: the listing is published again and expires at {@code expiresAt}. */
@SchemaVersion(1)
public record ListingReturnedToMarket(String listingId, Instant expiresAt) implements ListingEvent {
}
