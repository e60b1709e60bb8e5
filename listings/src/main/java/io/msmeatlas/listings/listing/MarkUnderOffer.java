package io.msmeatlas.listings.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller accepted an offer; the listing stays visible and stops expiring. */
record MarkUnderOffer(@TargetAggregateIdentifier String listingId, String requestedBy, Long expectedVersion) {
}
