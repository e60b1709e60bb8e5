package io.msmeatlas.schemas.buyer;

import io.msmeatlas.schemas.SchemaVersion;

/** The buyer stopped looking for now: the profile's open matches are retracted and no new ones are made. */
@SchemaVersion(1)
public record BuyerProfilePaused(String profileId) implements BuyerProfileEvent {
}
