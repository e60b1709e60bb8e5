package io.msmeatlas.projections.cluster;

import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * No instance can answer for some partitions of a store right now: the group is forming, every
 * replica is unreachable or too far behind. An {@link InvalidStateStoreException}, so that the query
 * controllers' existing handler answers 503 with {@code Retry-After}, as for a local store that is
 * still loading.
 */
public class PartitionsUnavailableException extends InvalidStateStoreException {

    private static final long serialVersionUID = 1L;

    private final transient Set<Integer> partitions;

    public PartitionsUnavailableException(String store, Set<Integer> partitions, String why) {
        super("Partitions " + new TreeSet<>(partitions) + " of store " + store + " are unavailable: " + why);
        this.partitions = Set.copyOf(partitions);
    }

    public Set<Integer> partitions() {
        return partitions;
    }
}
