package io.msmeatlas.projections.listing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The listing queries over this instance's stores ({@link ListingStores}).
 *
 * <p>A search never scans the views: it range-scans one prefix of the index ({@link IndexScan}) on
 * every partition in the scope, merges the partitions' ordered iterators (a k-way merge by sort value
 * and id, since each partition's store is sorted only within itself), checks the remaining filters
 * against each candidate's view and stops at {@code limit + 1} matches, the extra one telling that a
 * next page exists. Reads therefore grow with the page and the selectivity of the filters not served
 * by the index, not with the number of listings.
 */
public class ListingQuery {

    private final ListingStores stores;

    public ListingQuery(ListingStores stores) {
        this.stores = stores;
    }

    public Optional<ListingView> byId(String id) {
        return byId(id, QueryScope.allLocalPartitions());
    }

    public Optional<ListingView> byId(String id, QueryScope scope) {
        return stores.view(id, scope);
    }

    public ListingPage search(ListingSearch search) {
        return search(search, QueryScope.allLocalPartitions());
    }

    /** The first {@code search.limit()} matches after the cursor in the scope's partitions. */
    public ListingPage search(ListingSearch search, QueryScope scope) {
        stores.requirePosition(scope);
        IndexScan scan = IndexScan.of(search);
        List<ListingPage.Hit> hits = new ArrayList<>();
        for (IndexScan.Range range : scan.ranges()) {
            if (collect(scan, range, search, scope, hits)) {
                break;
            }
        }
        return ListingPage.cut(search.sort(), hits, search.limit(), false);
    }

    /** Adds the matches of one range to {@code hits}; true once there are {@code limit + 1}. */
    private boolean collect(IndexScan scan, IndexScan.Range range, ListingSearch search, QueryScope scope,
            List<ListingPage.Hit> hits) {
        boolean descending = scan.sort().descending();
        try (MergedIndex entries = new MergedIndex(
                stores.indexRange(range.from(), range.to(), descending, scope), descending)) {
            while (entries.hasNext()) {
                MergedIndex.Entry entry = entries.next();
                if (entry.key().equals(range.skip())) {
                    continue;
                }
                SortKey key = ListingIndex.sortKey(scan.sort(), scan.prefix(), entry.key());
                ListingView view = stores.view(entry.partition(), key.id());
                if (view != null && search.matches(view)) {
                    hits.add(new ListingPage.Hit(key, view));
                    if (hits.size() > search.limit()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The partitions' index iterators as one, in key order (or reverse), reading each only as needed. */
    static final class MergedIndex implements AutoCloseable {

        record Entry(int partition, String key) {
        }

        private record Head(int partition, String key, KeyValueIterator<String, byte[]> rest) {
        }

        private final Map<Integer, KeyValueIterator<String, byte[]>> partitions;
        private final PriorityQueue<Head> heads;
        private Head taken;

        MergedIndex(Map<Integer, KeyValueIterator<String, byte[]>> partitions, boolean descending) {
            this.partitions = partitions;
            Comparator<Head> byKey = (a, b) -> Utf8Order.compare(a.key(), b.key());
            this.heads = new PriorityQueue<>(Math.max(1, partitions.size()), descending ? byKey.reversed() : byKey);
            try {
                partitions.forEach(this::advance);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        boolean hasNext() {
            if (taken != null) {
                advance(taken.partition(), taken.rest());
                taken = null;
            }
            return !heads.isEmpty();
        }

        /** The next entry; its partition's iterator moves on only when another entry is asked for. */
        Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            taken = heads.remove();
            return new Entry(taken.partition(), taken.key());
        }

        private void advance(int partition, KeyValueIterator<String, byte[]> iterator) {
            if (iterator.hasNext()) {
                heads.add(new Head(partition, iterator.next().key, iterator));
            }
        }

        @Override
        public void close() {
            RuntimeException failure = null;
            for (KeyValueIterator<String, byte[]> iterator : partitions.values()) {
                try {
                    iterator.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
