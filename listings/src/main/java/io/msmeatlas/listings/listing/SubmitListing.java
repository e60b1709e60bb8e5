package io.msmeatlas.listings.listing;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The seller asks for review. With moderation off ({@code autoApprove}) the listing is published at
 * once and expires at {@code expiresAt}.
 */
record SubmitListing(@TargetAggregateIdentifier String listingId, String requestedBy, boolean autoApprove,
        Instant expiresAt, Long expectedVersion) {
}
