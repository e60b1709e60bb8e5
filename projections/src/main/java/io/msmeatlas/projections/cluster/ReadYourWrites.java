package io.msmeatlas.projections.cluster;

import io.msmeatlas.web.ConsistencyToken;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a query that carries a {@link ConsistencyToken} wait until this instance's copy of the
 * token's partition reflects the command that issued it.
 *
 * <p>With a Kafka position in the token, the wait is an IQv2 key query with a {@link PositionBound}:
 * the store answers {@link FailureReason#NOT_UP_TO_BOUND} until it has applied the record at that
 * offset. Checked against Kafka Streams 4.2.1: the caching layer (which the listing store has) keeps
 * its own position, advanced on every cached write and merged with the underlying store's, so an
 * active answers as soon as the record is processed, before the cache is flushed. A standby learns
 * positions from the changelog, which carries them only with {@link ClusterProperties#streamsSettings()}
 * and only up to the active's last commit. The position moves when the projection writes to the store;
 * a record it skips (a redelivery) does not move it, but the command's own event is always written.
 * <p>Without a position (the outbox had not published the event yet when the command answered), the
 * wait is for the aggregate's local version to reach the token's version.
 *
 * <p>When the wait runs out the caller answers with what it has and {@code X-Consistency: stale}
 * rather than 504: the client gets data that is at most a few seconds old plus a clear signal to
 * retry if it cares, instead of an error for a read that would very likely have been right, and a
 * slow partition does not turn every read of a freshly edited listing into a failure.
 */
public class ReadYourWrites {

    /** What became of the wait. */
    public enum Outcome {
        /** This instance's copy reflects the token: answer normally. */
        SATISFIED,
        /** The wait ran out: answer with the data at hand and {@code X-Consistency: stale}. */
        STALE,
        /** Another instance answers for the token's partition: forward there, or answer normally for the others. */
        NOT_HERE
    }

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ProjectionCluster cluster;
    private final Duration wait;

    /** @param wait how long to wait for a token ({@code consistency-wait}) */
    public ReadYourWrites(ProjectionCluster cluster, Duration wait) {
        this.cluster = cluster;
        this.wait = wait;
    }

    /**
     * The bound a store must reach to reflect the token, if the token names a Kafka position. The
     * store's position is the offset of the last record it applied, so the bound is that offset itself.
     */
    public static Optional<PositionBound> boundOf(ConsistencyToken token) {
        return token.position().map(p ->
                PositionBound.at(Position.fromMap(Map.of(p.topic(), Map.of(p.partition(), p.offset())))));
    }

    /**
     * Waits on this instance for {@code token} in {@code store} (keyed by the aggregate id), when this
     * instance holds a readable copy of the token's partition.
     *
     * @param localVersion the version of an aggregate in this instance's copy (empty when absent), for
     *        tokens without a position
     */
    public Outcome await(String store, ConsistencyToken token, Function<String, OptionalLong> localVersion) {
        int partition = partitionOf(store, token);
        if (!cluster.readablePartitions(store).contains(partition)) {
            return Outcome.NOT_HERE;
        }
        return waitFor(store, token, partition, localVersion);
    }

    /**
     * As {@link #await(String, ConsistencyToken, Function)} for an instance that answers for
     * {@code answering} only (a forwarded or fanned-out query): the token concerns this answer only if
     * its partition is among them, and they were checked readable already.
     */
    public Outcome await(String store, ConsistencyToken token, Function<String, OptionalLong> localVersion,
            Set<Integer> answering) {
        int partition = partitionOf(store, token);
        if (!answering.contains(partition)) {
            return Outcome.NOT_HERE;
        }
        return waitFor(store, token, partition, localVersion);
    }

    private int partitionOf(String store, ConsistencyToken token) {
        return token.position().map(ConsistencyToken.Position::partition)
                .orElseGet(() -> cluster.route(store, token.aggregateId()).partition());
    }

    private Outcome waitFor(String store, ConsistencyToken token, int partition,
            Function<String, OptionalLong> localVersion) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        Optional<PositionBound> bound = boundOf(token);
        while (true) {
            Optional<Outcome> decided = bound.isPresent()
                    ? reachedBound(store, token, partition, bound.get())
                    : reachedVersion(token, localVersion);
            if (decided.isPresent()) {
                return decided.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                log.info("Consistency token {} not reached in store {} partition {} within {}; answering stale",
                        token, store, partition, wait);
                return Outcome.STALE;
            }
            // A request thread parks for a few milliseconds at a time; the whole wait is bounded above.
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    /** Empty while the store is behind the bound or briefly unavailable (a task moving): ask again. */
    private Optional<Outcome> reachedBound(String store, ConsistencyToken token, int partition, PositionBound bound) {
        QueryResult<Object> result;
        try {
            StateQueryRequest<Object> request = StateQueryRequest.inStore(store)
                    .withQuery(KeyQuery.<String, Object>withKey(token.aggregateId()))
                    .withPartitions(Set.of(partition))
                    .withPositionBound(bound);
            result = cluster.query(request).getPartitionResults().get(partition);
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
        if (result != null && result.isSuccess()) {
            return Optional.of(Outcome.SATISFIED);
        }
        FailureReason failure = result == null ? FailureReason.NOT_PRESENT : result.getFailureReason();
        return switch (failure) {
            // Behind, or the task is moving between the stream thread and the state updater: ask again.
            case NOT_UP_TO_BOUND, NOT_PRESENT, NOT_ACTIVE, STORE_EXCEPTION -> Optional.empty();
            case UNKNOWN_QUERY_TYPE, DOES_NOT_EXIST -> throw new IllegalStateException("Position query on store "
                    + store + " partition " + partition + " failed: " + failure + " " + result.getFailureMessage());
        };
    }

    private static Optional<Outcome> reachedVersion(ConsistencyToken token, Function<String, OptionalLong> localVersion) {
        try {
            OptionalLong version = localVersion.apply(token.aggregateId());
            return version.isPresent() && version.getAsLong() >= token.version()
                    ? Optional.of(Outcome.SATISFIED)
                    : Optional.empty();
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }
}
