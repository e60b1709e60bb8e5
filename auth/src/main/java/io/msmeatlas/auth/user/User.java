package io.msmeatlas.auth.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.msmeatlas.schemas.user.RoleGranted;
import io.msmeatlas.schemas.user.UserRegistered;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An account and the roles it holds. Secrets are not part of it: the password hash lives in the
 * credentials table and tokens in Redis, so no event can ever leak them.
 */
@Aggregate
class User {

    @AggregateIdentifier
    private String id;
    private final Set<Role> roles = EnumSet.noneOf(Role.class);

    User() {
        // for Axon
    }

    @CommandHandler
    User(RegisterUser command) {
        apply(new UserRegistered(command.userId(), command.email(), command.displayName(), command.role().name()));
    }

    /** Granting a role the user already holds is a no-op, so a repeated bootstrap changes nothing. */
    @CommandHandler
    void handle(GrantRole command) {
        if (!roles.contains(command.role())) {
            apply(new RoleGranted(id, command.role().name()));
        }
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        id = event.userId();
        roles.add(Role.valueOf(event.role()));
    }

    @EventSourcingHandler
    void on(RoleGranted event) {
        roles.add(Role.valueOf(event.role()));
    }
}
