package io.msmeatlas.projections.listing;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.FailureReason;

/**
 * An IQv2 query could not be answered on one partition of a store: not hosted here
 * ({@code NOT_PRESENT}), not active, behind the query's position bound ({@code NOT_UP_TO_BOUND}),
 * or failing. Like every {@link InvalidStateStoreException} it answers 503 with {@code Retry-After}
 * unless a caller handles it (read-your-writes waits on {@code NOT_UP_TO_BOUND}).
 */
public class StorePartitionUnavailableException extends InvalidStateStoreException {

    private final String store;
    private final int partition;
    private final FailureReason reason;

    public StorePartitionUnavailableException(String store, int partition, FailureReason reason, String message) {
        super("Store " + store + " partition " + partition + ": " + reason + " (" + message + ")");
        this.store = store;
        this.partition = partition;
        this.reason = reason;
    }

    public String store() {
        return store;
    }

    public int partition() {
        return partition;
    }

    public FailureReason reason() {
        return reason;
    }
}
