package io.msmeatlas.listings.listing;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator publishes a submitted listing until {@code expiresAt}. */
record ApproveListing(@TargetAggregateIdentifier String listingId, String approvedBy, Instant expiresAt,
        Long expectedVersion) {
}
