package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search reads the index range of its most selective filter, not the store: over 2,000 listings
 * in 20 cities, a search in one city reads that city's 100 entries even when nothing matches, and a
 * page that fills early stops early. (Latency at 10k and 100k listings is measured in bench/, not here.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexScanCostTest {

    private static final int LISTINGS = 2_000;
    private static final int CITIES = 20;
    private static final int PER_CITY = LISTINGS / CITIES;

    private ProjectionDriver projection;
    private CountingListingStores counted;
    private ListingQuery query;

    @BeforeAll
    void load(@TempDir Path stateDir) {
        projection = new ProjectionDriver(stateDir);
        for (int i = 0; i < LISTINGS; i++) {
            String id = String.format("lst-%05d", i);
            projection.given(ListingEvents.drafted(id, "seller-" + (i % 100), details("Unit " + i)
                    .city("City " + (i % CITIES)).state("State " + (i % 5)).price(Integer.toString(1_000_000 + i))
                    .category(i % 2 == 0 ? Category.MICRO : Category.SMALL).highlights()), 0, time(0))
                    .given(new ListingPublished(id, null, null), 1, time(i));
            if (i % 500 == 499) {
                projection.discardChangelogs();
            }
        }
        counted = new CountingListingStores(projection.stores());
        query = new ListingQuery(counted);
    }

    @AfterAll
    void close() {
        projection.close();
    }

    @Test
    void a_search_in_one_city_that_matches_nothing_reads_only_that_citys_entries() {
        counted.reset();

        ListingPage page = query.search(ListingSearch.builder(ListingSort.NEWEST).city("City 7")
                .price("999999999", null).statuses(ListingStatus.LIVE).build());

        assertThat(page.items()).isEmpty();
        assertThat(counted.indexEntriesRead()).isEqualTo(PER_CITY);
        assertThat(counted.viewsRead()).isEqualTo(PER_CITY);
    }

    @Test
    void a_first_page_reads_one_more_entry_than_it_returns() {
        counted.reset();

        ListingPage page = query.search(ListingSearch.builder(ListingSort.PRICE_DESC).city("City 3").limit(20)
                .statuses(ListingStatus.LIVE).build());

        assertThat(page.items()).hasSize(20);
        assertThat(page.items().get(0).id()).isEqualTo(String.format("lst-%05d", LISTINGS - CITIES + 3));
        assertThat(counted.indexEntriesRead()).isEqualTo(21);
    }

    @Test
    void a_price_range_on_the_sorted_field_bounds_the_scan() {
        counted.reset();

        ListingPage page = query.search(ListingSearch.builder(ListingSort.PRICE_ASC)
                .price("1001000", "1001099").statuses(ListingStatus.LIVE).limit(100).build());

        assertThat(page.items()).hasSize(100);
        assertThat(page.nextCursor()).isNull();
        assertThat(counted.indexEntriesRead()).isEqualTo(100);
    }

    @Test
    void a_filter_the_chosen_index_does_not_serve_is_checked_on_the_views_it_reads() {
        counted.reset();

        ListingPage page = query.search(ListingSearch.builder(ListingSort.NEWEST).city("City 4").state("State 4")
                .classification(Category.MICRO).limit(10).statuses(ListingStatus.LIVE).build());

        assertThat(page.items()).hasSize(10).allSatisfy(view -> {
            assertThat(view.city()).isEqualTo("City 4");
            assertThat(view.state()).isEqualTo("State 4");
        });
        assertThat(counted.indexEntriesRead()).as("every city-4 listing is also in state 4 and MICRO").isEqualTo(11);
    }
}
