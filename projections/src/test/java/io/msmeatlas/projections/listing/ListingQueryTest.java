package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingMarkedUnderOffer;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingSold;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import io.msmeatlas.web.ProblemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Searches over the stores the projection builds in a TopologyTestDriver (one partition; merging
 * partitions is {@link ListingQueryIqv2Test}'s and {@link PartitionedStoreOrderTest}'s subject).
 *
 * <p>Live listings, newest first: e (published 14), d (13), c (12, under offer), b (11), a (10).
 * Prices: a 1,000,000; b and c 2,500,000; d 4,000,000.50; e on request. Latest revenue: e 3M, a 5M,
 * c 9M, d 12M, b none. Not live: f (draft), g (sold), h and i (submitted).
 */
class ListingQueryTest {

    @TempDir
    Path stateDir;

    private ProjectionDriver projection;
    private ListingQuery query;

    @BeforeEach
    void start() {
        projection = new ProjectionDriver(stateDir);
        query = new ListingQuery(projection.stores());
        live("a", details("CNC job shop").sector("25", "C").state("Maharashtra").city("Pune")
                .category(Category.SMALL).price("1000000.00").financials("5000000", "500000")
                .highlights("ISO 9001 certified"), 10);
        live("b", details("Bakery and confectionery").sector("10", "C").state("Maharashtra").city("Mumbai")
                .category(Category.MICRO).price("2500000.00").financials(null, null).highlights(), 11);
        live("c", details("Garment retail chain").sector("47", "G").state("MAHARASHTRA").city("pune")
                .category(Category.MEDIUM).price("2500000").financials("9000000", "-100000")
                .dealType(DealType.MAJORITY_STAKE).highlights(), 12);
        projection.given(new ListingMarkedUnderOffer("c"), 2, time(30));
        live("d", details("Pump works").sector("28", "C").state("Tamil Nadu").city("Coimbatore")
                .category(Category.SMALL).price("4000000.50").financials("12000000", "1500000")
                .dealType(DealType.ASSET_SALE).highlights(), 13);
        live("e", details("Textile dye works").sector("13", "C").state("Gujarat").city("Ahmedabad")
                .category(Category.MICRO).price(null).financials("3000000", "200000").highlights("Export house"), 14);
        projection.given(ListingEvents.drafted("f", "seller-2", details("CNC turning unit")), 0, time(5));
        projection.given(ListingEvents.drafted("g", "seller-2", details("Precision tooling works")), 0, time(1))
                .given(new ListingPublished("g", null, null), 1, time(9))
                .given(new ListingSold("g"), 2, time(31));
        projection.given(ListingEvents.drafted("h", "seller-3", details("Diamond polishing").city("Surat")), 0, time(2))
                .given(new ListingSubmitted("h"), 1, time(20));
        projection.given(ListingEvents.drafted("i", "seller-3", details("Solar panel assembly")), 0, time(3))
                .given(new ListingSubmitted("i"), 1, time(18));
    }

    @AfterEach
    void stop() {
        projection.close();
    }

    @Test
    void finds_a_listing_by_id() {
        assertThat(query.byId("d")).get().extracting(ListingView::status).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(query.byId("zzz")).isEmpty();
    }

    @Test
    void buyers_find_live_listings_newest_first_and_nothing_else() {
        assertThat(ids(buyer(ListingSort.NEWEST).build())).containsExactly("e", "d", "c", "b", "a");
    }

    @Test
    void administrators_find_every_listing_newest_first_by_publication_else_creation() {
        assertThat(ids(admin(ListingSort.NEWEST).build()))
                .containsExactly("e", "d", "c", "b", "a", "g", "f", "i", "h");
    }

