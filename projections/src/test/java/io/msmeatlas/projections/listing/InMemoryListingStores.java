package io.msmeatlas.projections.listing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Listing stores in memory, split into partitions by listing id as Kafka would (so a search has to
 * merge them), with the index entries the projection would write. For tests that need the query
 * layer without Kafka, such as the controller slice.
 */
final class InMemoryListingStores implements ListingStores {

    private final int partitions;
    private final Map<String, Integer> partitionOverrides = new HashMap<>();
    private final List<Map<String, ListingView>> views = new ArrayList<>();
    private final List<NavigableMap<String, byte[]>> index = new ArrayList<>();
    private volatile Supplier<RuntimeException> unavailable;

    InMemoryListingStores(int partitions) {
        this.partitions = partitions;
        for (int i = 0; i < partitions; i++) {
            views.add(new HashMap<>());
            index.add(new TreeMap<>(Utf8Order::compare));
        }
    }

    /** Puts the view in its partition and replaces its index entries, as the projection does. */
    synchronized InMemoryListingStores put(ListingView view) {
        int partition = partitionOf(view.id());
        ListingView old = views.get(partition).put(view.id(), view);
        if (old != null) {
            ListingIndex.entries(old).forEach(index.get(partition)::remove);
        }
        ListingIndex.entries(view).forEach(key -> index.get(partition).put(key, ListingIndex.PRESENT));
        return this;
    }

    /** Keeps this listing in the given partition. */
    InMemoryListingStores place(String id, int partition) {
        partitionOverrides.put(id, partition);
        return this;
    }

    synchronized void clear() {
        views.forEach(Map::clear);
        index.forEach(Map::clear);
        unavailable = null;
    }

    /** From now on every read throws what {@code failure} supplies. */
    void failWith(Supplier<RuntimeException> failure) {
        unavailable = failure;
    }

    int partitionOf(String id) {
        Integer placed = partitionOverrides.get(id);
        return placed != null ? placed : Math.floorMod(id.hashCode(), partitions);
    }

    @Override
    public synchronized Map<Integer, KeyValueIterator<String, byte[]>> indexRange(String from, String to,
            boolean descending, QueryScope scope) {
        checkAvailable();
        Map<Integer, KeyValueIterator<String, byte[]>> result = new TreeMap<>();
        for (int partition : partitions(scope)) {
            NavigableMap<String, byte[]> range = index.get(partition).subMap(from, true, to, true);
            List<String> keys = new ArrayList<>((descending ? range.descendingMap() : range).keySet());
            result.put(partition, new ListIterator(keys.iterator()));
        }
        return result;
    }

    @Override
    public synchronized ListingView view(int partition, String id) {
        checkAvailable();
        return views.get(partition).get(id);
    }

    @Override
    public synchronized Optional<ListingView> view(String id, QueryScope scope) {
        checkAvailable();
        return partitions(scope).stream().map(p -> views.get(p).get(id)).filter(v -> v != null).findFirst();
    }

    @Override
    public void requirePosition(QueryScope scope) {
        checkAvailable();
    }

    private List<Integer> partitions(QueryScope scope) {
        List<Integer> covered = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            if (scope.partitions().isEmpty() || scope.partitions().get().contains(partition)) {
                covered.add(partition);
            }
        }
        return covered;
    }

    private void checkAvailable() {
        Supplier<RuntimeException> failure = unavailable;
        if (failure != null) {
            throw failure.get();
        }
    }

    private static final class ListIterator implements KeyValueIterator<String, byte[]> {
        private final Iterator<String> keys;

        private ListIterator(Iterator<String> keys) {
            this.keys = keys;
        }

        @Override
        public boolean hasNext() {
            return keys.hasNext();
        }

        @Override
        public KeyValue<String, byte[]> next() {
            return KeyValue.pair(keys.next(), ListingIndex.PRESENT);
        }

        @Override
        public String peekNextKey() {
            throw new NoSuchElementException("not supported");
        }

        @Override
        public void close() {
        }
    }
}
