package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListingTest {

    private static final String ID = "listing-1";
    private static final ListingDetails DETAILS = new ListingDetails("Bakery chain in Kochi", "C10", "Kochi",
            "Kerala", 2012, 18, new BigDecimal("24000000.00"), new BigDecimal("3100000.00"),
            new BigDecimal("15000000.00"), "INR", "Three outlets, central kitchen.");
    private static final ListingDetails NO_CHANGES = new ListingDetails(null, null, null, null, null, null, null,
            null, null, null, null);

    private AggregateTestFixture<Listing> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Listing.class);
    }

    private static ListingDetails priceOnly(String price) {
        return new ListingDetails(null, null, null, null, null, null, null, null, new BigDecimal(price), null, null);
    }

    @Test
    void drafting_a_listing_records_the_seller_and_details() {
        fixture.givenNoPriorActivity()
                .when(new DraftListing(ID, "seller-1", DETAILS))
                .expectEvents(new ListingDrafted(ID, "seller-1", DETAILS));
    }

    @Test
    void an_update_carries_the_full_details_and_names_what_changed() {
        ListingDetails after = new ListingDetails("Bakery chain in Kochi", "C10", "Kochi", "Kerala", 2012, 18,
                new BigDecimal("24000000.00"), new BigDecimal("3100000.00"), new BigDecimal("14000000"), "INR",
                "Three outlets, central kitchen.");
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS))
                .when(new UpdateListing(ID, priceOnly("14000000"), "seller-1"))
                .expectEvents(new ListingUpdated(ID, after, List.of("askingPrice")))
                .expectResultMessagePayload(2L);
    }

    @Test
    void an_update_that_changes_nothing_records_nothing() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS))
                .when(new UpdateListing(ID, priceOnly("15000000"), "seller-1"))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void publishing_a_draft_makes_it_public() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS))
                .when(new PublishListing(ID, "seller-1"))
                .expectEvents(new ListingPublished(ID))
                .expectResultMessagePayload(2L);
    }

    @Test
    void publishing_twice_is_a_no_op() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS), new ListingPublished(ID))
                .when(new PublishListing(ID, "seller-1"))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void a_withdrawn_listing_cannot_be_published() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS), new ListingWithdrawn(ID, null))
                .when(new PublishListing(ID, "seller-1"))
                .expectNoEvents()
                .expectException(IllegalListingTransition.class)
                .expectExceptionMessage("Cannot publish a listing that is WITHDRAWN.");
    }

    @Test
    void a_withdrawn_listing_cannot_be_updated() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS), new ListingWithdrawn(ID, "sold"))
                .when(new UpdateListing(ID, priceOnly("1"), "seller-1"))
                .expectNoEvents()
                .expectException(IllegalListingTransition.class);
    }

    @Test
    void withdrawing_a_published_listing_records_the_reason() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS), new ListingPublished(ID))
                .when(new WithdrawListing(ID, "Sold privately", "seller-1", false))
                .expectEvents(new ListingWithdrawn(ID, "Sold privately"))
                .expectResultMessagePayload(3L);
    }

    @Test
    void withdrawing_twice_is_a_no_op() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS), new ListingWithdrawn(ID, null))
                .when(new WithdrawListing(ID, "again", "seller-1", false))
                .expectNoEvents();
    }

    @Test
    void another_seller_cannot_change_the_listing() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS))
                .when(new UpdateListing(ID, priceOnly("1"), "seller-2"))
                .expectNoEvents()
                .expectException(NotListingOwner.class);
    }

    @Test
    void another_seller_cannot_publish_or_withdraw_the_listing() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS))
                .when(new PublishListing(ID, "seller-2"))
                .expectNoEvents()
                .expectException(NotListingOwner.class);
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS))
                .when(new WithdrawListing(ID, null, "seller-2", false))
                .expectNoEvents()
                .expectException(NotListingOwner.class);
    }

    @Test
    void an_admin_may_withdraw_any_listing() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS), new ListingPublished(ID))
                .when(new WithdrawListing(ID, "Breaks the rules", "admin-1", true))
                .expectEvents(new ListingWithdrawn(ID, "Breaks the rules"));
    }

    @Test
    void an_empty_update_changes_nothing() {
        fixture.given(new ListingDrafted(ID, "seller-1", DETAILS))
                .when(new UpdateListing(ID, NO_CHANGES, "seller-1"))
                .expectNoEvents();
    }
}
