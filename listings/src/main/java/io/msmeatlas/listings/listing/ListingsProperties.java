package io.msmeatlas.listings.listing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param moderation whether a submitted listing waits for an administrator
 * @param expiryPeriod how long a listing stays on the market after it is published or returned to it
 * @param expiryScheduler the durable scheduler that fires expiries
 */
@ConfigurationProperties("atlas.listings")
public record ListingsProperties(
        @DefaultValue Moderation moderation,
        @DefaultValue("P90D") Duration expiryPeriod,
        @DefaultValue ExpiryScheduler expiryScheduler) {

    /** @param autoApprove true: submitting publishes at once (no review) */
    public record Moderation(@DefaultValue("false") boolean autoApprove) {
    }

    /**
     * @param pollingInterval how often each instance looks for due expiries (an expiry fires at most this late)
     * @param threads how many expiries one instance handles at once
     * @param shutdownMaxWait how long a stopping instance lets a running expiry finish
     */
    public record ExpiryScheduler(
            @DefaultValue("10s") Duration pollingInterval,
            @DefaultValue("2") int threads,
            @DefaultValue("10s") Duration shutdownMaxWait) {
    }
}
