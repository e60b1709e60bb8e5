package io.msmeatlas.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.notifications.NotificationType.Channels;
import io.msmeatlas.notifications.email.EmailQueue;
import io.msmeatlas.notifications.email.EmailTemplates;
import io.msmeatlas.notifications.inbox.Inbox;
import io.msmeatlas.notifications.inbox.Preferences;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers drafts to the channels their users want, in the caller's transaction: the inbox (and so the
 * live push, after commit) and the email queue. Each is de-duplicated by (user, event), so a
 * redelivered event stores, pushes and emails nothing.
 */
public class Deliveries {

    private final Inbox inbox;
    private final Preferences preferences;
    private final EmailQueue emails;
    private final EmailTemplates templates;
    private final boolean emailEnabled;
    private final Clock clock;
    private final Counter stored;
    private final Counter duplicates;

    public Deliveries(Inbox inbox, Preferences preferences, EmailQueue emails, EmailTemplates templates,
            boolean emailEnabled, Clock clock, MeterRegistry meters) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.emails = emails;
        this.templates = templates;
        this.emailEnabled = emailEnabled;
        this.clock = clock;
        this.stored = Counter.builder("notifications.stored").description("Notifications added to inboxes")
                .register(meters);
        this.duplicates = Counter.builder("notifications.duplicates")
                .description("Notifications of an event already delivered (redeliveries)").register(meters);
    }

    /** The notifications stored in inboxes, to push once the transaction commits. */
    public List<Notification> deliver(List<Draft> drafts) {
        List<Notification> added = new ArrayList<>(drafts.size());
        Instant now = clock.instant();
        for (Draft draft : drafts) {
            Channels channels = preferences.of(draft.userId(), draft.type());
            if (channels.inApp()) {
                Optional<Notification> notification = inbox.add(draft, now);
                notification.ifPresent(added::add);
                (notification.isPresent() ? stored : duplicates).increment();
            }
            if (emailEnabled && channels.email()) {
                emails.add(draft.userId(), draft.eventId(), draft.type().name(), templates.render(draft), now);
            }
        }
        return added;
    }
}
