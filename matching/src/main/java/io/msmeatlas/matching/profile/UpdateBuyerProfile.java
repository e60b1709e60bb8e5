package io.msmeatlas.matching.profile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The owner replaces the profile whole. {@code expectedVersion} is the client's If-Match (null: any). */
record UpdateBuyerProfile(@TargetAggregateIdentifier String profileId, ValidProfile profile, String requestedBy,
        Long expectedVersion) {
}
