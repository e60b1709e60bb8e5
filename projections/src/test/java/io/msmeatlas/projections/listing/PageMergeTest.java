package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PageMergeTest {

    @Test
    void hits_of_several_pages_are_merged_in_order_and_cut_to_the_limit_with_a_cursor_after_the_last() {
        ListingPage left = page(ListingSort.PRICE_ASC, null, hit("a", "100"), hit("c", "300"));
        ListingPage right = page(ListingSort.PRICE_ASC, null, hit("b", "200"), hit("d", "400"));

        ListingPage merged = PageMerge.merge(ListingSort.PRICE_ASC, List.of(left, right), 3);

        assertThat(ids(merged)).containsExactly("a", "b", "c");
        assertThat(ListingCursor.decode(merged.nextCursor())).isEqualTo(merged.hits().get(2).key());
    }

    @Test
    void when_everything_fits_and_no_page_had_more_there_is_no_next_page() {
        ListingPage left = page(ListingSort.PRICE_DESC, null, hit("a", "300"), hit("c", null));
        ListingPage right = page(ListingSort.PRICE_DESC, null, hit("b", "200"));

        ListingPage merged = PageMerge.merge(ListingSort.PRICE_DESC, List.of(left, right), 3);

        assertThat(ids(merged)).as("descending, missing prices last").containsExactly("a", "b", "c");
        assertThat(merged.nextCursor()).isNull();
    }

    @Test
    void a_page_that_had_more_keeps_a_next_page_even_when_the_merge_fits_the_limit() {
        ListingPage full = page(ListingSort.PRICE_ASC, "more", hit("a", "100"), hit("b", "200"));
        ListingPage empty = page(ListingSort.PRICE_ASC, null);

        ListingPage merged = PageMerge.merge(ListingSort.PRICE_ASC, List.of(full, empty), 2);

        assertThat(ids(merged)).containsExactly("a", "b");
        assertThat(merged.nextCursor()).isNotNull();
    }

    @Test
    void a_listing_in_two_pages_is_kept_once_at_its_higher_version() {
        ListingView older = live("a", "100");
        ListingView newer = new ListingView(older.id(), older.sellerId(), "Renamed", older.legalName(),
                older.contact(), older.sector(), older.state(), older.city(), older.yearEstablished(),
                older.employees(), older.legalStructure(), older.plantAndMachineryInvestment(), older.financials(),
                older.assets(), older.debt(), older.askingPrice(), older.currency(), older.dealType(),
                older.reasonForSale(), older.highlights(), older.description(), older.classification(),
                older.valuation(), older.status(), null, null, older.version() + 1, "a-2", older.createdAt(), older.updatedAt(), null,
                older.publishedAt(), null, null);

        ListingPage merged = PageMerge.merge(ListingSort.PRICE_ASC, List.of(
                page(ListingSort.PRICE_ASC, null, new ListingPage.Hit(SortKey.of(ListingSort.PRICE_ASC, older), older)),
                page(ListingSort.PRICE_ASC, null, new ListingPage.Hit(SortKey.of(ListingSort.PRICE_ASC, newer), newer))),
                10);

        assertThat(merged.items()).extracting(ListingView::title).containsExactly("Renamed");
    }

    @Test
    void pages_of_another_order_do_not_merge() {
        assertThatThrownBy(() -> PageMerge.merge(ListingSort.PRICE_ASC,
                List.of(page(ListingSort.PRICE_DESC, null, hit("a", "1"))), 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The routing contract: searching each partition alone and merging the pages gives, page after
     * page, what one search over all partitions gives.
     */
    @ParameterizedTest
    @EnumSource(value = ListingSort.class, names = "OLDEST_SUBMISSION", mode = EnumSource.Mode.EXCLUDE)
    void merged_partition_pages_page_through_the_same_listings_as_one_search(ListingSort sort) {
        InMemoryListingStores stores = new InMemoryListingStores(3);
        IntStream.range(0, 40).forEach(i -> stores.put(ListingEvents.liveView(String.format("lst-%02d", i),
                "seller-1", details("Unit").price(i % 7 == 0 ? null : Integer.toString(1000 * (i % 9)))
                        .financials(i % 5 == 0 ? null : Integer.toString(i % 4), "1"), time(i % 11))));
        ListingQuery query = new ListingQuery(stores);
        List<String> expected = query.search(ListingSearch.builder(sort).limit(100).build()).items().stream()
                .map(ListingView::id).toList();

        List<String> merged = new ArrayList<>();
        SortKey after = null;
        do {
            List<ListingPage> pages = new ArrayList<>();
            for (int partition = 0; partition < 3; partition++) {
                pages.add(query.search(ListingSearch.builder(sort).after(after).limit(6).build(),
                        QueryScope.allLocalPartitions().withPartitions(Set.of(partition))));
            }
            ListingPage page = PageMerge.merge(sort, pages, 6);
            page.items().forEach(view -> merged.add(view.id()));
            after = page.nextCursor() == null ? null : ListingCursor.decode(page.nextCursor());
        } while (after != null);

        assertThat(expected).hasSize(40);
        assertThat(merged).isEqualTo(expected);
    }

    private static ListingPage page(ListingSort sort, String nextCursor, ListingPage.Hit... hits) {
        List<ListingPage.Hit> rekeyed = new ArrayList<>();
        for (ListingPage.Hit hit : hits) {
            rekeyed.add(new ListingPage.Hit(SortKey.of(sort, hit.view()), hit.view()));
        }
        rekeyed.sort((x, y) -> x.key().compareTo(y.key()));
        return new ListingPage(sort, rekeyed, nextCursor);
    }

    private static ListingPage.Hit hit(String id, String price) {
        ListingView view = live(id, price);
        return new ListingPage.Hit(SortKey.of(ListingSort.PRICE_ASC, view), view);
    }

    private static ListingView live(String id, String price) {
        return ListingEvents.liveView(id, "seller-1", details("Unit " + id).price(price), time(1));
    }

    private static List<String> ids(ListingPage page) {
        return page.items().stream().map(ListingView::id).toList();
    }
}
