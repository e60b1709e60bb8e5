package io.msmeatlas.notifications;

import java.util.Map;

/**
 * A notification to deliver to one user, for one event ({@code eventId}, its {@code ce_id}: the same
 * event never notifies the same user twice). {@code link} is a path on the platform's API.
 */
public record Draft(String userId, String eventId, NotificationType type, String title, String body, String link,
        Map<String, Object> data) {

    public Draft {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
