package io.msmeatlas.lagexporter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a round every {@code interval} on one thread and publishes it; scrapes read the last round, so
 * the cost on the brokers does not grow with the number of Prometheus servers or their scrape rate.
 * After a failed round the last good one stays published for up to three intervals, then the series
 * are withdrawn rather than repeating stale lags; {@code kafka_lag_exporter_snapshot_age_seconds}
 * says how old what is published is.
 */
final class LagExporter implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(LagExporter.class);
    private static final int STALE_AFTER_INTERVALS = 3;

    private final LagSampler sampler;
    private final LagMetrics metrics;
    private final Duration interval;
    private final Clock clock;
    private final Timer succeeded;
    private final Timer failed;
    private final Object roundLock = new Object();
    private ScheduledExecutorService scheduler;
    private volatile LagSnapshot lastGood;
    private volatile String lastError;

    LagExporter(LagSampler sampler, LagMetrics metrics, Duration interval, Clock clock, MeterRegistry meters) {
        this.sampler = sampler;
        this.metrics = metrics;
        this.interval = interval;
        this.clock = clock;
        this.succeeded = Timer.builder("kafka.lag.exporter.round").tag("outcome", "success")
                .description("Rounds of AdminClient calls and record reads").register(meters);
        this.failed = Timer.builder("kafka.lag.exporter.round").tag("outcome", "failure")
                .description("Rounds of AdminClient calls and record reads").register(meters);
        Gauge.builder("kafka.lag.exporter.snapshot.age", this, LagExporter::snapshotAgeSeconds).baseUnit("seconds")
                .description("Age of the published lags (NaN before the first successful round)").register(meters);
    }

    /** One round now. The scheduler and a caller never use the Kafka clients at once. */
    void round() {
        synchronized (roundLock) {
            sampleAndPublish();
        }
    }

    private void sampleAndPublish() {
        long start = System.nanoTime();
        try {
            LagSnapshot snapshot = sampler.sample();
            metrics.publish(snapshot);
            lastGood = snapshot;
            lastError = null;
            succeeded.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
            // Shutting down.
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            lastError = e.toString();
            log.warn("Lag round failed: {}", e.toString());
            if (isStale()) {
                metrics.publish(LagSnapshot.empty(clock.instant()));
            }
        }
    }

    LagSnapshot lastGood() {
        return lastGood;
    }

    @Override
    public Health health() {
        LagSnapshot good = lastGood;
        if (good == null && lastError == null) {
            return Health.unknown().withDetail("round", "the first round has not finished yet").build();
        }
        Health.Builder health = isStale() ? Health.down() : Health.up();
        if (good != null) {
            health.withDetail("lastRound", good.takenAt().toString())
                    .withDetail("groups", good.members().size())
                    .withDetail("partitions", good.partitions().size());
        }
        if (lastError != null) {
            health.withDetail("lastError", lastError);
        }
        return health.build();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lag-exporter");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            running.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private boolean isStale() {
        LagSnapshot good = lastGood;
        return good == null || Duration.between(good.takenAt(), clock.instant())
                .compareTo(interval.multipliedBy(STALE_AFTER_INTERVALS)) > 0;
    }

    private double snapshotAgeSeconds() {
        LagSnapshot good = lastGood;
        return good == null ? Double.NaN : Duration.between(good.takenAt(), clock.instant()).toMillis() / 1000.0;
    }
}
