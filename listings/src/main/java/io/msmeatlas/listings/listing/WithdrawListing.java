package io.msmeatlas.listings.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record WithdrawListing(@TargetAggregateIdentifier String listingId, String reason) {
}
