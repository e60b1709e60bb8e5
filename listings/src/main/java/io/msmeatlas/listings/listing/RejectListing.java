package io.msmeatlas.listings.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator declines a submitted listing, telling the seller why. */
record RejectListing(@TargetAggregateIdentifier String listingId, String reason, Long expectedVersion) {
}
