package io.msmeatlas.listings.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The business was sold. */
record MarkSold(@TargetAggregateIdentifier String listingId, String requestedBy, Long expectedVersion) {
}
