package io.msmeatlas.matching.profile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record PauseBuyerProfile(@TargetAggregateIdentifier String profileId, String requestedBy, Long expectedVersion) {
}
