package io.msmeatlas.notifications.inbox;

import io.msmeatlas.notifications.NotificationType;
import io.msmeatlas.notifications.NotificationType.Channels;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/** Which channels each user wants per notification type; the type's defaults where they chose nothing. */
public class Preferences {

    private final JdbcTemplate jdbc;

    public Preferences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<NotificationType, Channels> of(String userId) {
        Map<NotificationType, Channels> channels = new EnumMap<>(NotificationType.class);
        for (NotificationType type : NotificationType.values()) {
            channels.put(type, type.defaults());
        }
        jdbc.query("select type, in_app, email from preference where user_id = ?", (RowCallbackHandler) rs -> {
            try {
                channels.put(NotificationType.valueOf(rs.getString(1)), new Channels(rs.getBoolean(2), rs.getBoolean(3)));
            } catch (IllegalArgumentException retired) {
                // A type this build no longer has.
            }
        }, userId);
        return channels;
    }

    public Channels of(String userId, NotificationType type) {
        return of(userId).get(type);
    }

    public void set(String userId, NotificationType type, Channels channels) {
        jdbc.update("""
                insert into preference (user_id, type, in_app, email) values (?, ?, ?, ?)
                on conflict (user_id, type) do update set in_app = excluded.in_app, email = excluded.email""",
                userId, type.name(), channels.inApp(), channels.email());
    }
}
