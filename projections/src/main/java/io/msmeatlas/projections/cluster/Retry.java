package io.msmeatlas.projections.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Rides out the moments when a copy is there but cannot be read: while the group moves a partition,
 * Kafka Streams closes the standby task and opens the active one on the same instance, and for a
 * moment the store "does not exist". Short pauses on the request thread, within a bound.
 *
 * <p>An attempt that throws {@link InvalidStateStoreException} is tried again; a
 * {@link PartitionsUnavailableException} is a decision (no instance can answer), not a passing
 * state, and is thrown at once.
 */
final class Retry {

    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long started = System.nanoTime();
    private final long budgetNanos;
    private long pause = FIRST_PAUSE_NANOS;

    private Retry(Duration budget) {
        this.budgetNanos = budget.toNanos();
    }

    /** Reads until a read succeeds or {@code budget} has passed, then throws the last failure. */
    static <T> T reading(Duration budget, Supplier<T> read) {
        Retry retry = new Retry(budget);
        while (true) {
            try {
                return read.get();
            } catch (PartitionsUnavailableException e) {
                throw e;
            } catch (InvalidStateStoreException e) {
                if (!retry.pause()) {
                    throw e;
                }
            }
        }
    }

    /**
     * Makes attempts until one gives a result or {@code budget} has passed; then the last failure is
     * thrown, or {@code giveUp}'s exception if the last attempt was merely empty.
     */
    static <T> T until(Duration budget, Supplier<Optional<T>> attempt, Supplier<RuntimeException> giveUp) {
        Retry retry = new Retry(budget);
        while (true) {
            RuntimeException failure;
            try {
                Optional<T> result = attempt.get();
                if (result.isPresent()) {
                    return result.get();
                }
                failure = giveUp.get();
            } catch (PartitionsUnavailableException e) {
                throw e;
            } catch (InvalidStateStoreException e) {
                failure = e;
            }
            if (!retry.pause()) {
                throw failure;
            }
        }
    }

    /** Waits a little longer each time; false once the budget is spent. */
    private boolean pause() {
        long left = started + budgetNanos - System.nanoTime();
        if (left <= 0 || Thread.currentThread().isInterrupted()) {
            return false;
        }
        LockSupport.parkNanos(Math.min(pause, left));
        pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        return true;
    }
}
