package io.msmeatlas.projections.listing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads listings from the local {@value ListingViewProjection#STORE} store. The store supplier
 * throws {@link InvalidStateStoreException} while Kafka Streams is not ready.
 *
 * <p>Pages are in key order. The store Kafka Streams hands out is a composite of one store per
 * partition whose iterators run partition after partition, not in global key order, so a page keeps
 * the smallest matching keys after the cursor instead of taking the first ones it meets.
 */
class ListingQuery {

    /** The stores' own order: String keys compared as their UTF-8 bytes. */
    private static final Comparator<String> KEY_ORDER =
            Comparator.comparing((String key) -> key.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

    private final Supplier<ReadOnlyKeyValueStore<String, ListingView>> store;

    ListingQuery(Supplier<ReadOnlyKeyValueStore<String, ListingView>> store) {
        this.store = store;
    }

    Optional<ListingView> byId(String id) {
        return Optional.ofNullable(store.get().get(id));
    }

    ListingPage search(ListingSearch search) {
        return search(search, view -> true);
    }

    /** A page of the listings that match and that {@code visible} lets the caller see. */
    ListingPage search(ListingSearch search, Predicate<ListingView> visible) {
        // limit + 1 entries: the extra one tells whether there is a next page.
        TreeMap<String, ListingView> smallest = new TreeMap<>(KEY_ORDER);
        ReadOnlyKeyValueStore<String, ListingView> views = store.get();
        try (KeyValueIterator<String, ListingView> entries =
                search.afterId() == null ? views.all() : views.range(search.afterId(), null)) {
            while (entries.hasNext()) {
                KeyValue<String, ListingView> entry = entries.next();
                if (entry.key.equals(search.afterId()) || !search.matches(entry.value) || !visible.test(entry.value)) {
                    continue;
                }
                smallest.put(entry.key, entry.value);
                if (smallest.size() > search.limit() + 1) {
                    smallest.pollLastEntry();
                }
            }
        }
        List<ListingView> items = smallest.values().stream().limit(search.limit()).toList();
        String nextCursor = smallest.size() > search.limit()
                ? ListingCursor.encode(items.get(items.size() - 1).id())
                : null;
        return new ListingPage(items, nextCursor);
    }
}
