package io.msmeatlas.matching.deal;

import io.msmeatlas.matching.web.CommandOutcome;
import io.msmeatlas.matching.web.IllegalTransition;
import io.msmeatlas.matching.web.NotAllowed;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.match.ContactsRevealed;
import io.msmeatlas.schemas.match.InterestAccepted;
import io.msmeatlas.schemas.match.InterestDeclined;
import io.msmeatlas.schemas.match.InterestExpressed;
import io.msmeatlas.schemas.match.ListingSummary;
import io.msmeatlas.schemas.match.MatchFactor;
import io.msmeatlas.schemas.match.MatchProposed;
import io.msmeatlas.schemas.match.MatchRescored;
import io.msmeatlas.schemas.match.MatchRetracted;
import io.msmeatlas.schemas.match.MatchRetracted.Reason;
import io.msmeatlas.schemas.match.PartyContact;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MatchTest {

    private static final String PROFILE = "profile-1";
    private static final String LISTING = "listing-1";
    private static final String ID = MatchIds.of(PROFILE, LISTING);
    private static final String BUYER = "buyer-1";
    private static final String SELLER = "seller-1";
    private static final ListingSummary SUMMARY = new ListingSummary("CNC shop", "25", "Fabricated metal", "C",
            "Maharashtra", "Pune", new BigDecimal("65000000"), null, null, null, null);
    private static final List<MatchFactor> FACTORS = List.of(
            new MatchFactor("budget", new BigDecimal("0.200"), new BigDecimal("0.200"), "within budget"));
    private static final PartyContact SELLER_CONTACT = new PartyContact("Anil", "anil@example.in", null);
    private static final PartyContact BUYER_CONTACT = new PartyContact("Ravi", "ravi@example.in", null);

    private static final MatchProposed PROPOSED = new MatchProposed(ID, PROFILE, BUYER, BuyerType.STRATEGIC, LISTING,
            SELLER, new BigDecimal("0.700"), List.of("within budget"), FACTORS, SUMMARY);
    private static final InterestExpressed EXPRESSED = new InterestExpressed(ID, BUYER, LISTING, SELLER, "Hello");
    private static final MatchRetracted RETRACTED = new MatchRetracted(ID, Reason.LISTING_CLOSED);

    private AggregateTestFixture<Match> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Match.class);
    }

    private static ProposeMatch propose(String score) {
        return new ProposeMatch(ID, PROFILE, BUYER, BuyerType.STRATEGIC, LISTING, SELLER, new BigDecimal(score),
                List.of("within budget"), FACTORS, SUMMARY);
    }

    private static AcceptInterest accept(String by) {
        return new AcceptInterest(ID, by, "Shree Precision Pvt Ltd", SELLER_CONTACT, BUYER_CONTACT, null);
    }

    // The worker's side

    @Test
    void the_worker_proposes_a_new_match() {
        fixture.givenNoPriorActivity().when(propose("0.700")).expectEvents(PROPOSED);
    }

    @Test
    void proposing_the_same_match_again_is_a_no_op() {
        fixture.given(PROPOSED).when(propose("0.700")).expectNoEvents()
                .expectResultMessagePayload(new CommandOutcome(1, "PROPOSED", "NONE", false));
    }

    @Test
    void a_new_score_for_a_standing_match_is_a_rescore() {
        fixture.given(PROPOSED).when(propose("0.650"))
                .expectEvents(new MatchRescored(ID, new BigDecimal("0.650"), List.of("within budget"), FACTORS, SUMMARY));
    }

    @Test
    void a_retracted_match_that_fits_again_is_proposed_again() {
        fixture.given(PROPOSED, RETRACTED).when(propose("0.700")).expectEvents(PROPOSED);
    }

    @Test
    void the_worker_retracts_a_standing_match_once() {
        fixture.given(PROPOSED).when(new RetractMatch(ID, Reason.LISTING_CLOSED)).expectEvents(RETRACTED);
        fixture.given(PROPOSED, RETRACTED).when(new RetractMatch(ID, Reason.LISTING_CLOSED)).expectNoEvents();
    }

    @Test
    void an_accepted_match_is_never_retracted() {
        fixture.given(PROPOSED, EXPRESSED, new InterestAccepted(ID, BUYER, LISTING, SELLER))
                .when(new RetractMatch(ID, Reason.LISTING_CLOSED))
                .expectNoEvents();
    }

    // The deal flow

    @Test
    void the_buyer_expresses_interest_in_a_proposed_match() {
        fixture.given(PROPOSED).when(new ExpressInterest(ID, BUYER, "Hello", null)).expectEvents(EXPRESSED)
                .expectResultMessagePayload(new CommandOutcome(2, "PROPOSED", "EXPRESSED", true));
    }

    @Test
    void expressing_interest_again_is_a_no_op() {
        fixture.given(PROPOSED, EXPRESSED).when(new ExpressInterest(ID, BUYER, "Hello again", null)).expectNoEvents();
    }

    @Test
    void only_the_matchs_buyer_may_express_interest() {
        fixture.given(PROPOSED).when(new ExpressInterest(ID, "buyer-2", null, null))
                .expectException(NotAllowed.class).expectNoEvents();
    }

    @Test
    void nobody_may_express_interest_in_a_retracted_match() {
        fixture.given(PROPOSED, RETRACTED).when(new ExpressInterest(ID, BUYER, null, null))
                .expectException(IllegalTransition.class).expectNoEvents();
    }

    @Test
    void on_accept_the_contacts_are_revealed_in_the_same_command() {
        fixture.given(PROPOSED, EXPRESSED).when(accept(SELLER))
                .expectEvents(new InterestAccepted(ID, BUYER, LISTING, SELLER),
                        new ContactsRevealed(ID, BUYER, LISTING, SELLER, "Shree Precision Pvt Ltd", SELLER_CONTACT,
                                BUYER_CONTACT))
                .expectResultMessagePayload(new CommandOutcome(4, "PROPOSED", "ACCEPTED", true));
    }

    @Test
    void only_the_listings_seller_may_accept() {
        fixture.given(PROPOSED, EXPRESSED).when(accept("seller-2")).expectException(NotAllowed.class)
                .expectNoEvents();
        fixture.given(PROPOSED, EXPRESSED).when(accept(BUYER)).expectException(NotAllowed.class).expectNoEvents();
    }

    @Test
    void there_is_nothing_to_accept_before_the_buyer_expresses_interest() {
        fixture.given(PROPOSED).when(accept(SELLER)).expectException(IllegalTransition.class).expectNoEvents();
    }

    @Test
    void a_pending_interest_in_a_retracted_match_can_be_declined_but_not_accepted() {
        fixture.given(PROPOSED, EXPRESSED, RETRACTED).when(accept(SELLER))
                .expectException(IllegalTransition.class).expectNoEvents();
        fixture.given(PROPOSED, EXPRESSED, RETRACTED).when(new DeclineInterest(ID, SELLER, null, null))
                .expectEvents(new InterestDeclined(ID, BUYER, LISTING, SELLER, null));
    }

    @Test
    void accepting_twice_reveals_once_and_declined_is_final() {
        fixture.given(PROPOSED, EXPRESSED, new InterestAccepted(ID, BUYER, LISTING, SELLER))
                .when(accept(SELLER)).expectNoEvents();
        InterestDeclined declined = new InterestDeclined(ID, BUYER, LISTING, SELLER, "Another buyer");
        fixture.given(PROPOSED, EXPRESSED, declined).when(accept(SELLER)).expectException(IllegalTransition.class);
        fixture.given(PROPOSED, EXPRESSED, declined).when(new ExpressInterest(ID, BUYER, null, null))
                .expectException(IllegalTransition.class);
        fixture.given(PROPOSED, EXPRESSED, declined).when(new DeclineInterest(ID, SELLER, null, null))
                .expectNoEvents();
    }
}
