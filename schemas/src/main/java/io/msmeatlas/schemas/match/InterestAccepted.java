package io.msmeatlas.schemas.match;

import io.msmeatlas.schemas.SchemaVersion;

/** The seller granted the buyer access; {@link ContactsRevealed} follows in the same command. */
@SchemaVersion(1)
public record InterestAccepted(String matchId, String buyerId, String listingId, String sellerId)
        implements MatchEvent {
}
