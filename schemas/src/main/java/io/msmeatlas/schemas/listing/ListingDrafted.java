package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;

/**
 * A seller created a listing; it is not visible to buyers until published. v2 carries the full MSME
 * details and their Udyam classification (null for an upcast v1 event).
 */
@SchemaVersion(2)
public record ListingDrafted(String listingId, String sellerId, ListingDetails details,
        UdyamClassification classification) implements ListingEvent {
}
