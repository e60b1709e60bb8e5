package io.msmeatlas.notifications.email;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Emails waiting to be sent ({@code email_queue}): added in the notification's transaction, taken by
 * the sender with {@code for update skip locked} so that several instances never send the same one.
 * One email per user and event: a redelivered event adds nothing.
 */
public class EmailQueue {

    /** An email to send, as queued. */
    public record Queued(long id, String userId, String eventId, String subject, String body, int attempts) {
    }

    private final JdbcTemplate jdbc;

    public EmailQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String userId, String eventId, String type, EmailTemplates.Email email, Instant now) {
        jdbc.update("""
                insert into email_queue (user_id, event_id, type, subject, body, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (user_id, event_id) do nothing""",
                userId, eventId, type, email.subject(), email.body(), Timestamp.from(now), Timestamp.from(now));
    }

    /** Due emails, oldest first, locked for the caller's transaction. */
    List<Queued> due(Instant now, int limit) {
        return jdbc.query("""
                select id, user_id, event_id, subject, body, attempts from email_queue
                 where sent_at is null and failed_at is null and next_attempt_at <= ?
                 order by next_attempt_at, id limit ? for update skip locked""",
                (rs, n) -> new Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6)), Timestamp.from(now), limit);
    }

    void sent(long id, Instant now) {
        jdbc.update("update email_queue set sent_at = ?, attempts = attempts + 1, last_error = null where id = ?",
                Timestamp.from(now), id);
    }

    void retryAt(long id, Instant next, String error) {
        jdbc.update("update email_queue set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?",
                Timestamp.from(next), truncate(error), id);
    }

    void gaveUp(long id, Instant now, String error) {
        jdbc.update("update email_queue set attempts = attempts + 1, failed_at = ?, last_error = ? where id = ?",
                Timestamp.from(now), truncate(error), id);
    }

    long pending() {
        Long count = jdbc.queryForObject("select count(*) from email_queue where sent_at is null and failed_at is null",
                Long.class);
        return count == null ? 0 : count;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }
}
