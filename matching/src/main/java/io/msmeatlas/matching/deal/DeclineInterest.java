package io.msmeatlas.matching.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The listing's seller declines the buyer's interest, with an optional reason. */
record DeclineInterest(@TargetAggregateIdentifier String matchId, String requestedBy, String reason,
        Long expectedVersion) {
}
