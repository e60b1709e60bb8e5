package io.msmeatlas.notifications.intake;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Where to email each user ({@code recipient}), from the user events. */
public class Recipients {

    public record Recipient(String email, String displayName) {
    }

    private final JdbcTemplate jdbc;

    public Recipients(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Recipient> of(String userId) {
        return jdbc.query("select email, display_name from recipient where user_id = ?",
                (rs, n) -> new Recipient(rs.getString(1), rs.getString(2)), userId).stream().findFirst();
    }

    void registered(String userId, String email, String displayName) {
        jdbc.update("""
                insert into recipient (user_id, email, display_name) values (?, ?, ?)
                on conflict (user_id) do update set email = excluded.email, display_name = excluded.display_name""",
                userId, email, displayName);
    }
}
