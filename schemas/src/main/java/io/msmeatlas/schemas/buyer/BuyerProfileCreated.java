package io.msmeatlas.schemas.buyer;

import io.msmeatlas.schemas.SchemaVersion;

/**
 * A buyer saved acquisition criteria; the profile is active (matched) from now on. {@code contact} is
 * confidential: it is shown to a seller only after the seller accepts the buyer's interest.
 */
@SchemaVersion(1)
public record BuyerProfileCreated(String profileId, String buyerId, String name, BuyerCriteria criteria,
        BuyerContact contact) implements BuyerProfileEvent {
}
