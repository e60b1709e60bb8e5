package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the listing's details; a null field in {@code changes} leaves that field as it is. */
record UpdateListing(@TargetAggregateIdentifier String listingId, ListingDetails changes, String requestedBy) {
}
