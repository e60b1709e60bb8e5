package io.msmeatlas.matching.deal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A match's id is derived from its profile and listing, so proposing the same pair again reaches the
 * same aggregate: re-running the worker on the same inputs changes nothing.
 */
public final class MatchIds {

    private MatchIds() {
    }

    public static String of(String profileId, String listingId) {
        return UUID.nameUUIDFromBytes(("match:" + profileId + ":" + listingId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
