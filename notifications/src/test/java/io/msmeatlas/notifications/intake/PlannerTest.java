package io.msmeatlas.notifications.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msmeatlas.notifications.Draft;
import io.msmeatlas.notifications.NotificationType;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.listing.ListingExpired;
import io.msmeatlas.schemas.listing.ListingRejected;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.match.ContactsRevealed;
import io.msmeatlas.schemas.match.InterestAccepted;
import io.msmeatlas.schemas.match.InterestDeclined;
import io.msmeatlas.schemas.match.InterestExpressed;
import io.msmeatlas.schemas.match.ListingSummary;
import io.msmeatlas.schemas.match.MatchProposed;
import io.msmeatlas.schemas.match.MatchRetracted;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which event notifies whom, saying what. */
class PlannerTest {

    private final Map<String, ListingOwners.Owner> owners = Map.of("lst-1",
            new ListingOwners.Owner("seller-1", "CNC shop in Pune"));
    private final Planner planner = new Planner(id -> Optional.ofNullable(owners.get(id)));

    private static final MatchProposed PROPOSED = new MatchProposed("m-1", "p-1", "buyer-1", BuyerType.STRATEGIC,
            "lst-1", "seller-1", new BigDecimal("0.925"), List.of("sector match: metals", "within budget",
                    "same city: Pune", "profitable"), List.of(),
            new ListingSummary("CNC shop in Pune", "25", "Metals", "C", "Maharashtra", "Pune",
                    new BigDecimal("65000000"), null, null, null, null));

    @Test
    void a_match_tells_the_buyer_what_fits_and_why() {
        Draft draft = planner.match(PROPOSED, "e-1").get(0);

        assertThat(draft.userId()).isEqualTo("buyer-1");
        assertThat(draft.type()).isEqualTo(NotificationType.MATCH_FOUND);
        assertThat(draft.title()).isEqualTo("New match: CNC shop in Pune");
        assertThat(draft.body()).isEqualTo("CNC shop in Pune (Pune, Maharashtra, asking ₹6.50 crore) matches your "
                + "profile with a score of 0.925: sector match: metals; within budget; same city: Pune.");
        assertThat(draft.link()).isEqualTo("/api/matchmaking/matches/m-1");
        assertThat(draft.eventId()).isEqualTo("e-1");
    }

    @Test
    void the_deal_flow_notifies_the_other_party_at_each_step() {
        Draft interest = planner.match(new InterestExpressed("m-1", "buyer-1", "lst-1", "seller-1", "Keen"), "e-2")
                .get(0);
        assertThat(interest.userId()).isEqualTo("seller-1");
        assertThat(interest.type()).isEqualTo(NotificationType.INTEREST_RECEIVED);
        assertThat(interest.title()).isEqualTo("A buyer is interested in CNC shop in Pune");
        assertThat(interest.body()).contains("\u201cKeen\u201d");

        Draft accepted = planner.match(new InterestAccepted("m-1", "buyer-1", "lst-1", "seller-1"), "e-3").get(0);
        assertThat(accepted.userId()).isEqualTo("buyer-1");
        assertThat(accepted.type()).isEqualTo(NotificationType.INTEREST_ACCEPTED);

        Draft declined = planner.match(new InterestDeclined("m-1", "buyer-1", "lst-9", "seller-1", "Sold elsewhere"),
                "e-4").get(0);
        assertThat(declined.userId()).isEqualTo("buyer-1");
        assertThat(declined.title()).isEqualTo("Your interest in the listing was declined");
        assertThat(declined.body()).endsWith(": Sold elsewhere");
    }

    @Test
    void retractions_and_revealed_contacts_notify_nobody() {
        assertThat(planner.match(new MatchRetracted("m-1", MatchRetracted.Reason.LISTING_CLOSED), "e")).isEmpty();
        assertThat(planner.match(new ContactsRevealed("m-1", "b", "lst-1", "s", null, null, null), "e")).isEmpty();
    }

    @Test
    void moderation_and_expiry_go_to_the_seller_with_the_reason() {
        Draft rejected = planner.listing(new ListingRejected("lst-1", "Financials do not add up"), "e-5").get(0);
        assertThat(rejected.userId()).isEqualTo("seller-1");
        assertThat(rejected.type()).isEqualTo(NotificationType.LISTING_REJECTED);
        assertThat(rejected.body()).contains("Financials do not add up");
        assertThat(planner.listing(new ListingExpired("lst-1"), "e-6").get(0).type())
                .isEqualTo(NotificationType.LISTING_EXPIRED);
        assertThat(planner.listing(new ListingSubmitted("lst-1"), "e-7")).isEmpty();
    }

    @Test
    void an_event_about_a_listing_whose_seller_is_unknown_waits_to_be_retried() {
        assertThatThrownBy(() -> planner.listing(new ListingRejected("lst-unknown", "x"), "e-8"))
                .isInstanceOf(RecipientUnknown.class);
    }

    @Test
    void valuations_are_read_by_field_name_and_unknown_ones_skipped() {
        var completed = EventJson.mapper().readTree("""
                {"listingId":"lst-1","listingVersion":3,"low":"50000000","mid":"60000000.00","high":"72000000",
                 "currency":"INR","method":"xgboost:1","someNewField":true}""");
        Draft ready = planner.valuation("io.msmeatlas.valuation.ValuationCompleted", completed, "e-9").get(0);
        assertThat(ready.userId()).isEqualTo("seller-1");
        assertThat(ready.type()).isEqualTo(NotificationType.VALUATION_READY);
        assertThat(ready.body()).isEqualTo("Your listing CNC shop in Pune is valued at ₹5.00 crore to ₹7.20 crore, "
                + "most likely ₹6.00 crore.");

        var failed = EventJson.mapper().readTree("""
                {"listingId":"lst-1","code":"NO_FINANCIALS","reason":"No revenue given"}""");
        assertThat(planner.valuation("io.msmeatlas.valuation.ValuationFailed", failed, "e-10").get(0).body())
                .endsWith("could not be valued: No revenue given.");
        assertThat(planner.valuation("io.msmeatlas.valuation.ValuationRequested", failed, "e-11")).isEmpty();
        assertThatThrownBy(() -> planner.valuation("io.msmeatlas.valuation.ValuationCompleted",
                EventJson.mapper().readTree("{}"), "e-12")).isInstanceOf(PoisonRecord.class);
    }
}
