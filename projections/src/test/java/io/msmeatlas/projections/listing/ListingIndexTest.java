package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingMarkedUnderOffer;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingSold;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given these events, then these index entries: read straight from the driver's index store. */
class ListingIndexTest {

    private static final String ID = "lst-1";
    private static final ListingEvents.Details SURAT = details("Dye works").sector("13", "C").state("Gujarat")
            .city("Surat").price("4000000.00").financials("9000000.00", "700000").highlights();

    @TempDir
    Path stateDir;

    private ProjectionDriver projection;

    @BeforeEach
    void start() {
        projection = new ProjectionDriver(stateDir);
    }

    @AfterEach
    void stop() {
        projection.close();
    }

    @Test
    void a_draft_is_indexed_under_each_of_its_values_for_each_sort_field() {
        projection.given(ListingEvents.drafted(ID, "seller-1", SURAT), 0);

        String created = SortValues.instant(time(0));
        String price = SortValues.decimal(new BigDecimal("4000000"));
        String revenue = SortValues.decimal(new BigDecimal("9000000"));
        List<String> dimensions = List.of("all:", "city:surat:", "division:13:", "word:dye:", "word:works:",
                "seller:seller-1:", "state:gujarat:", "section:C:", "classification:SMALL:", "dealType:FULL_SALE:",
                "status:DRAFT:");
        List<String> expected = dimensions.stream().flatMap(dimension -> List.of(
                dimension + "listedAt:" + created + ":" + ID,
                dimension + "price:" + price + ":" + ID,
                dimension + "revenue:" + revenue + ":" + ID).stream()).toList();
        assertThat(projection.indexKeys()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(projection.index().get(expected.get(0))).isEmpty();
    }

    @Test
    void an_update_leaves_no_entry_for_the_old_city_price_or_title_words() {
        projection.given(ListingEvents.drafted(ID, "seller-1", SURAT), 0);
        String oldPrice = SortValues.decimal(new BigDecimal("4000000"));

        projection.given(new ListingUpdated(ID, details("Weaving mill").sector("13", "C").state("Gujarat")
                .city("Ahmedabad").price("3500000.00").financials("9000000.00", "700000").highlights().build(),
                ListingEvents.classification(Category.SMALL), List.of("title", "city", "askingPrice")), 1);

        List<String> keys = projection.indexKeysOf(ID);
        assertThat(keys).noneMatch(key -> key.startsWith("city:surat:"));
        assertThat(keys).noneMatch(key -> key.startsWith("word:dye:") || key.startsWith("word:works:"));
        assertThat(keys).noneMatch(key -> key.contains(":price:" + oldPrice + ":"));
        assertThat(keys).contains(
                "city:ahmedabad:price:" + SortValues.decimal(new BigDecimal("3500000")) + ":" + ID,
                "word:weaving:listedAt:" + SortValues.instant(time(0)) + ":" + ID,
                "state:gujarat:price:" + SortValues.decimal(new BigDecimal("3500000")) + ":" + ID);
        assertThat(keys).hasSize(33);
    }

    @Test
    void a_submission_queues_the_listing_and_its_publication_takes_it_out_of_the_queue_and_into_search() {
        projection.given(ListingEvents.drafted(ID, "seller-1", SURAT), 0).given(new ListingSubmitted(ID), 1);

        assertThat(projection.indexKeys()).contains("queue:submittedAt:" + SortValues.instant(time(1)) + ":" + ID,
                "status:SUBMITTED:listedAt:" + SortValues.instant(time(0)) + ":" + ID);
        assertThat(projection.indexKeys()).noneMatch(key -> key.startsWith("status:DRAFT:"));
        assertThat(projection.indexKeys()).noneMatch(key -> key.startsWith("live:"));

        projection.given(new ListingPublished(ID, "admin-1", null), 2);

        String published = SortValues.instant(time(2));
        assertThat(projection.indexKeys()).noneMatch(key -> key.startsWith("queue:"));
        assertThat(projection.indexKeys()).contains("live:listedAt:" + published + ":" + ID,
                "city:surat:listedAt:" + published + ":" + ID);
        assertThat(projection.indexKeys()).as("listed at its publication now, not its creation")
                .noneMatch(key -> key.contains(":listedAt:" + SortValues.instant(time(0)) + ":"));
    }

    @Test
    void a_listing_under_offer_stays_in_search_and_a_sold_one_leaves_it() {
        projection.given(ListingEvents.drafted(ID, "seller-1", SURAT), 0)
                .given(new ListingPublished(ID, null, null), 1)
                .given(new ListingMarkedUnderOffer(ID), 2);

        assertThat(projection.indexKeys()).filteredOn(key -> key.startsWith("live:")).hasSize(3);
        assertThat(projection.indexKeys()).filteredOn(key -> key.startsWith("status:UNDER_OFFER:")).hasSize(3);

        projection.given(new ListingSold(ID), 3);

        assertThat(projection.indexKeys()).noneMatch(key -> key.startsWith("live:"));
        assertThat(projection.indexKeys()).noneMatch(key -> key.startsWith("status:UNDER_OFFER:"));
        assertThat(projection.indexKeys()).filteredOn(key -> key.startsWith("status:SOLD:")).hasSize(3);
    }

    @Test
    void missing_values_are_indexed_as_the_null_sort_value_and_missing_dimensions_not_at_all() {
        ListingDrafted noPrice = new ListingDrafted(ID, "seller-1",
                details("Bakery").price(null).financials(null, null).city(null).highlights().build(), null);

        projection.given(noPrice, 0);

        assertThat(projection.indexKeys()).contains("all:price:" + SortValues.NULL + ":" + ID,
                "all:revenue:" + SortValues.NULL + ":" + ID);
        assertThat(projection.indexKeys()).noneMatch(key -> key.startsWith("city:") || key.startsWith("classification:"));
    }

    @Test
    void separators_and_case_in_values_cannot_make_one_values_prefix_cover_another() {
        projection.given(ListingEvents.drafted(ID, "seller-1", details("Unit").city("Navi:Mumbai").highlights()), 0);
        projection.given(ListingEvents.drafted("lst-2", "seller-1", details("Unit").city("NAVI").highlights()), 0);

        assertThat(projection.indexKeysOf(ID)).filteredOn(key -> key.startsWith("city:")).allMatch(
                key -> key.startsWith("city:navi%3Amumbai:"));
        assertThat(projection.indexKeysOf("lst-2")).filteredOn(key -> key.startsWith("city:")).allMatch(
                key -> key.startsWith("city:navi:"));
    }

    @Test
    void changing_one_listing_leaves_the_others_entries_alone() {
        projection.given(ListingEvents.drafted(ID, "seller-1", SURAT), 0);
        projection.given(ListingEvents.drafted("lst-2", "seller-2", SURAT), 0);
        List<String> before = projection.indexKeysOf("lst-2");

        projection.given(new ListingSubmitted(ID), 1).given(new ListingPublished(ID, null, null), 2);

        assertThat(projection.indexKeysOf("lst-2")).isEqualTo(before);
    }
}
