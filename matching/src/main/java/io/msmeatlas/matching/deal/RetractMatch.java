package io.msmeatlas.matching.deal;

import io.msmeatlas.schemas.match.MatchRetracted;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The worker withdraws a proposed match. Idempotent; a match whose interest was accepted stays. */
public record RetractMatch(@TargetAggregateIdentifier String matchId, MatchRetracted.Reason reason) {
}
