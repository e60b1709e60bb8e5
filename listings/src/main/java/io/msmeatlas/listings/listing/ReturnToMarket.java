package io.msmeatlas.listings.listing;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The offer fell through: published again until {@code expiresAt}. */
record ReturnToMarket(@TargetAggregateIdentifier String listingId, String requestedBy, Instant expiresAt,
        Long expectedVersion) {
}
