package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries against the store the projection builds in a TopologyTestDriver. */
class ListingQueryTest {

    @TempDir
    Path stateDir;

    private ProjectionDriver projection;
    private ListingQuery query;

    @BeforeEach
    void start() {
        projection = new ProjectionDriver(stateDir);
        query = new ListingQuery(projection::store);
        draft("lst-a", "Textiles", "Maharashtra", "1000000.00");
        draft("lst-b", "Food Processing", "Gujarat", "2500000.00");
        draft("lst-c", "textiles", "gujarat", "2500000.00");
        draft("lst-d", "Textiles", "Gujarat", "4000000.50");
        draft("lst-e", "Auto Components", "Tamil Nadu", "9000000.00");
        projection.given(new ListingPublished("lst-b"), 1);
        projection.given(new ListingPublished("lst-d"), 1);
        projection.given(new ListingPublished("lst-e"), 1).given(new ListingWithdrawn("lst-e", null), 2);
    }

    @AfterEach
    void stop() {
        projection.close();
    }

    @Test
    void finds_a_listing_by_id() {
        assertThat(query.byId("lst-d")).get().extracting(ListingView::status).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(query.byId("lst-zzz")).isEmpty();
    }

    @Test
    void sector_and_state_match_exactly_ignoring_case() {
        ListingSearch search = new ListingSearch("TEXTILES", "Gujarat", null, null, null, null, 20);

        assertThat(ids(query.search(search))).containsExactly("lst-c", "lst-d");
    }

    @Test
    void status_filters_by_lifecycle_state() {
        ListingSearch search = new ListingSearch(null, null, ListingStatus.PUBLISHED, null, null, null, 20);

        assertThat(ids(query.search(search))).containsExactly("lst-b", "lst-d");
    }

    @Test
    void the_price_range_is_inclusive_at_both_ends() {
        ListingSearch search = new ListingSearch(null, null, null, new BigDecimal("2500000"),
                new BigDecimal("4000000.50"), null, 20);

        assertThat(ids(query.search(search))).containsExactly("lst-b", "lst-c", "lst-d");
    }

    @Test
    void limit_caps_the_page_and_a_cursor_points_to_the_rest() {
        ListingPage page = query.search(new ListingSearch(null, null, null, null, null, null, 2));

        assertThat(ids(page)).containsExactly("lst-a", "lst-b");
        assertThat(page.nextCursor()).isNotNull();
    }

    @Test
    void paging_with_the_cursor_returns_every_listing_exactly_once_in_id_order() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ListingPage page = query.search(ListingSearch.parse(null, null, null, null, null, cursor, "2"));
            seen.addAll(ids(page));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactly("lst-a", "lst-b", "lst-c", "lst-d", "lst-e");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void the_last_page_has_no_cursor_even_when_it_is_full() {
        ListingPage page = query.search(new ListingSearch("Textiles", null, null, null, null, null, 3));

        assertThat(ids(page)).containsExactly("lst-a", "lst-c", "lst-d");
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void filters_apply_across_pages() {
        ListingSearch first = new ListingSearch("textiles", null, null, null, null, null, 1);
        ListingPage page1 = query.search(first);
        ListingPage page2 = query.search(ListingSearch.parse("textiles", null, null, null, null,
                page1.nextCursor(), "5"));

        assertThat(ids(page1)).containsExactly("lst-a");
        assertThat(ids(page2)).containsExactly("lst-c", "lst-d");
        assertThat(page2.nextCursor()).isNull();
    }

    private void draft(String id, String sector, String state, String price) {
        projection.given(new ListingDrafted(id, "seller-1", details("Unit " + id, sector, state, price)), 0);
    }

    private static List<String> ids(ListingPage page) {
        return page.items().stream().map(ListingView::id).toList();
    }
}
