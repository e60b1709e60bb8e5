package io.msmeatlas.projections.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * With several partitions, Kafka Streams' composite store iterates one partition's store after
 * another, so keys are sorted only within a partition. TopologyTestDriver has one partition, hence
 * this stand-in store.
 */
class PartitionedStoreOrderTest {

    /** Partition 0 holds b, d, f; partition 1 holds a, c, e. */
    private final ListingQuery query = new ListingQuery(() -> new TwoPartitionStore(
            List.of("lst-b", "lst-d", "lst-f"), List.of("lst-a", "lst-c", "lst-e")));

    @Test
    void pages_follow_id_order_across_partitions() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ListingPage page = query.search(ListingSearch.parse(null, null, null, null, null, cursor, "2"));
            seen.addAll(page.items().stream().map(ListingView::id).toList());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactly("lst-a", "lst-b", "lst-c", "lst-d", "lst-e", "lst-f");
    }

    private record TwoPartitionStore(List<String> partition0, List<String> partition1)
            implements ReadOnlyKeyValueStore<String, ListingView> {

        @Override
        public ListingView get(String key) {
            return partition0.contains(key) || partition1.contains(key) ? view(key) : null;
        }

        @Override
        public KeyValueIterator<String, ListingView> range(String from, String to) {
            List<String> keys = new ArrayList<>();
            for (List<String> partition : List.of(partition0, partition1)) {
                partition.stream()
                        .filter(k -> from == null || k.compareTo(from) >= 0)
                        .filter(k -> to == null || k.compareTo(to) <= 0)
                        .forEach(keys::add);
            }
            return new ListIterator(keys.iterator());
        }

        @Override
        public KeyValueIterator<String, ListingView> all() {
            return range(null, null);
        }

        @Override
        public long approximateNumEntries() {
            return partition0.size() + partition1.size();
        }

        private static ListingView view(String id) {
            return new ListingView(id, "seller", "title", "Textiles", "Pune", "Maharashtra", null, null, null, null,
                    null, "INR", null, ListingStatus.PUBLISHED, 1, id + "-0", null, null, null, null);
        }

        private record ListIterator(Iterator<String> keys) implements KeyValueIterator<String, ListingView> {

            @Override
            public boolean hasNext() {
                return keys.hasNext();
            }

            @Override
            public KeyValue<String, ListingView> next() {
                String key = keys.next();
                return KeyValue.pair(key, view(key));
            }

            @Override
            public String peekNextKey() {
                throw new NoSuchElementException("not needed");
            }

            @Override
            public void close() {
            }
        }
    }
}
