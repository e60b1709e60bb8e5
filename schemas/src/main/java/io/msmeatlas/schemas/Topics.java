package io.msmeatlas.schemas;

/** Topic names are part of the public contract: one writer per topic. */
public final class Topics {

    /** Written by the listings service only; key = listing id. */
    public static final String LISTING_EVENTS = "msme.listing.events";

    /** Written by the auth service only; key = user id. */
    public static final String USER_EVENTS = "msme.user.events";

    /** Default partition count for event topics; per-aggregate order holds because key = aggregate id. */
    public static final int DEFAULT_PARTITIONS = 6;

    private Topics() {
    }
}
