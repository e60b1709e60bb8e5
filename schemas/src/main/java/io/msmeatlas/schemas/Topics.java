package io.msmeatlas.schemas;

import java.util.Map;

/** Topic names are part of the public contract: one writer per topic. */
public final class Topics {

    /** Written by the listings service only; key = listing id. */
    public static final String LISTING_EVENTS = "msme.listing.events";

    /** Written by the auth service only; key = user id. */
    public static final String USER_EVENTS = "msme.user.events";

    /** Written by the valuation service only; key = listing id (a listing's valuations in order). */
    public static final String VALUATION_EVENTS = "msme.valuation.events";

    /**
     * Written by the matching service only: its buyer-profile events (key = profile id) and match
     * events (key = match id), each aggregate's events in order on one partition.
     */
    public static final String MATCH_EVENTS = "msme.match.events";

    /** Default partition count for event topics; per-aggregate order holds because key = aggregate id. */
    public static final int DEFAULT_PARTITIONS = 6;

    /**
     * Topic settings of every event topic: kept forever, because the topics are the history that
     * read models are rebuilt from and that audits compare with the event store (a broker's default
     * of seven days would silently drop it).
     */
    public static final Map<String, String> EVENT_TOPIC_CONFIG = Map.of(
            "retention.ms", "-1",
            "retention.bytes", "-1",
            "cleanup.policy", "delete");

    /**
     * What every subscriber of an event topic sets: publishers write each batch in a Kafka
     * transaction, and only a {@code read_committed} reader is guaranteed to see every event once
     * and in order (an aborted batch stays in the log, invisible to it).
     */
    public static final Map<String, Object> SUBSCRIBER_CONFIG = Map.of("isolation.level", "read_committed");

    private Topics() {
    }
}
