package io.msmeatlas.listings.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code byAdmin}: an administrator may take any listing off the market; a seller only their own. */
record WithdrawListing(@TargetAggregateIdentifier String listingId, String reason, String requestedBy,
        boolean byAdmin, Long expectedVersion) {
}
