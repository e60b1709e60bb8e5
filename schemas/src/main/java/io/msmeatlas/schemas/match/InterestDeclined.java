package io.msmeatlas.schemas.match;

import io.msmeatlas.schemas.SchemaVersion;

/** The seller declined the buyer's interest, with an optional reason the buyer sees. Final for this match. */
@SchemaVersion(1)
public record InterestDeclined(String matchId, String buyerId, String listingId, String sellerId, String reason)
        implements MatchEvent {
}
