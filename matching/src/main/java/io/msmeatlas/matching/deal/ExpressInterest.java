package io.msmeatlas.matching.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The match's buyer asks the seller for access, with an optional message. */
record ExpressInterest(@TargetAggregateIdentifier String matchId, String requestedBy, String message,
        Long expectedVersion) {
}
