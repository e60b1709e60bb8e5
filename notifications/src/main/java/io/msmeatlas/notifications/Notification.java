package io.msmeatlas.notifications;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One notification in a user's inbox. {@code id} is its place in the user's inbox (1, 2, 3... in the
 * order they were stored), also the SSE event id.
 */
public record Notification(long id, String userId, String eventId, NotificationType type, String title, String body,
        String link, Map<String, Object> data, Instant createdAt, Instant readAt) {

    @JsonProperty("read")
    public boolean read() {
        return readAt != null;
    }
}
