package io.msmeatlas.auth.user;

import io.msmeatlas.web.RequestIdFilter;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates accounts. The email claim ({@code user_emails}, unique), the credentials and the
 * {@code UserRegistered} event with its outbox row commit in one PostgreSQL transaction: the Axon
 * command joins the transaction opened here. So a duplicate email stores nothing, and an account
 * never exists without its password or its event.
 */
@Component
class Registration {

    private final CommandGateway commands;
    private final Credentials credentials;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    Registration(CommandGateway commands, Credentials credentials, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.commands = commands;
        this.credentials = credentials;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    UserAccount register(String email, String password, String displayName, Role role) {
        String normalized = Emails.normalize(email);
        String name = displayName.strip();
        String userId = UUID.randomUUID().toString();
        String hash = credentials.hash(password);
        transaction.executeWithoutResult(status -> {
            // Waits for a concurrent claim of the same email to commit or roll back, then loses or wins.
            int claimed = jdbc.update("insert into user_emails (email, user_id) values (?, ?) on conflict do nothing",
                    normalized, userId);
            if (claimed == 0) {
                throw new EmailAlreadyRegistered();
            }
            credentials.store(userId, hash);
            commands.sendAndWait(new RegisterUser(userId, normalized, name, role), metaData());
        });
        return new UserAccount(userId, normalized, name, List.of(role.name()));
    }

    void grant(String userId, Role role) {
        commands.sendAndWait(new GrantRole(userId, role), metaData());
    }

    private static MetaData metaData() {
        String requestId = RequestIdFilter.current();
        return requestId == null ? MetaData.emptyInstance() : MetaData.with("requestId", requestId);
    }
}
