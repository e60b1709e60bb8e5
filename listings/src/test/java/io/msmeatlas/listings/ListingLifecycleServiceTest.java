package io.msmeatlas.listings;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** The moderated lifecycle over HTTP, with its events on Kafka and its expiry deadlines in PostgreSQL. */
class ListingLifecycleServiceTest extends ListingServiceTestSupport {

    private ResponseEntity<String> adminAct(String id, String action, String body) {
        return post(admin, LISTINGS + "/" + id + "/" + action, body);
    }

    @Test
    void a_submitted_listing_waits_for_an_admin_whose_approval_publishes_it_until_its_expiry() {
        String id = draft();
        assertThat(status(patch(id, "{\"askingPrice\":\"60000000\",\"title\":\"CNC shop, Pune\"}")))
                .isEqualTo("DRAFT");

        assertThat(status(act(id, "submit"))).isEqualTo("SUBMITTED");
        assertThat(storedTypes(id)).doesNotContain("ListingPublished");
        assertThat(scheduledExpiries(id)).isZero();

        Instant before = Instant.now();
        ResponseEntity<String> approved = adminAct(id, "approve", null);

        assertThat(status(approved)).isEqualTo("PUBLISHED");
        assertThat(body(approved).get("version").asLong()).isEqualTo(4);
        assertThat(scheduledExpiries(id)).isOne();
        List<ConsumerRecord<String, byte[]>> records = awaitEvents(id, 4);
        assertThat(records).extracting(r -> EventEnvelope.readFrom(r.headers()).sequence())
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(types(records)).containsExactly("ListingDrafted", "ListingUpdated", "ListingSubmitted",
                "ListingPublished");
        assertValidAgainstSchemas(records);
        assertThat(payload(records.get(1)).get("changedFields").values().stream().map(JsonNode::asString))
                .containsExactly("title", "askingPrice");
        JsonNode published = payload(records.get(3));
        assertThat(published.get("approvedBy").asString()).isEqualTo(ADMIN_ID);
        assertThat(Instant.parse(published.get("expiresAt").asString()))
                .isBetween(before.plus(Duration.ofDays(90)).minusSeconds(1), Instant.now().plus(Duration.ofDays(90)));
    }

    @Test
    void a_rejected_listing_tells_the_seller_why_and_can_be_fixed_and_submitted_again() {
        String id = draft();
        act(id, "submit");

        assertThat(status(adminAct(id, "reject", "{\"reason\":\"Financials do not add up\"}"))).isEqualTo("REJECTED");
        assertThat(status(patch(id, "{\"reasonForSale\":\"Founder retiring; audited accounts attached\"}")))
                .isEqualTo("REJECTED");
        assertThat(status(act(id, "submit"))).isEqualTo("SUBMITTED");
        assertThat(status(adminAct(id, "approve", null))).isEqualTo("PUBLISHED");

        List<ConsumerRecord<String, byte[]>> records = awaitEvents(id, 6);
        assertThat(types(records)).containsExactly("ListingDrafted", "ListingSubmitted", "ListingRejected",
                "ListingUpdated", "ListingSubmitted", "ListingPublished");
        assertThat(payload(records.get(2)).get("reason").asString()).isEqualTo("Financials do not add up");
        assertValidAgainstSchemas(records);
    }

    @Test
    void a_suspended_listing_leaves_the_market_and_its_expiry_is_cancelled() {
        String id = published();
        assertThat(scheduledExpiries(id)).isOne();

        assertThat(status(adminAct(id, "suspend", "{\"reason\":\"Reported as a duplicate\"}"))).isEqualTo("SUSPENDED");

        assertThat(scheduledExpiries(id)).isZero();
        List<ConsumerRecord<String, byte[]>> records = awaitEvents(id, 4);
        assertThat(types(records).get(3)).isEqualTo("ListingSuspended");
        assertThat(payload(records.get(3)).get("reason").asString()).isEqualTo("Reported as a duplicate");
        assertValidAgainstSchemas(records);
    }

    @Test
    void a_listing_goes_under_offer_back_to_market_and_is_sold_with_its_expiry_following() {
        String id = published();

        assertThat(status(act(id, "under-offer"))).isEqualTo("UNDER_OFFER");
        assertThat(scheduledExpiries(id)).isZero();
        assertThat(status(act(id, "return-to-market"))).isEqualTo("PUBLISHED");
        assertThat(scheduledExpiries(id)).isOne();
        assertThat(status(act(id, "under-offer"))).isEqualTo("UNDER_OFFER");
        assertThat(status(act(id, "sold"))).isEqualTo("SOLD");
        assertThat(scheduledExpiries(id)).isZero();

        ResponseEntity<String> withdraw = act(id, "withdraw");
        assertThat(withdraw.getStatusCode().value()).isEqualTo(409);
        assertThat(body(withdraw).get("currentStatus").asString()).isEqualTo("SOLD");

        List<ConsumerRecord<String, byte[]>> records = awaitEvents(id, 7);
        assertThat(types(records)).containsExactly("ListingDrafted", "ListingSubmitted", "ListingPublished",
                "ListingMarkedUnderOffer", "ListingReturnedToMarket", "ListingMarkedUnderOffer", "ListingSold");
        assertValidAgainstSchemas(records);
    }

    @Test
    void an_admin_withdraws_a_published_listing_with_a_reason() {
        String id = published();

        assertThat(status(adminAct(id, "withdraw", "{\"reason\":\"Breaks the listing rules\"}"))).isEqualTo("WITHDRAWN");

        assertThat(scheduledExpiries(id)).isZero();
        List<ConsumerRecord<String, byte[]>> records = awaitEvents(id, 4);
        assertThat(types(records).get(3)).isEqualTo("ListingWithdrawn");
        assertThat(payload(records.get(3)).get("reason").asString()).isEqualTo("Breaks the listing rules");
        assertValidAgainstSchemas(records);
    }

    @Test
    void repeating_a_transition_is_a_no_op_that_answers_the_current_version() {
        String id = published();

        ResponseEntity<String> again = adminAct(id, "approve", null);
        ResponseEntity<String> submitAgain = act(id, "publish");

        assertThat(status(again)).isEqualTo("PUBLISHED");
        assertThat(body(again).get("version").asLong()).isEqualTo(3);
        assertThat(status(submitAgain)).isEqualTo("PUBLISHED");
        assertThat(storedTypes(id)).hasSize(3);
        assertThat(scheduledExpiries(id)).isOne();
    }
}
