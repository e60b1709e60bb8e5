package io.msmeatlas.valuation.listing;

import java.util.Set;

/**
 * What the valuation service knows of a listing from its events: its seller and lifecycle status
 * (for who may read its valuations) and the listing version last valued.
 */
public record KnownListing(String listingId, String sellerId, String status, long sequence, Long valuedVersion) {

    /** As the listings read API: buyers see published, under-offer and sold listings. */
    private static final Set<String> VISIBLE_TO_BUYERS = Set.of("PUBLISHED", "UNDER_OFFER", "SOLD");

    public boolean visibleToBuyers() {
        return status != null && VISIBLE_TO_BUYERS.contains(status);
    }

    public boolean soldBy(String userId) {
        return sellerId != null && sellerId.equals(userId);
    }
}
