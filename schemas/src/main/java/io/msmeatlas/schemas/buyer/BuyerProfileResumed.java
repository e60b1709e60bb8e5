package io.msmeatlas.schemas.buyer;

import io.msmeatlas.schemas.SchemaVersion;

/** The buyer is looking again: the profile is matched against the live listings anew. */
@SchemaVersion(1)
public record BuyerProfileResumed(String profileId) implements BuyerProfileEvent {
}
