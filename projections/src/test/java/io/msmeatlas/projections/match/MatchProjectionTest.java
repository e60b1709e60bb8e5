package io.msmeatlas.projections.match;

import static io.msmeatlas.projections.match.MatchEvents.accepted;
import static io.msmeatlas.projections.match.MatchEvents.interest;
import static io.msmeatlas.projections.match.MatchEvents.proposed;
import static io.msmeatlas.projections.match.MatchEvents.revealed;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.buyer.BuyerProfileCreated;
import io.msmeatlas.schemas.buyer.BuyerProfilePaused;
import io.msmeatlas.schemas.buyer.BuyerProfileUpdated;
import io.msmeatlas.schemas.match.InterestDeclined;
import io.msmeatlas.schemas.match.MatchEvent;
import io.msmeatlas.schemas.match.MatchProposed;
import io.msmeatlas.schemas.match.MatchRescored;
import io.msmeatlas.schemas.match.MatchRetracted;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given these match and profile events on the topic, then these views and index entries. */
class MatchProjectionTest {

    private static final MatchProposed PROPOSED = proposed("m-1", "buyer-1", "lst-1", "seller-1", "0.825");

    @TempDir
    Path stateDir;

    private MatchDriver projection;

    @BeforeEach
    void start() {
        projection = new MatchDriver(stateDir);
    }

    @AfterEach
    void stop() {
        projection.close();
    }

    @Test
    void a_proposed_match_is_a_view_listed_for_its_buyer_and_its_listing_by_score() {
        projection.given(PROPOSED, 0);

        MatchView view = projection.match("m-1");
        assertThat(view.status()).isEqualTo("PROPOSED");
        assertThat(view.interest()).isEqualTo("NONE");
        assertThat(view.score()).isEqualByComparingTo("0.825");
        assertThat(view.listing().title()).isEqualTo("Listing lst-1");
        assertThat(view.proposedAt()).isEqualTo(MatchEvents.time(0));
        assertThat(view.version()).isEqualTo(1);
        assertThat(projection.indexKeys()).containsExactlyInAnyOrder("b|buyer-1|0175|m-1", "l|lst-1|0175|m-1");
    }

    @Test
    void a_rescore_moves_the_match_in_the_lists() {
        projection.given(PROPOSED, 0).given(new MatchRescored("m-1", new BigDecimal("0.700"), List.of("other"),
                List.of(), PROPOSED.listing()), 1);

        assertThat(projection.match("m-1").score()).isEqualByComparingTo("0.700");
        assertThat(projection.indexKeys()).containsExactlyInAnyOrder("b|buyer-1|0300|m-1", "l|lst-1|0300|m-1");
    }

    @Test
    void a_retracted_match_without_interest_leaves_the_lists_but_stays_readable() {
        projection.given(PROPOSED, 0).given(new MatchRetracted("m-1", MatchRetracted.Reason.LISTING_CLOSED), 1);

        assertThat(projection.match("m-1").status()).isEqualTo("RETRACTED");
        assertThat(projection.match("m-1").retractedReason()).isEqualTo("LISTING_CLOSED");
        assertThat(projection.indexKeys()).isEmpty();
    }

    @Test
    void an_interest_lists_the_match_for_its_seller_and_keeps_it_listed_after_a_retraction() {
        projection.given(PROPOSED, 0).given(interest(PROPOSED), 1)
                .given(new MatchRetracted("m-1", MatchRetracted.Reason.PROFILE_PAUSED), 2);

        MatchView view = projection.match("m-1");
        assertThat(view.interest()).isEqualTo("EXPRESSED");
        assertThat(view.interestMessage()).isEqualTo("Hello");
        assertThat(view.interestExpressedAt()).isEqualTo(MatchEvents.time(1));
        String newest = String.format("%019d", Long.MAX_VALUE - MatchEvents.time(1).toEpochMilli());
        assertThat(projection.indexKeys()).containsExactlyInAnyOrder("b|buyer-1|0175|m-1", "l|lst-1|0175|m-1",
                "s|seller-1|" + newest + "|m-1");
    }

