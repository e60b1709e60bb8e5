package io.msmeatlas.listings.listing;

import static io.msmeatlas.listings.listing.ListingSamples.CLASSIFICATION;
import static io.msmeatlas.listings.listing.ListingSamples.DETAILS;
import static io.msmeatlas.listings.listing.ListingSamples.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingExpired;
import io.msmeatlas.schemas.listing.ListingMarkedUnderOffer;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingRejected;
import io.msmeatlas.schemas.listing.ListingReturnedToMarket;
import io.msmeatlas.schemas.listing.ListingSold;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.ListingSuspended;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListingTest {

    private static final String ID = "listing-1";
    private static final String SELLER = "seller-1";
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(90));
    private static final Instant LATER_EXPIRY = EXPIRES.plus(Duration.ofDays(30));

    private static final ListingDrafted DRAFTED = new ListingDrafted(ID, SELLER, DETAILS, CLASSIFICATION);
    private static final ListingSubmitted SUBMITTED = new ListingSubmitted(ID);
    private static final ListingPublished PUBLISHED = new ListingPublished(ID, "admin-1", EXPIRES);

    private AggregateTestFixture<Listing> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Listing.class);
    }

    private static DraftListing draft() {
        return new DraftListing(ID, SELLER, DETAILS, TODAY);
    }

    private static SubmitListing submit() {
        return new SubmitListing(ID, SELLER, false, EXPIRES, null);
    }

    private static ApproveListing approve() {
        return new ApproveListing(ID, "admin-1", EXPIRES, null);
    }

    private static UpdateListing update(ListingChanges changes) {
        return new UpdateListing(ID, changes, SELLER, TODAY, null);
    }

    private static ListingOutcome outcome(long version, ListingStatus status) {
        return new ListingOutcome(version, status, true);
    }

    private static ListingOutcome unchanged(long version, ListingStatus status) {
        return new ListingOutcome(version, status, false);
    }

    // Drafting

    @Test
    void drafting_records_the_seller_the_details_and_their_udyam_classification() {
        fixture.givenNoPriorActivity()
                .when(draft())
                .expectEvents(DRAFTED);
    }

    @Test
    void drafting_stores_the_financials_most_recent_first() {
        ListingDetails oldestFirst = new ListingChanges(new ListingDetails(null, null, null, null, null, null, null,
                null, null, null, List.of(DETAILS.financials().get(1), DETAILS.financials().get(0)), null, null, null,
                null, null, null, null, null), Set.of("financials")).applyTo(DETAILS);

        fixture.givenNoPriorActivity()
                .when(new DraftListing(ID, SELLER, oldestFirst, TODAY))
                .expectEvents(DRAFTED);
    }

    @Test
    void drafting_details_that_break_a_rule_is_refused_naming_the_field() {
        ListingDetails inDollars = new ListingChanges(new ListingDetails(null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, "USD", null, null, null, null), Set.of("currency"))
                .applyTo(DETAILS);

        fixture.givenNoPriorActivity()
                .when(new DraftListing(ID, SELLER, inDollars, TODAY))
                .expectNoEvents()
                .expectException(InvalidListing.class)
                .expectExceptionMessage("Invalid listing: [FieldViolation[field=currency, "
                        + "message=must be INR: Udyam limits and Indian listings are in rupees]]");
    }

    @Test
    void drafting_an_enterprise_beyond_the_medium_investment_limit_is_refused_as_not_an_msme() {
        ListingDetails large = ListingSamples.investment("1250000000.01").applyTo(DETAILS);

        fixture.givenNoPriorActivity()
                .when(new DraftListing(ID, SELLER, large, TODAY))
                .expectNoEvents()
                .expectException(InvalidListing.class)
                .expectExceptionMessage("Invalid listing: [FieldViolation[field=plantAndMachineryInvestment, "
                        + "message=exceeds the Udyam medium limit: not an MSME]]");
    }

    // Updating

    @Test
    void an_update_carries_the_full_details_their_classification_and_what_changed() {
        fixture.given(DRAFTED)
                .when(update(ListingSamples.askingPrice("60000000")))
                .expectEvents(new ListingUpdated(ID, ListingSamples.withAskingPrice("60000000"), CLASSIFICATION,
                        List.of("askingPrice")))
                .expectResultMessagePayload(outcome(2, ListingStatus.DRAFT));
    }

    @Test
    void an_update_that_moves_the_enterprise_up_a_category_reclassifies_it() {
        ListingDetails after = ListingSamples.investment("300000000").applyTo(DETAILS);

        fixture.given(DRAFTED)
                .when(update(ListingSamples.investment("300000000")))
                .expectEvents(new ListingUpdated(ID, after, new UdyamClassification(Category.MEDIUM, "2025",
                        new BigDecimal("300000000"), new BigDecimal("80000000.00")),
                        List.of("plantAndMachineryInvestment")));
    }

    @Test
    void an_update_to_the_same_amount_in_another_form_records_nothing() {
        fixture.given(DRAFTED)
                .when(update(ListingSamples.askingPrice("65000000")))
                .expectNoEvents()
                .expectResultMessagePayload(unchanged(1, ListingStatus.DRAFT));
    }

    @Test
    void a_published_listing_can_still_be_updated() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED)
                .when(update(ListingSamples.askingPrice("60000000")))
                .expectEvents(new ListingUpdated(ID, ListingSamples.withAskingPrice("60000000"), CLASSIFICATION,
                        List.of("askingPrice")))
                .expectResultMessagePayload(outcome(4, ListingStatus.PUBLISHED));
    }

    @Test
    void a_sold_listing_cannot_be_updated() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED, new ListingSold(ID))
                .when(update(ListingSamples.askingPrice("1")))
                .expectNoEvents()
                .expectException(IllegalListingTransition.class)
                .expectExceptionMessage("Cannot update: the listing is SOLD.");
    }

    @Test
    void another_seller_cannot_update_the_listing() {
        fixture.given(DRAFTED)
                .when(new UpdateListing(ID, ListingSamples.askingPrice("1"), "seller-2", TODAY, null))
                .expectNoEvents()
                .expectException(NotListingOwner.class);
    }

    @Test
    void an_update_expecting_an_older_version_is_refused() {
        fixture.given(DRAFTED, new ListingUpdated(ID, ListingSamples.withAskingPrice("60000000"), CLASSIFICATION,
                        List.of("askingPrice")))
                .when(new UpdateListing(ID, ListingSamples.askingPrice("55000000"), SELLER, TODAY, 1L))
                .expectNoEvents()
                .expectException(VersionMismatch.class)
                .expectExceptionMessage("The listing is at version 2, not 1.");
    }

    @Test
    void an_update_expecting_the_current_version_is_accepted() {
        fixture.given(DRAFTED)
                .when(new UpdateListing(ID, ListingSamples.askingPrice("60000000"), SELLER, TODAY, 1L))
                .expectEvents(new ListingUpdated(ID, ListingSamples.withAskingPrice("60000000"), CLASSIFICATION,
                        List.of("askingPrice")));
    }

    @Test
    void an_update_of_a_listing_drafted_at_schema_v1_must_complete_what_v2_requires() {
        ListingDetails upcastV1 = new ListingDetails("Bakery chain in Kochi", null, null,
                new Sector(null, "C10", null, null), "Kerala", "Kochi", 2012, 18, null, null,
                List.of(new AnnualFinancials(null, new BigDecimal("24000000.00"), null, null, null, null)), null, null,
                new BigDecimal("15000000.00"), "INR", ListingDetails.DealType.FULL_SALE, null, null, null);

        fixture.given(new ListingDrafted(ID, SELLER, upcastV1, null))
                .when(update(ListingSamples.askingPrice("14000000")))
                .expectNoEvents()
                .expectException(InvalidListing.class)
                .expectExceptionMessage("Invalid listing: [FieldViolation[field=legalName, message=is required], "
                        + "FieldViolation[field=contact, message=is required], "
                        + "FieldViolation[field=sectorCode, message=is required], "
                        + "FieldViolation[field=plantAndMachineryInvestment, message=is required], "
                        + "FieldViolation[field=financials[0].fiscalYear, message=is required]]");
    }

    // Submitting

    @Test
    void submitting_a_draft_asks_for_review() {
        fixture.given(DRAFTED)
                .when(submit())
                .expectEvents(SUBMITTED)
                .expectResultMessagePayload(outcome(2, ListingStatus.SUBMITTED))
                .expectNoScheduledDeadlines();
    }

    @Test
    void submitting_with_moderation_off_publishes_at_once_until_the_expiry() {
        fixture.givenCurrentTime(NOW)
                .andGiven(DRAFTED)
                .when(new SubmitListing(ID, SELLER, true, EXPIRES, null))
                .expectEvents(SUBMITTED, new ListingPublished(ID, null, EXPIRES))
                .expectResultMessagePayload(outcome(3, ListingStatus.PUBLISHED))
                .expectScheduledDeadline(EXPIRES, new ListingExpiryDue(EXPIRES));
    }

    static Stream<Arguments> listingsSentBack() {
        return Stream.of(
                Arguments.of("rejected", List.of(DRAFTED, SUBMITTED, new ListingRejected(ID, "Blurry financials"))),
                Arguments.of("suspended", List.of(DRAFTED, SUBMITTED, PUBLISHED, new ListingSuspended(ID, "Duplicate"))),
                Arguments.of("expired", List.of(DRAFTED, SUBMITTED, PUBLISHED, new ListingExpired(ID))));
    }

    @ParameterizedTest(name = "a {0} listing can be submitted again")
    @MethodSource("listingsSentBack")
    void a_listing_sent_back_can_be_submitted_again(String state, List<Object> history) {
        fixture.given(history)
                .when(submit())
                .expectEvents(SUBMITTED)
                .expectResultMessagePayload(outcome(history.size() + 1, ListingStatus.SUBMITTED));
    }

    @Test
    void submitting_twice_is_a_no_op() {
        fixture.given(DRAFTED, SUBMITTED)
                .when(submit())
                .expectNoEvents()
                .expectResultMessagePayload(unchanged(2, ListingStatus.SUBMITTED));
    }

    @Test
    void submitting_a_published_listing_is_a_no_op() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED)
                .when(submit())
                .expectNoEvents()
                .expectResultMessagePayload(unchanged(3, ListingStatus.PUBLISHED));
    }

    @Test
    void a_listing_under_offer_cannot_be_submitted() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED, new ListingMarkedUnderOffer(ID))
                .when(submit())
                .expectNoEvents()
                .expectException(IllegalListingTransition.class)
                .expectExceptionMessage("Cannot submit: the listing is UNDER_OFFER.");
    }

    @Test
    void a_withdrawn_listing_cannot_be_submitted() {
        fixture.given(DRAFTED, new ListingWithdrawn(ID, null))
                .when(submit())
                .expectNoEvents()
                .expectException(IllegalListingTransition.class)
                .expectExceptionMessage("Cannot submit: the listing is WITHDRAWN.");
    }

    @Test
    void another_seller_cannot_submit_the_listing() {
        fixture.given(DRAFTED)
                .when(new SubmitListing(ID, "seller-2", false, EXPIRES, null))
                .expectNoEvents()
                .expectException(NotListingOwner.class);
    }

    // Moderating

    @Test
    void approving_a_submitted_listing_publishes_it_until_its_expiry() {
        fixture.givenCurrentTime(NOW)
                .andGiven(DRAFTED, SUBMITTED)
                .when(approve())
                .expectEvents(PUBLISHED)
                .expectResultMessagePayload(outcome(3, ListingStatus.PUBLISHED))
                .expectScheduledDeadline(EXPIRES, new ListingExpiryDue(EXPIRES));
    }

    @Test
    void approving_a_published_listing_again_is_a_no_op() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED)
                .when(approve())
                .expectNoEvents()
                .expectResultMessagePayload(unchanged(3, ListingStatus.PUBLISHED))
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_draft_cannot_be_approved() {
        fixture.given(DRAFTED)
                .when(approve())
                .expectNoEvents()
                .expectException(IllegalListingTransition.class)
                .expectExceptionMessage("Cannot approve: the listing is DRAFT.");
    }

    @Test
    void an_approval_expecting_an_older_version_publishes_nothing_and_schedules_nothing() {
        fixture.given(DRAFTED, SUBMITTED)
                .when(new ApproveListing(ID, "admin-1", EXPIRES, 1L))
                .expectNoEvents()
                .expectException(VersionMismatch.class)
                .expectNoScheduledDeadlines();
    }

    @Test
    void rejecting_a_submitted_listing_tells_the_seller_why() {
        fixture.given(DRAFTED, SUBMITTED)
                .when(new RejectListing(ID, "Financials do not add up", null))
                .expectEvents(new ListingRejected(ID, "Financials do not add up"))
                .expectResultMessagePayload(outcome(3, ListingStatus.REJECTED));
    }

    @Test
    void rejecting_a_rejected_listing_again_is_a_no_op() {
        fixture.given(DRAFTED, SUBMITTED, new ListingRejected(ID, "Blurry"))
                .when(new RejectListing(ID, "Still blurry", null))
                .expectNoEvents()
                .expectResultMessagePayload(unchanged(3, ListingStatus.REJECTED));
    }

    @Test
    void a_published_listing_cannot_be_rejected() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED)
                .when(new RejectListing(ID, "Too late", null))
                .expectNoEvents()
                .expectException(IllegalListingTransition.class)
                .expectExceptionMessage("Cannot reject: the listing is PUBLISHED.");
    }

    @Test
    void suspending_a_published_listing_cancels_its_expiry() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(draft(), submit(), approve())
                .when(new SuspendListing(ID, "Reported as a duplicate", null))
                .expectEvents(new ListingSuspended(ID, "Reported as a duplicate"))
                .expectResultMessagePayload(outcome(4, ListingStatus.SUSPENDED))
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_listing_under_offer_can_be_suspended() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED, new ListingMarkedUnderOffer(ID))
                .when(new SuspendListing(ID, "Fraud report", null))
                .expectEvents(new ListingSuspended(ID, "Fraud report"));
    }

    @Test
    void a_draft_cannot_be_suspended() {
        fixture.given(DRAFTED)
                .when(new SuspendListing(ID, "Why", null))
                .expectNoEvents()
                .expectException(IllegalListingTransition.class)
                .expectExceptionMessage("Cannot suspend: the listing is DRAFT.");
    }

    // On the market

    @Test
    void marking_a_published_listing_under_offer_stops_its_expiry() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(draft(), submit(), approve())
                .when(new MarkUnderOffer(ID, SELLER, null))
                .expectEvents(new ListingMarkedUnderOffer(ID))
                .expectResultMessagePayload(outcome(4, ListingStatus.UNDER_OFFER))
                .expectNoScheduledDeadlines();
    }

    @Test
    void marking_under_offer_twice_is_a_no_op() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED, new ListingMarkedUnderOffer(ID))
                .when(new MarkUnderOffer(ID, SELLER, null))
                .expectNoEvents()
                .expectResultMessagePayload(unchanged(4, ListingStatus.UNDER_OFFER));
    }

    @Test
    void a_submitted_listing_cannot_go_under_offer() {
        fixture.given(DRAFTED, SUBMITTED)
                .when(new MarkUnderOffer(ID, SELLER, null))
                .expectNoEvents()
                .expectException(IllegalListingTransition.class)
                .expectExceptionMessage("Cannot mark under offer: the listing is SUBMITTED.");
    }

    @Test
    void another_seller_cannot_mark_the_listing_under_offer() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED)
                .when(new MarkUnderOffer(ID, "seller-2", null))
                .expectNoEvents()
                .expectException(NotListingOwner.class);
    }

    @Test
    void returning_to_market_publishes_again_until_a_new_expiry() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(draft(), submit(), approve(), new MarkUnderOffer(ID, SELLER, null))
                .when(new ReturnToMarket(ID, SELLER, LATER_EXPIRY, null))
                .expectEvents(new ListingReturnedToMarket(ID, LATER_EXPIRY))
                .expectResultMessagePayload(outcome(5, ListingStatus.PUBLISHED))
                .expectScheduledDeadline(LATER_EXPIRY, new ListingExpiryDue(LATER_EXPIRY));
    }

    @Test
    void returning_a_published_listing_to_market_is_a_no_op() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED)
                .when(new ReturnToMarket(ID, SELLER, LATER_EXPIRY, null))
                .expectNoEvents()
                .expectResultMessagePayload(unchanged(3, ListingStatus.PUBLISHED));
    }

    @Test
    void a_draft_cannot_return_to_market() {
        fixture.given(DRAFTED)
                .when(new ReturnToMarket(ID, SELLER, LATER_EXPIRY, null))
                .expectNoEvents()
                .expectException(IllegalListingTransition.class);
    }

    @Test
    void a_listing_under_offer_can_be_sold() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED, new ListingMarkedUnderOffer(ID))
                .when(new MarkSold(ID, SELLER, null))
                .expectEvents(new ListingSold(ID))
                .expectResultMessagePayload(outcome(5, ListingStatus.SOLD));
    }

    @Test
    void selling_a_published_listing_stops_its_expiry() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(draft(), submit(), approve())
                .when(new MarkSold(ID, SELLER, null))
                .expectEvents(new ListingSold(ID))
                .expectNoScheduledDeadlines();
    }

    @Test
    void selling_twice_is_a_no_op() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED, new ListingSold(ID))
                .when(new MarkSold(ID, SELLER, null))
                .expectNoEvents()
                .expectResultMessagePayload(unchanged(4, ListingStatus.SOLD));
    }

    @Test
    void a_draft_cannot_be_sold() {
        fixture.given(DRAFTED)
                .when(new MarkSold(ID, SELLER, null))
                .expectNoEvents()
                .expectException(IllegalListingTransition.class)
                .expectExceptionMessage("Cannot mark sold: the listing is DRAFT.");
    }

    // Withdrawing

    @Test
    void withdrawing_a_published_listing_records_the_reason_and_stops_its_expiry() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(draft(), submit(), approve())
                .when(new WithdrawListing(ID, "Sold privately", SELLER, false, null))
                .expectEvents(new ListingWithdrawn(ID, "Sold privately"))
                .expectResultMessagePayload(outcome(4, ListingStatus.WITHDRAWN))
                .expectNoScheduledDeadlines();
    }

    @Test
    void withdrawing_twice_is_a_no_op() {
        fixture.given(DRAFTED, new ListingWithdrawn(ID, null))
                .when(new WithdrawListing(ID, "again", SELLER, false, null))
                .expectNoEvents()
                .expectResultMessagePayload(unchanged(2, ListingStatus.WITHDRAWN));
    }

    @Test
    void a_sold_listing_cannot_be_withdrawn() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED, new ListingSold(ID))
                .when(new WithdrawListing(ID, null, SELLER, false, null))
                .expectNoEvents()
                .expectException(IllegalListingTransition.class)
                .expectExceptionMessage("Cannot withdraw: the listing is SOLD.");
    }

    @Test
    void an_admin_may_withdraw_any_listing() {
        fixture.given(DRAFTED, SUBMITTED, PUBLISHED)
                .when(new WithdrawListing(ID, "Breaks the rules", "admin-1", true, null))
                .expectEvents(new ListingWithdrawn(ID, "Breaks the rules"));
    }

    @Test
    void another_seller_cannot_withdraw_the_listing() {
        fixture.given(DRAFTED)
                .when(new WithdrawListing(ID, null, "seller-2", false, null))
                .expectNoEvents()
                .expectException(NotListingOwner.class);
    }

    // Expiry

    @Test
    void a_published_listing_expires_when_its_deadline_comes() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(draft(), submit(), approve())
                .whenThenTimeAdvancesTo(EXPIRES)
                .expectTriggeredDeadlines(new ListingExpiryDue(EXPIRES))
                .expectEvents(new ListingExpired(ID));
    }

    @Test
    void a_published_listing_does_not_expire_before_its_deadline() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(draft(), submit(), approve())
                .whenThenTimeAdvancesTo(EXPIRES.minusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void a_listing_back_on_the_market_expires_at_its_new_expiry_not_the_old_one() {
        // The old deadline survives here (the under-offer event is given, so nothing cancelled it).
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(draft(), submit(), approve())
                .andGiven(new ListingMarkedUnderOffer(ID))
                .andGivenCommands(new ReturnToMarket(ID, SELLER, LATER_EXPIRY, null))
                .whenThenTimeAdvancesTo(EXPIRES)
                .expectTriggeredDeadlines(new ListingExpiryDue(EXPIRES))
                .expectNoEvents();
    }

    @Test
    void a_deadline_that_fires_after_the_listing_left_the_market_changes_nothing() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(draft(), submit(), approve())
                .andGiven(new ListingSold(ID))
                .whenThenTimeAdvancesTo(EXPIRES)
                .expectTriggeredDeadlines(new ListingExpiryDue(EXPIRES))
                .expectNoEvents();
    }

    @Test
    void the_status_after_each_event_is_the_one_the_aggregate_reaches() {
        assertThat(ListingStatus.DRAFT.after(SUBMITTED)).isEqualTo(ListingStatus.SUBMITTED);
        assertThat(ListingStatus.SUBMITTED.after(PUBLISHED)).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(ListingStatus.PUBLISHED.after(new ListingUpdated(ID, DETAILS, CLASSIFICATION, List.of())))
                .isEqualTo(ListingStatus.PUBLISHED);
        assertThat(ListingStatus.UNDER_OFFER.after(new ListingReturnedToMarket(ID, EXPIRES)))
                .isEqualTo(ListingStatus.PUBLISHED);
        assertThat(ListingStatus.PUBLISHED.after(new ListingExpired(ID))).isEqualTo(ListingStatus.EXPIRED);
    }
}
