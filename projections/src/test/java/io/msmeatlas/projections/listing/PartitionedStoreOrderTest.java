package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams keeps one store per partition and its "all partitions" store iterates one after the
 * other, so keys are sorted only within a partition. A search merges the partitions' ordered index
 * scans instead. TopologyTestDriver has one partition, hence the in-memory partitioned stores here
 * (and the real ones in {@link ListingQueryIqv2Test}).
 */
class PartitionedStoreOrderTest {

    /** Partition 0 holds the cheapest and the dearest, partition 1 the middle, partition 2 the rest. */
    private final InMemoryListingStores stores = new InMemoryListingStores(3);
    private final ListingQuery query = new ListingQuery(stores);

    @BeforeEach
    void listings() {
        add("lst-a", "100", 0);
        add("lst-f", "600", 0);
        add("lst-c", "300", 1);
        add("lst-d", "400", 1);
        add("lst-b", "200", 2);
        add("lst-e", "500", 2);
        add("lst-g", null, 1);
    }

    @Test
    void pages_follow_price_order_across_partitions() {
        assertThat(pagedIds(ListingSort.PRICE_ASC, 2))
                .containsExactly("lst-a", "lst-b", "lst-c", "lst-d", "lst-e", "lst-f", "lst-g");
    }

    @Test
    void descending_pages_follow_the_reverse_order_across_partitions_with_missing_prices_last() {
        assertThat(pagedIds(ListingSort.PRICE_DESC, 3))
                .containsExactly("lst-f", "lst-e", "lst-d", "lst-c", "lst-b", "lst-a", "lst-g");
    }

    private void add(String id, String price, int partition) {
        stores.place(id, partition).put(ListingEvents.liveView(id, "seller-1", details("Unit").price(price), time(1)));
    }

    private List<String> pagedIds(ListingSort sort, int limit) {
        List<String> seen = new ArrayList<>();
        SortKey after = null;
        do {
            ListingPage page = query.search(ListingSearch.builder(sort).after(after).limit(limit).build());
            page.items().forEach(view -> seen.add(view.id()));
            after = page.nextCursor() == null ? null : ListingCursor.decode(page.nextCursor());
        } while (after != null);
        return seen;
    }
}
