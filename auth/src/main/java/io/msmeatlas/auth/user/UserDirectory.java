package io.msmeatlas.auth.user;

import io.msmeatlas.schemas.user.RoleGranted;
import io.msmeatlas.schemas.user.UserRegistered;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code users} read model, kept by a subscribing processor in the same transaction as the
 * events, so a user can log in and see themselves the moment registration answers.
 */
@Component
@ProcessingGroup("users")
public class UserDirectory {

    private final JdbcTemplate jdbc;

    UserDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered event, @Timestamp Instant at) {
        jdbc.update("""
                insert into users (user_id, email, display_name, roles, registered_at)
                values (?, ?, ?, array[?::text], ?) on conflict (user_id) do nothing""",
                event.userId(), event.email(), event.displayName(), event.role(), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(RoleGranted event) {
        jdbc.update("update users set roles = array_append(roles, ?::text) where user_id = ? and not (?::text = any(roles))",
                event.role(), event.userId(), event.role());
    }

    public Optional<UserAccount> find(String userId) {
        return jdbc.query("select user_id, email, display_name, roles from users where user_id = ?",
                UserDirectory::account, userId).stream().findFirst();
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        String[] roles = (String[]) rs.getArray("roles").getArray();
        return new UserAccount(rs.getString("user_id"), rs.getString("email"), rs.getString("display_name"),
                List.copyOf(Arrays.asList(roles)));
    }
}
