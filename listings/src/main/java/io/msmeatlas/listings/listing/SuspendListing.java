package io.msmeatlas.listings.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator takes a listing on the market off it, telling the seller why. */
record SuspendListing(@TargetAggregateIdentifier String listingId, String reason, Long expectedVersion) {
}
