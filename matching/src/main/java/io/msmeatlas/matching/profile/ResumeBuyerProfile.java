package io.msmeatlas.matching.profile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record ResumeBuyerProfile(@TargetAggregateIdentifier String profileId, String requestedBy, Long expectedVersion) {
}
