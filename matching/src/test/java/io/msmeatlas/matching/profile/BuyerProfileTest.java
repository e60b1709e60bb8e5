package io.msmeatlas.matching.profile;

import io.msmeatlas.matching.web.CommandOutcome;
import io.msmeatlas.matching.web.NotAllowed;
import io.msmeatlas.matching.web.VersionMismatch;
import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerProfileCreated;
import io.msmeatlas.schemas.buyer.BuyerProfilePaused;
import io.msmeatlas.schemas.buyer.BuyerProfileResumed;
import io.msmeatlas.schemas.buyer.BuyerProfileUpdated;
import io.msmeatlas.schemas.buyer.BuyerType;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuyerProfileTest {

    private static final String ID = "profile-1";
    private static final String BUYER = "buyer-1";
    private static final BuyerCriteria CRITERIA = new BuyerCriteria(List.of("25"), List.of("Maharashtra"), List.of(),
            null, new BigDecimal("80000000"), null, null, null, null, List.of(), List.of(), BuyerType.STRATEGIC);
    private static final BuyerCriteria WIDER = new BuyerCriteria(List.of("C"), List.of(), List.of(), null,
            new BigDecimal("90000000"), null, null, null, null, List.of(), List.of(), BuyerType.STRATEGIC);
    private static final BuyerContact CONTACT = new BuyerContact("Ravi Menon", "ravi@example.in", null);
    private static final ValidProfile PROFILE = new ValidProfile("West India", CRITERIA, CONTACT);
    private static final BuyerProfileCreated CREATED = new BuyerProfileCreated(ID, BUYER, "West India", CRITERIA,
            CONTACT);

    private AggregateTestFixture<BuyerProfile> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BuyerProfile.class);
    }

    @Test
    void a_buyer_creates_an_active_profile() {
        fixture.givenNoPriorActivity()
                .when(new CreateBuyerProfile(ID, BUYER, PROFILE))
                .expectEvents(CREATED);
    }

    @Test
    void changing_the_criteria_records_the_whole_profile_and_names_what_changed() {
        fixture.given(CREATED)
                .when(new UpdateBuyerProfile(ID, new ValidProfile("West India", WIDER, CONTACT), BUYER, null))
                .expectEvents(new BuyerProfileUpdated(ID, "West India", WIDER, CONTACT, List.of("criteria")))
                .expectResultMessagePayload(new CommandOutcome(2, "ACTIVE", null, true));
    }

    @Test
    void the_same_profile_again_stores_nothing() {
        fixture.given(CREATED)
                .when(new UpdateBuyerProfile(ID, PROFILE, BUYER, 1L))
                .expectNoEvents()
                .expectResultMessagePayload(new CommandOutcome(1, "ACTIVE", null, false));
    }

    @Test
    void another_user_cannot_change_the_profile() {
        fixture.given(CREATED)
                .when(new UpdateBuyerProfile(ID, new ValidProfile("Mine now", WIDER, CONTACT), "buyer-2", null))
                .expectException(NotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void an_if_match_on_another_version_is_refused() {
        fixture.given(CREATED, new BuyerProfilePaused(ID))
                .when(new ResumeBuyerProfile(ID, BUYER, 1L))
                .expectException(VersionMismatch.class)
                .expectNoEvents();
    }

    @Test
    void pausing_and_resuming_switch_matching_off_and_on_and_repeating_them_is_a_no_op() {
        fixture.given(CREATED).when(new PauseBuyerProfile(ID, BUYER, null))
                .expectEvents(new BuyerProfilePaused(ID));
        fixture.given(CREATED, new BuyerProfilePaused(ID)).when(new PauseBuyerProfile(ID, BUYER, null))
                .expectNoEvents().expectResultMessagePayload(new CommandOutcome(2, "PAUSED", null, false));
        fixture.given(CREATED, new BuyerProfilePaused(ID)).when(new ResumeBuyerProfile(ID, BUYER, 2L))
                .expectEvents(new BuyerProfileResumed(ID));
        fixture.given(CREATED).when(new ResumeBuyerProfile(ID, BUYER, null)).expectNoEvents();
    }
}
