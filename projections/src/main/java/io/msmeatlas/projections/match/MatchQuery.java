package io.msmeatlas.projections.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import tools.jackson.databind.JsonNode;

/**
 * The list queries over this instance's copies of some partitions: one prefix range scan of the index
 * per partition, from just after the cursor, reading the view each entry points at and keeping those
 * the caller may see, until {@code limit + 1} are found; then the partitions' pages are merged. Reads
 * grow with the page, not with the number of matches.
 */
class MatchQuery {

    /** Reads the view an index entry points at in a partition and shows it to the caller, or empty. */
    @FunctionalInterface
    interface Loader {
        Optional<JsonNode> load(int partition, String targetId);
    }

    private final MatchStores stores;

    MatchQuery(MatchStores stores) {
        this.stores = stores;
    }

    MatchStores stores() {
        return stores;
    }

    IndexPage page(String prefix, Optional<String> after, int limit, Set<Integer> partitions, Loader loader) {
        List<IndexPage> pages = new ArrayList<>(partitions.size());
        for (int partition : partitions) {
            pages.add(partitionPage(partition, prefix, after, limit, loader));
        }
        return IndexPage.merge(pages, limit);
    }

    private IndexPage partitionPage(int partition, String prefix, Optional<String> after, int limit, Loader loader) {
        List<IndexPage.Entry> entries = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> range = stores.indexRange(partition, after.orElse(prefix),
                prefix + MatchIndex.END)) {
            while (range.hasNext() && entries.size() <= limit) {
                KeyValue<String, byte[]> entry = range.next();
                if (after.isPresent() && entry.key.equals(after.get())) {
                    continue;
                }
                loader.load(partition, MatchIndex.target(entry.key))
                        .ifPresent(item -> entries.add(new IndexPage.Entry(entry.key, item)));
            }
        }
        return new IndexPage(entries);
    }
}
