package io.msmeatlas.notifications.inbox;

import io.msmeatlas.notifications.Draft;
import io.msmeatlas.notifications.Notification;
import io.msmeatlas.notifications.NotificationType;
import io.msmeatlas.schemas.EventJson;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The users' inboxes in PostgreSQL. A user's notifications are numbered in the order they commit: the
 * user's {@code inbox_sequence} row is locked from the moment a number is taken to the commit, so
 * "after number N" never misses one that commits late.
 */
public class Inbox {

    private static final String COLUMNS = """
            select user_id, seq, event_id, type, title, body, link, data::text, created_at, read_at from notification""";

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the draft as the user's next notification, in the caller's transaction; empty when this
     * event already notified this user (a redelivery).
     */
    public Optional<Notification> add(Draft draft, Instant now) {
        jdbc.update("insert into inbox_sequence (user_id, last_seq) values (?, 0) on conflict (user_id) do nothing",
                draft.userId());
        // The lock serialises a user's notifications until commit; the duplicate check comes after it.
        Long last = jdbc.queryForObject("select last_seq from inbox_sequence where user_id = ? for update",
                Long.class, draft.userId());
        Boolean seen = jdbc.queryForObject("select exists (select 1 from notification where user_id = ? and event_id = ?)",
                Boolean.class, draft.userId(), draft.eventId());
        if (Boolean.TRUE.equals(seen)) {
            return Optional.empty();
        }
        long seq = last + 1;
        jdbc.update("""
                insert into notification (user_id, seq, event_id, type, title, body, link, data, created_at)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""",
                draft.userId(), seq, draft.eventId(), draft.type().name(), draft.title(), draft.body(), draft.link(),
                new String(EventJson.write(draft.data()), StandardCharsets.UTF_8), Timestamp.from(now));
        jdbc.update("update inbox_sequence set last_seq = ? where user_id = ?", seq, draft.userId());
        return Optional.of(new Notification(seq, draft.userId(), draft.eventId(), draft.type(), draft.title(),
                draft.body(), draft.link(), draft.data(), now, null));
    }

    /** Newest first, before notification {@code before} (exclusive) when given. */
    public List<Notification> page(String userId, Long before, int limit, boolean unreadOnly) {
        return jdbc.query(COLUMNS + " where user_id = ? and seq < ?" + (unreadOnly ? " and read_at is null" : "")
                + " order by seq desc limit ?", Inbox::row, userId, before == null ? Long.MAX_VALUE : before, limit);
    }

    /** Oldest first, after notification {@code after} (exclusive): what a reconnecting stream missed. */
    public List<Notification> after(String userId, long after, int limit) {
        return jdbc.query(COLUMNS + " where user_id = ? and seq > ? order by seq limit ?", Inbox::row, userId, after,
                limit);
    }

    public long unread(String userId) {
        Long count = jdbc.queryForObject("select count(*) from notification where user_id = ? and read_at is null",
                Long.class, userId);
        return count == null ? 0 : count;
    }

    /** False when the user has no such notification. Marking a read one again keeps its first read time. */
    public boolean markRead(String userId, long id, Instant now) {
        jdbc.update("update notification set read_at = ? where user_id = ? and seq = ? and read_at is null",
                Timestamp.from(now), userId, id);
        Integer found = jdbc.queryForObject("select count(*) from notification where user_id = ? and seq = ?",
                Integer.class, userId, id);
        return found != null && found > 0;
    }

    public int markAllRead(String userId, Instant now) {
        return jdbc.update("update notification set read_at = ? where user_id = ? and read_at is null",
                Timestamp.from(now), userId);
    }

    /** The number of each user's latest notification (users without any are absent). */
    public Map<String, Long> latest(Collection<String> userIds) {
        Map<String, Long> latest = new HashMap<>();
        if (userIds.isEmpty()) {
            return latest;
        }
        jdbc.query("select user_id, last_seq from inbox_sequence where user_id = any(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", userIds.toArray())),
                (RowCallbackHandler) rs -> latest.put(rs.getString(1), rs.getLong(2)));
        return latest;
    }

    @SuppressWarnings("unchecked")
    private static Notification row(ResultSet rs, int n) throws SQLException {
        String data = rs.getString(8);
        Timestamp read = rs.getTimestamp(10);
        return new Notification(rs.getLong(2), rs.getString(1), rs.getString(3),
                NotificationType.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                data == null ? Map.of() : EventJson.read(data.getBytes(StandardCharsets.UTF_8), Map.class),
                rs.getTimestamp(9).toInstant(), read == null ? null : read.toInstant());
    }
}