    @Test
    void price_ascending_breaks_ties_by_id_and_puts_listings_without_a_price_last() {
        assertThat(ids(buyer(ListingSort.PRICE_ASC).build())).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void price_descending_also_puts_listings_without_a_price_last() {
        assertThat(ids(buyer(ListingSort.PRICE_DESC).build())).containsExactly("d", "c", "b", "a", "e");
    }

    @Test
    void revenue_sorts_by_the_latest_year_both_ways_with_missing_revenue_last() {
        assertThat(ids(buyer(ListingSort.REVENUE_ASC).build())).containsExactly("e", "a", "c", "d", "b");
        assertThat(ids(buyer(ListingSort.REVENUE_DESC).build())).containsExactly("d", "c", "a", "e", "b");
    }

    @Test
    void city_and_state_match_whole_values_ignoring_case() {
        assertThat(ids(buyer(ListingSort.NEWEST).city("PUNE").build())).containsExactly("c", "a");
        assertThat(ids(buyer(ListingSort.NEWEST).city("Pun").build())).isEmpty();
        assertThat(ids(buyer(ListingSort.NEWEST).state(" maharashtra ").build())).containsExactly("c", "b", "a");
    }

    @Test
    void a_section_matches_all_its_divisions_and_a_division_only_itself() {
        assertThat(ids(buyer(ListingSort.NEWEST).section("C").build())).containsExactly("e", "d", "b", "a");
        assertThat(ids(buyer(ListingSort.NEWEST).section("G").build())).containsExactly("c");
        assertThat(ids(buyer(ListingSort.NEWEST).division("25").build())).containsExactly("a");
    }

    @Test
    void classification_deal_type_and_status_filter_exactly() {
        assertThat(ids(buyer(ListingSort.NEWEST).classification(Category.MICRO).build())).containsExactly("e", "b");
        assertThat(ids(buyer(ListingSort.NEWEST).dealType(DealType.ASSET_SALE).build())).containsExactly("d");
        assertThat(ids(admin(ListingSort.NEWEST).statuses(Set.of(ListingStatus.UNDER_OFFER)).build()))
                .containsExactly("c");
        assertThat(ids(admin(ListingSort.NEWEST).statuses(Set.of(ListingStatus.SOLD)).build())).containsExactly("g");
    }

    @Test
    void money_ranges_are_exact_and_inclusive_at_both_ends() {
        assertThat(ids(buyer(ListingSort.PRICE_ASC).price("2500000", "4000000.50").build()))
                .containsExactly("b", "c", "d");
        assertThat(ids(buyer(ListingSort.PRICE_ASC).price("2500000.01", "4000000.49").build())).isEmpty();
        assertThat(ids(buyer(ListingSort.NEWEST).price("2500000", "4000000.50").build()))
                .containsExactly("d", "c", "b");
        assertThat(ids(buyer(ListingSort.REVENUE_DESC).revenue("5000000", null).build()))
                .containsExactly("d", "c", "a");
        assertThat(ids(buyer(ListingSort.NEWEST).ebitda("-100000", "-100000").build())).containsExactly("c");
        assertThat(ids(buyer(ListingSort.NEWEST).ebitda(null, "0").build())).containsExactly("c");
    }

    @Test
    void every_word_of_the_text_must_occur_as_a_word_of_the_title_or_highlights() {
        assertThat(ids(buyer(ListingSort.NEWEST).text("cnc SHOP").build())).containsExactly("a");
        assertThat(ids(buyer(ListingSort.NEWEST).text("iso 9001").build())).containsExactly("a");
        assertThat(ids(buyer(ListingSort.NEWEST).text("works").build())).containsExactly("e", "d");
        assertThat(ids(buyer(ListingSort.NEWEST).text("export").build())).containsExactly("e");
        assertThat(ids(buyer(ListingSort.NEWEST).text("cn").build())).isEmpty();
        assertThat(ids(buyer(ListingSort.NEWEST).text("cnc works").build())).isEmpty();
    }

    @Test
    void filters_combine() {
        assertThat(ids(buyer(ListingSort.PRICE_DESC).state("Maharashtra").price(null, "2500000").build()))
                .containsExactly("c", "b", "a");
        assertThat(ids(buyer(ListingSort.PRICE_ASC).section("C").text("works").build())).containsExactly("d", "e");
        assertThat(ids(buyer(ListingSort.NEWEST).city("Pune").classification(Category.SMALL).build()))
                .containsExactly("a");
        assertThat(ids(admin(ListingSort.NEWEST).city("pune").text("cnc").build())).containsExactly("a", "f");
    }

    @ParameterizedTest
    @EnumSource(value = ListingSort.class, names = "OLDEST_SUBMISSION", mode = EnumSource.Mode.EXCLUDE)
    void paging_with_the_cursor_visits_every_listing_once_in_order(ListingSort sort) {
        List<String> all = ids(admin(sort).limit(100).build());
        assertThat(all).hasSize(9);

        List<String> paged = new ArrayList<>();
        SortKey after = null;
        int pages = 0;
        do {
            ListingPage page = query.search(admin(sort).after(after).limit(2).build());
            page.items().forEach(view -> paged.add(view.id()));
            after = page.nextCursor() == null ? null : ListingCursor.decode(page.nextCursor());
            pages++;
        } while (after != null);

        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void a_full_last_page_has_no_cursor() {
        ListingPage page = query.search(buyer(ListingSort.NEWEST).limit(5).build());

        assertThat(page.items()).hasSize(5);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void a_cursor_of_another_sort_is_a_400_naming_the_cursor() {
        String priceCursor = query.search(buyer(ListingSort.PRICE_ASC).limit(1).build()).nextCursor();
        ListingSearch.Parameters parameters = new ListingSearch.Parameters(null, null, null, null, null, null, null,
                null, null, null, null, null, null, "newest", priceCursor, null);

        assertThatThrownBy(() -> ListingSearch.parse(parameters, false)).isInstanceOfSatisfying(
                ProblemException.class,
                problem -> assertThat(problem.getBody().getProperties()).containsEntry("parameter", "cursor"));
    }

    @Test
    void a_seller_sees_their_own_listings_in_every_state_newest_first() {
        assertThat(ids(ListingSearch.mine("seller-2", null, null, null))).containsExactly("g", "f");
        assertThat(ids(ListingSearch.mine("seller-2", "draft", null, null))).containsExactly("f");
        assertThat(ids(ListingSearch.mine("seller-9", null, null, null))).isEmpty();
    }

    @Test
    void the_moderation_queue_is_first_submitted_first() {
        assertThat(ids(ListingSearch.moderationQueue(null, null))).containsExactly("i", "h");

        projection.given(new ListingPublished("i", "admin-1", null), 2, time(40));

        assertThat(ids(ListingSearch.moderationQueue(null, null))).containsExactly("h");
    }

    @Test
    void a_listing_that_moved_city_and_price_is_found_only_under_its_new_values() {
        projection.given(new ListingUpdated("a", details("CNC job shop").sector("25", "C").state("Maharashtra")
                .city("Nashik").price("5000000").build(), null, List.of("city", "askingPrice")), 2, time(50));

        assertThat(ids(buyer(ListingSort.NEWEST).city("Pune").build())).containsExactly("c");
        assertThat(ids(buyer(ListingSort.NEWEST).city("Nashik").build())).containsExactly("a");
        assertThat(ids(buyer(ListingSort.PRICE_ASC).build())).containsExactly("b", "c", "d", "a", "e");
        assertThat(ids(buyer(ListingSort.PRICE_ASC).price(null, "1000000").build())).isEmpty();
    }

    private void live(String id, ListingEvents.Details details, long publishedMinute) {
        projection.given(ListingEvents.drafted(id, "seller-1", details), 0, time(0))
                .given(new ListingPublished(id, "admin-1", null), 1, time(publishedMinute));
    }

    private static ListingSearch.Builder buyer(ListingSort sort) {
        return ListingSearch.builder(sort).statuses(ListingStatus.LIVE);
    }

    private static ListingSearch.Builder admin(ListingSort sort) {
        return ListingSearch.builder(sort);
    }

    private List<String> ids(ListingSearch search) {
        return query.search(search).items().stream().map(ListingView::id).toList();
    }
}
