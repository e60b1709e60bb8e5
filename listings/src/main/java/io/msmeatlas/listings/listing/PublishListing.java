package io.msmeatlas.listings.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record PublishListing(@TargetAggregateIdentifier String listingId, String requestedBy) {
}
