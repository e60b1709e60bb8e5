package io.msmeatlas.valuation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param model where the model is on the classpath and how many threads XGBoost may use
 * @param worker the consumer of {@code msme.listing.events}
 * @param estimate the what-if endpoint's per-caller rate limit
 */
@ConfigurationProperties("atlas.valuation")
public record ValuationProperties(@DefaultValue Model model, @DefaultValue Worker worker,
        @DefaultValue Estimate estimate) {

    public record Model(@DefaultValue("model") String location, @DefaultValue("1") int threads) {
    }

    /**
     * @param groupId the worker's own consumer group
     * @param maxBatch records per poll, so per DMatrix when the worker is behind
     * @param deadLetterTopic where records that cannot be read go, with the reason in headers
     */
    public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("msme-valuation") String groupId,
            @DefaultValue("500") int maxBatch, @DefaultValue("1") int concurrency,
            @DefaultValue("msme.valuation.dlq") String deadLetterTopic, @DefaultValue("10s") Duration maxBackoff) {
    }

    /**
     * @param permits estimates a caller may ask for in {@code period}, as a burst
     * @param period how long the bucket takes to refill completely
     * @param maxCallers callers whose buckets are kept (least recently used ones are dropped)
     */
    public record Estimate(@DefaultValue("10") int permits, @DefaultValue("1m") Duration period,
            @DefaultValue("10000") long maxCallers) {
    }
}
