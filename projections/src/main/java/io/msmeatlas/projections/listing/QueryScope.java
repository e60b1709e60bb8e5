package io.msmeatlas.projections.listing;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.query.PositionBound;

/**
 * Which local store partitions a query reads and how far they must have processed: all partitions
 * this instance hosts and no bound by default. Routing across instances narrows the partitions;
 * read-your-writes sets a {@link PositionBound} (a query on a partition that is behind it fails with
 * {@link StorePartitionUnavailableException} of reason {@code NOT_UP_TO_BOUND}).
 */
public record QueryScope(Optional<Set<Integer>> partitions, PositionBound positionBound) {

    private static final QueryScope ALL_LOCAL = new QueryScope(Optional.empty(), PositionBound.unbounded());

    public QueryScope {
        partitions = partitions.map(Set::copyOf);
        if (positionBound == null) {
            throw new IllegalArgumentException("positionBound must not be null; use PositionBound.unbounded()");
        }
    }

    /** Every partition this instance hosts, unbounded. */
    public static QueryScope allLocalPartitions() {
        return ALL_LOCAL;
    }

    public QueryScope withPartitions(Set<Integer> partitions) {
        return new QueryScope(Optional.of(partitions), positionBound);
    }

    public QueryScope withPositionBound(PositionBound positionBound) {
        return new QueryScope(partitions, positionBound);
    }
}
