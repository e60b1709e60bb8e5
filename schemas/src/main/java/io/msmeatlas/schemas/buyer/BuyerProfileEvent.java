package io.msmeatlas.schemas.buyer;

/**
 * Every event of the BuyerProfile aggregate: a buyer's acquisition criteria. Published on
 * {@code msme.match.events} (the matching service's one topic) with key = profile id; sealed so that
 * subscribers' switches stay exhaustive.
 */
public sealed interface BuyerProfileEvent
        permits BuyerProfileCreated, BuyerProfileUpdated, BuyerProfilePaused, BuyerProfileResumed {

    String profileId();
}
