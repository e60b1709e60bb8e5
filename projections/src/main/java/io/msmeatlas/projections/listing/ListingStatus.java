package io.msmeatlas.projections.listing;

import java.util.EnumSet;
import java.util.Set;

/** Where a listing is in its life. */
public enum ListingStatus {
    DRAFT,
    SUBMITTED,
    PUBLISHED,
    UNDER_OFFER,
    SOLD,
    WITHDRAWN,
    REJECTED,
    SUSPENDED,
    EXPIRED;

    /** The statuses buyers find in search. */
    public static final Set<ListingStatus> LIVE = Set.copyOf(EnumSet.of(PUBLISHED, UNDER_OFFER));

    /** The statuses any signed-in user may open by id: live listings and sold ones. */
    public static final Set<ListingStatus> PUBLIC = Set.copyOf(EnumSet.of(PUBLISHED, UNDER_OFFER, SOLD));
}
