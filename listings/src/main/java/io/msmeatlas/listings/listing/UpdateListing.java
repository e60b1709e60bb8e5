package io.msmeatlas.listings.listing;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes the fields {@code changes} names. {@code expectedVersion} is the client's If-Match (null:
 * any version); {@code today} (in India) decides which Udyam rules reclassify the listing.
 */
record UpdateListing(@TargetAggregateIdentifier String listingId, ListingChanges changes, String requestedBy,
        LocalDate today, Long expectedVersion) {
}
