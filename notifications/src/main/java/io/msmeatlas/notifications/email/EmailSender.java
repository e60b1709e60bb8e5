package io.msmeatlas.notifications.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.notifications.NotificationsProperties;
import io.msmeatlas.notifications.intake.Recipients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the email queue over SMTP on a schedule, apart from the inbox: a notification is stored and
 * pushed whatever the mail server does. A failure is retried after a backoff that doubles per attempt
 * (up to {@code max-backoff}); after {@code max-attempts} the email is given up (kept, marked failed).
 * A user whose address is not known yet is retried the same way. At least once: an email sent just
 * before a crash that kept its row from being marked may be sent again.
 */
public class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final EmailQueue queue;
    private final Recipients recipients;
    private final JavaMailSender mail;
    private final TransactionTemplate transaction;
    private final NotificationsProperties.Email settings;
    private final Clock clock;
    private final Counter sent;
    private final Counter failures;
    private final Counter givenUp;

    public EmailSender(EmailQueue queue, Recipients recipients, JavaMailSender mail, TransactionTemplate transaction,
            NotificationsProperties.Email settings, Clock clock, MeterRegistry meters) {
        this.queue = queue;
        this.recipients = recipients;
        this.mail = mail;
        this.transaction = transaction;
        this.settings = settings;
        this.clock = clock;
        this.sent = Counter.builder("notifications.email.sent").description("Emails the SMTP server accepted")
                .register(meters);
        this.failures = Counter.builder("notifications.email.failures").description("Failed send attempts")
                .register(meters);
        this.givenUp = Counter.builder("notifications.email.given.up")
                .description("Emails given up after the last attempt").register(meters);
        Gauge.builder("notifications.email.pending", queue, EmailQueue::pending)
                .description("Emails waiting to be sent").register(meters);
    }

    @Scheduled(fixedDelayString = "${atlas.notifications.email.poll:2s}")
    public void drain() {
        int sentNow;
        do {
            Integer count = transaction.execute(status -> sendBatch());
            sentNow = count == null ? 0 : count;
        } while (sentNow == settings.batchSize());
    }

    private int sendBatch() {
        List<EmailQueue.Queued> due = queue.due(clock.instant(), settings.batchSize());
        for (EmailQueue.Queued email : due) {
            send(email);
        }
        return due.size();
    }

    private void send(EmailQueue.Queued email) {
        Instant now = clock.instant();
        Optional<Recipients.Recipient> recipient = recipients.of(email.userId());
        if (recipient.isEmpty()) {
            failed(email, now, "no email address known for user " + email.userId() + " yet");
            return;
        }
        try {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(settings.from());
            message.setTo(recipient.get().email());
            message.setSubject(email.subject());
            message.setText(email.body());
            mail.send(message);
            queue.sent(email.id(), now);
            sent.increment();
        } catch (MailException e) {
            failures.increment();
            failed(email, now, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void failed(EmailQueue.Queued email, Instant now, String error) {
        int attempt = email.attempts() + 1;
        if (attempt >= settings.maxAttempts()) {
            log.warn("Giving up email {} to user {} after {} attempts: {}", email.id(), email.userId(), attempt, error);
            queue.gaveUp(email.id(), now, error);
            givenUp.increment();
            return;
        }
        Duration wait = backoff(attempt);
        log.info("Email {} to user {} failed (attempt {}), retrying in {}: {}", email.id(), email.userId(), attempt,
                wait, error);
        queue.retryAt(email.id(), now.plus(wait), error);
    }

    Duration backoff(int attempt) {
        long millis = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }
}
