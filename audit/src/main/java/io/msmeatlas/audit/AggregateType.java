package io.msmeatlas.audit;

import io.msmeatlas.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where one aggregate type's events live (the owning service's PostgreSQL schema and its Kafka topic),
 * and the few rules of the generic state fold. A new aggregate type is one more entry in {@link #ALL}.
 *
 * @param statusByEvent event name to the {@code status} it sets
 * @param ignoredFields payload fields that describe the change, not the state (not folded)
 * @param accumulated   payload field to the array it is added to, for facts that add up (roles)
 */
record AggregateType(String name, String schema, String topic, Map<String, String> statusByEvent,
        Set<String> ignoredFields, Map<String, String> accumulated) {

    static final Map<String, AggregateType> ALL = index(
            new AggregateType("listing", "listings", Topics.LISTING_EVENTS,
                    Map.ofEntries(Map.entry("ListingDrafted", "DRAFT"), Map.entry("ListingSubmitted", "SUBMITTED"),
                            Map.entry("ListingPublished", "PUBLISHED"), Map.entry("ListingRejected", "REJECTED"),
                            Map.entry("ListingSuspended", "SUSPENDED"),
                            Map.entry("ListingMarkedUnderOffer", "UNDER_OFFER"),
                            Map.entry("ListingReturnedToMarket", "PUBLISHED"), Map.entry("ListingSold", "SOLD"),
                            Map.entry("ListingExpired", "EXPIRED"), Map.entry("ListingWithdrawn", "WITHDRAWN")),
                    Set.of("changedFields"), Map.of()),
            new AggregateType("user", "auth", Topics.USER_EVENTS, Map.of(), Set.of(), Map.of("role", "roles")),
            // One per listing (id = listing id): its valuations in order.
            new AggregateType("valuation", "valuation", Topics.VALUATION_EVENTS,
                    Map.of("ValuationCompleted", "VALUED", "ValuationFailed", "FAILED",
                            "ValuationOverridden", "OVERRIDDEN"),
                    Set.of(), Map.of()),
            // The matching service's store holds buyer profiles and matches (id = match id) alike, on one
            // topic: this one entry covers both, so verify reads that store once.
            new AggregateType("buyer-profile", "matching", Topics.MATCH_EVENTS,
                    Map.of("BuyerProfileCreated", "ACTIVE", "BuyerProfilePaused", "PAUSED",
                            "BuyerProfileResumed", "ACTIVE", "MatchProposed", "PROPOSED",
                            "MatchRetracted", "RETRACTED"),
                    Set.of("changedFields"), Map.of()));

    static Map<String, AggregateType> index(AggregateType... types) {
        Map<String, AggregateType> byName = new LinkedHashMap<>();
        for (AggregateType type : types) {
            byName.put(type.name(), type);
        }
        return Map.copyOf(byName);
    }
}
