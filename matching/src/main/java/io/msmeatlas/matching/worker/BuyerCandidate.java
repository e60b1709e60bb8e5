package io.msmeatlas.matching.worker;

import io.msmeatlas.schemas.buyer.BuyerCriteria;

/** What scoring needs of an active buyer profile. */
public record BuyerCandidate(String profileId, String buyerId, BuyerCriteria criteria) {
}