    @Test
    void an_accepted_match_carries_what_was_revealed_and_a_declined_one_the_reason() {
        projection.given(PROPOSED, 0).given(interest(PROPOSED), 1).given(accepted(PROPOSED), 2)
                .given(revealed(PROPOSED), 3);
        MatchProposed other = proposed("m-2", "buyer-2", "lst-1", "seller-1", "0.700");
        projection.given(other, 0).given(interest(other), 1)
                .given(new InterestDeclined("m-2", "buyer-2", "lst-1", "seller-1", "Another buyer"), 2);

        MatchView accepted = projection.match("m-1");
        assertThat(accepted.interest()).isEqualTo("ACCEPTED");
        assertThat(accepted.decidedAt()).isEqualTo(MatchEvents.time(2));
        assertThat(accepted.revealed().legalName()).isEqualTo("Shree Precision Components Pvt Ltd");
        assertThat(accepted.revealed().buyerContact()).isEqualTo(MatchEvents.BUYER_CONTACT);
        assertThat(accepted.version()).isEqualTo(4);
        MatchView declined = projection.match("m-2");
        assertThat(declined.interest()).isEqualTo("DECLINED");
        assertThat(declined.declineReason()).isEqualTo("Another buyer");
        assertThat(declined.revealed()).isNull();
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        projection.given(PROPOSED, 0).given(interest(PROPOSED), 1);
        MatchView before = projection.match("m-1");
        List<String> index = projection.indexKeys();

        projection.given(PROPOSED, 0).given(interest(PROPOSED), 1);

        assertThat(projection.match("m-1")).isEqualTo(before);
        assertThat(projection.indexKeys()).isEqualTo(index);
    }

    @Test
    void a_re_proposed_match_is_listed_again() {
        projection.given(PROPOSED, 0).given(new MatchRetracted("m-1", MatchRetracted.Reason.NO_LONGER_MATCHES), 1)
                .given(proposed("m-1", "buyer-1", "lst-1", "seller-1", "0.900"), 2);

        assertThat(projection.match("m-1").status()).isEqualTo("PROPOSED");
        assertThat(projection.match("m-1").retractedReason()).isNull();
        assertThat(projection.indexKeys()).containsExactlyInAnyOrder("b|buyer-1|0100|m-1", "l|lst-1|0100|m-1");
    }

    @Test
    void every_match_event_type_is_projected() {
        List<MatchEvent> oneOfEach = List.of(PROPOSED,
                new MatchRescored("m-1", new BigDecimal("0.700"), List.of(), List.of(), PROPOSED.listing()),
                interest(PROPOSED), accepted(PROPOSED), revealed(PROPOSED),
                new InterestDeclined("m-1", "buyer-1", "lst-1", "seller-1", null),
                new MatchRetracted("m-1", MatchRetracted.Reason.LISTING_CLOSED));
        assertThat(oneOfEach.stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(MatchEvent.class.getPermittedSubclasses());

        for (int sequence = 0; sequence < oneOfEach.size(); sequence++) {
            projection.given(oneOfEach.get(sequence), sequence);
        }

        assertThat(projection.match("m-1").version()).isEqualTo(oneOfEach.size());
        assertThat(projection.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void a_profile_is_a_view_listed_for_its_buyer_and_follows_its_updates() {
        BuyerProfileCreated created = MatchEvents.profile("p-1", "buyer-1");
        projection.given(created, 0)
                .given(new BuyerProfileUpdated("p-1", "Wider", created.criteria(), created.contact(), List.of("name")), 1)
                .given(new BuyerProfilePaused("p-1"), 2);

        BuyerProfileView view = projection.profile("p-1");
        assertThat(view.name()).isEqualTo("Wider");
        assertThat(view.status()).isEqualTo("PAUSED");
        assertThat(view.createdAt()).isEqualTo(MatchEvents.time(0));
        assertThat(view.version()).isEqualTo(3);
        assertThat(projection.indexKeys()).containsExactly("u|buyer-1|p-1");
    }

    @Test
    void poison_records_go_to_the_dead_letter_topic_and_the_next_event_is_projected() {
        projection.pipe("m-9", "{}".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        projection.pipe("m-9", "{not json".getBytes(StandardCharsets.UTF_8), MatchEvents.headers(PROPOSED, "m-9", 0));
        projection.pipe("not-m-1", MatchEvents.payload(PROPOSED), MatchEvents.headers(PROPOSED, "m-1", 0));
        projection.given(PROPOSED, 0);

        List<TestRecord<byte[], byte[]>> dead = projection.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(3);
        assertThat(dead).allSatisfy(record -> assertThat(record.headers().toArray()).isNotEmpty());
        assertThat(projection.match("m-1")).isNotNull();
        assertThat(projection.match("m-9")).isNull();
    }

    @Test
    void an_event_type_this_build_does_not_know_goes_to_the_dead_letter_topic() {
        RecordHeaders headers = (RecordHeaders) MatchEvents.headers(PROPOSED, "m-1", 0);
        headers.remove("ce_type");
        headers.add("ce_type", "io.msmeatlas.match.MatchCelebrated".getBytes(StandardCharsets.UTF_8));
        projection.pipe("m-1", MatchEvents.payload(PROPOSED), headers);

        assertThat(projection.match("m-1")).isNull();
        assertThat(projection.deadLetters().readRecordsToList()).singleElement()
                .satisfies(dead -> assertThat(new String(dead.headers().lastHeader("__streams.errors.message").value(),
                        StandardCharsets.UTF_8)).contains("MatchCelebrated"));
    }
}
