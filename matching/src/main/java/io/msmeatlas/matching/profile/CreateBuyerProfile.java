package io.msmeatlas.matching.profile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A buyer saves a new profile. */
record CreateBuyerProfile(@TargetAggregateIdentifier String profileId, String buyerId, ValidProfile profile) {
}
