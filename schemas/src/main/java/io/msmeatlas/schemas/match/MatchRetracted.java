package io.msmeatlas.schemas.match;

import io.msmeatlas.schemas.SchemaVersion;

/**
 * The match no longer stands: the listing left the market, the buyer paused the profile, or an update
 * of either side brought the score under the threshold. A match whose interest the seller accepted is
 * never retracted: the deal goes on.
 */
@SchemaVersion(1)
public record MatchRetracted(String matchId, Reason reason) implements MatchEvent {

    public enum Reason {
        /** Sold, withdrawn, expired, suspended or rejected. */
        LISTING_CLOSED,
        PROFILE_PAUSED,
        /** Still live, but no longer scores at the threshold. */
        NO_LONGER_MATCHES
    }
}
