package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;

/** The seller asked for the listing to be reviewed and published. */
@SchemaVersion(1)
public record ListingSubmitted(String listingId) implements ListingEvent {
}
