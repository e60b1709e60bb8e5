package io.msmeatlas.auth.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record GrantRole(@TargetAggregateIdentifier String userId, Role role) {
}
