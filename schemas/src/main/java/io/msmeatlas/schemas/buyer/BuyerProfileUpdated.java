package io.msmeatlas.schemas.buyer;

import io.msmeatlas.schemas.SchemaVersion;
import java.util.List;

/**
 * The buyer changed the profile. Carries the whole profile after the change, so a subscriber never
 * needs earlier events, and names the top-level fields that changed ({@code name}, {@code criteria},
 * {@code contact}).
 */
@SchemaVersion(1)
public record BuyerProfileUpdated(String profileId, String name, BuyerCriteria criteria, BuyerContact contact,
        List<String> changedFields) implements BuyerProfileEvent {

    public BuyerProfileUpdated {
        changedFields = List.copyOf(changedFields);
    }
}
