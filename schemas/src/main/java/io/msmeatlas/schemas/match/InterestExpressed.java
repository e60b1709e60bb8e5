package io.msmeatlas.schemas.match;

import io.msmeatlas.schemas.SchemaVersion;

/** The buyer asked the seller for access to the listing's confidential details, with an optional message. */
@SchemaVersion(1)
public record InterestExpressed(String matchId, String buyerId, String listingId, String sellerId, String message)
        implements MatchEvent {
}
