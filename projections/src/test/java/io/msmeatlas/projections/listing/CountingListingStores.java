package io.msmeatlas.projections.listing;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/** Counts what the query layer reads: index entries pulled from the iterators, and views looked up. */
final class CountingListingStores implements ListingStores {

    private final ListingStores stores;
    private long indexEntriesRead;
    private long viewsRead;

    CountingListingStores(ListingStores stores) {
        this.stores = stores;
    }

    long indexEntriesRead() {
        return indexEntriesRead;
    }

    long viewsRead() {
        return viewsRead;
    }

    void reset() {
        indexEntriesRead = 0;
        viewsRead = 0;
    }

    @Override
    public Map<Integer, KeyValueIterator<String, byte[]>> indexRange(String from, String to, boolean descending,
            QueryScope scope) {
        Map<Integer, KeyValueIterator<String, byte[]>> counted = new TreeMap<>();
        stores.indexRange(from, to, descending, scope).forEach((partition, iterator) ->
                counted.put(partition, new CountingIterator(iterator)));
        return counted;
    }

    @Override
    public ListingView view(int partition, String id) {
        viewsRead++;
        return stores.view(partition, id);
    }

    @Override
    public Optional<ListingView> view(String id, QueryScope scope) {
        viewsRead++;
        return stores.view(id, scope);
    }

    @Override
    public void requirePosition(QueryScope scope) {
        stores.requirePosition(scope);
    }

    private final class CountingIterator implements KeyValueIterator<String, byte[]> {
        private final KeyValueIterator<String, byte[]> iterator;

        private CountingIterator(KeyValueIterator<String, byte[]> iterator) {
            this.iterator = iterator;
        }

        @Override
        public boolean hasNext() {
            return iterator.hasNext();
        }

        @Override
        public KeyValue<String, byte[]> next() {
            indexEntriesRead++;
            return iterator.next();
        }

        @Override
        public String peekNextKey() {
            return iterator.peekNextKey();
        }

        @Override
        public void close() {
            iterator.close();
        }
    }
}
