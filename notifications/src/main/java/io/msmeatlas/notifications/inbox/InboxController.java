package io.msmeatlas.notifications.inbox;

import io.msmeatlas.notifications.Notification;
import io.msmeatlas.notifications.NotificationType;
import io.msmeatlas.notifications.NotificationType.Channels;
import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ProblemException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A signed-in user's own inbox and notification preferences; nobody reads another's. */
@RestController
@RequestMapping("/api/notification")
class InboxController {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final Inbox inbox;
    private final Preferences preferences;
    private final Clock clock;

    InboxController(Inbox inbox, Preferences preferences, Clock clock) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.clock = clock;
    }

    record Page(List<Notification> items, Long nextBefore) {
    }

    record Unread(long unread) {
    }

    record Marked(int marked) {
    }

    record Preference(NotificationType type, boolean inApp, boolean email) {
    }

    record PreferenceChange(Boolean inApp, Boolean email) {
    }

    /** Newest first; pass {@code nextBefore} back as {@code before} for the next page. */
    @GetMapping("/inbox")
    Page list(Caller caller, @RequestParam(required = false) String before, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String unread) {
        int size = number("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        Long from = before == null ? null : (long) number("before", before, 1, Integer.MAX_VALUE, 0);
        boolean unreadOnly = "true".equalsIgnoreCase(unread);
        if (unread != null && !unreadOnly && !"false".equalsIgnoreCase(unread)) {
            throw badRequest("unread must be true or false.");
        }
        List<Notification> items = inbox.page(caller.userId(), from, size + 1, unreadOnly);
        Long next = items.size() > size ? items.get(size - 1).id() : null;
        return new Page(items.subList(0, Math.min(size, items.size())), next);
    }

    @GetMapping("/inbox/unread-count")
    Unread unreadCount(Caller caller) {
        return new Unread(inbox.unread(caller.userId()));
    }

    @PostMapping("/inbox/{id}/read")
    @ApiResponse(responseCode = "204", description = "Marked read")
    ResponseEntity<Void> markRead(Caller caller, @PathVariable String id) {
        long seq;
        try {
            seq = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Notification", id);
        }
        if (!inbox.markRead(caller.userId(), seq, clock.instant())) {
            throw ProblemException.notFound("Notification", id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/inbox/read-all")
    Marked markAllRead(Caller caller) {
        return new Marked(inbox.markAllRead(caller.userId(), clock.instant()));
    }

    @GetMapping("/preferences")
    List<Preference> preferences(Caller caller) {
        return preferences.of(caller.userId()).entrySet().stream()
                .map(e -> new Preference(e.getKey(), e.getValue().inApp(), e.getValue().email())).toList();
    }

    /** Switches channels of one type on or off; a channel left out keeps its setting. */
    @PutMapping("/preferences/{type}")
    Preference setPreference(Caller caller, @PathVariable String type, @RequestBody PreferenceChange change) {
        NotificationType which = type(type);
        if (change == null || (change.inApp() == null && change.email() == null)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed",
                    "Name at least one channel to change.", Map.of("errors",
                            List.of(Map.of("field", "inApp", "message", "inApp or email is required"))));
        }
        Channels current = preferences.of(caller.userId(), which);
        Channels next = new Channels(change.inApp() == null ? current.inApp() : change.inApp(),
                change.email() == null ? current.email() : change.email());
        preferences.set(caller.userId(), which, next);
        return new Preference(which, next.inApp(), next.email());
    }

    private static NotificationType type(String type) {
        try {
            return NotificationType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Unknown notification type",
                    "There is no notification type " + type + "; the types are "
                            + Arrays.toString(NotificationType.values()) + ".");
        }
    }

    private static int number(String name, String value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw badRequest(name + " must be a whole number from " + min + " to " + max + ".");
    }

    private static ProblemException badRequest(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "Invalid parameter", detail);
    }
}
