package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;
import java.util.List;

/**
 * The seller changed the listing. Carries the full details after the change and their
 * classification, so a subscriber never needs earlier events to know the current state, and names
 * the fields that changed.
 */
@SchemaVersion(2)
public record ListingUpdated(String listingId, ListingDetails details, UdyamClassification classification,
        List<String> changedFields) implements ListingEvent {

    public ListingUpdated {
        changedFields = List.copyOf(changedFields);
    }
}
