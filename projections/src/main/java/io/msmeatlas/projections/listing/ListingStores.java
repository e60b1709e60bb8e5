package io.msmeatlas.projections.listing;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Per-partition reads of the listing stores: {@link ListingViewProjection#STORE} and
 * {@link ListingViewProjection#INDEX_STORE}. Kafka Streams keeps one store per input partition;
 * these reads keep the partitions apart so that {@link ListingQuery} can merge their ordered index
 * scans. Every method throws {@link InvalidStateStoreException} while the stores cannot be queried.
 */
public interface ListingStores {

    /**
     * The index keys in {@code [from, to]} (both inclusive) of each partition in the scope, each
     * iterator in key order, or reverse key order when {@code descending}. The caller closes them.
     */
    Map<Integer, KeyValueIterator<String, byte[]>> indexRange(String from, String to, boolean descending,
            QueryScope scope);

    /** The view of listing {@code id} in that partition's store, or null. */
    ListingView view(int partition, String id);

    /** The view of listing {@code id} in whichever partition of the scope holds it, once it is up to the scope's bound. */
    Optional<ListingView> view(String id, QueryScope scope);

    /**
     * Returns once every partition of the scope has processed up to the scope's position bound, else
     * throws {@link StorePartitionUnavailableException}. The views store is checked: the projection
     * writes a listing's index entries before its view, so the index is at least as far.
     */
    void requirePosition(QueryScope scope);
}
