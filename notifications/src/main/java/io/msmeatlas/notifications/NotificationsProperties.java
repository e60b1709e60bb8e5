package io.msmeatlas.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl where people reach the platform (the gateway), for links in emails
 * @param deadLetterTopic where records that can never become notifications go, with the reason in headers
 * @param valuationTopic the valuation service's events (read by field names, so a newer producer does not break us)
 * @param fanOutTopic the Redis topic every instance publishes new notifications on and listens to
 * @param stream SSE settings
 * @param email the email channel
 * @param redis the Redis that carries the fan-out
 */
@ConfigurationProperties("atlas.notifications")
public record NotificationsProperties(
        @DefaultValue("http://localhost:3000") String publicUrl,
        @DefaultValue("msme.notifications.dlq") String deadLetterTopic,
        @DefaultValue("msme.valuation.events") String valuationTopic,
        @DefaultValue("msme:notifications") String fanOutTopic,
        @DefaultValue Stream stream,
        @DefaultValue Email email,
        @DefaultValue Redis redis) {

    /**
     * @param timeout a connection is closed after this long; the client reconnects with Last-Event-ID
     * @param heartbeat how often an idle connection gets a comment, so proxies keep it open and dead ones are found
     * @param sweep how often each instance checks its connected users' inboxes for anything not pushed (a lost fan-out message)
     * @param replayLimit the most notifications one reconnect replays
     */
    public record Stream(@DefaultValue("30m") Duration timeout, @DefaultValue("15s") Duration heartbeat,
            @DefaultValue("5s") Duration sweep, @DefaultValue("500") int replayLimit) {
    }

    /**
     * @param enabled whether notifications are emailed at all (off: no SMTP server configured)
     * @param from the sender address
     * @param poll how often the sender looks for due emails
     * @param initialBackoff the wait after a first failure; doubles per attempt up to {@code maxBackoff}
     * @param maxAttempts attempts before an email is given up
     */
    public record Email(@DefaultValue("false") boolean enabled, @DefaultValue("notifications@msmeatlas.local") String from,
            @DefaultValue("2s") Duration poll, @DefaultValue("10s") Duration initialBackoff,
            @DefaultValue("1h") Duration maxBackoff, @DefaultValue("10") int maxAttempts,
            @DefaultValue("20") int batchSize) {
    }

    /**
     * @param url {@code redis://} or, for TLS, {@code rediss://}
     * @param timeout each Redis call's limit; the fan-out is best effort, the sweep makes up for it
     * @param sslBundle the SSL bundle whose CAs a {@code rediss://} server must be signed by; none: the JDK's
     */
    public record Redis(@DefaultValue("redis://localhost:6379") String url, @DefaultValue("2s") Duration timeout,
            String sslBundle) {
    }
}
