package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
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
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given these events on the topic, then this view. */
class ListingViewProjectionTest {

    private static final String ID = "lst-1";
    private static final Instant EXPIRY = Instant.parse("2026-04-05T10:00:00Z");
    private static final ListingDrafted DRAFTED = ListingEvents.drafted(ID, "seller-7", details("Pune dye works"));
    private static final ListingUpdated UPDATED = new ListingUpdated(ID,
            details("Pune dye works and looms").price("23000000.00").city("Nashik")
                    .dealType(DealType.MAJORITY_STAKE).build(),
            ListingEvents.classification(Category.MEDIUM), List.of("title", "askingPrice", "city", "dealType"));
    private static final ListingSubmitted SUBMITTED = new ListingSubmitted(ID);
    private static final ListingPublished PUBLISHED = new ListingPublished(ID, "admin-1", EXPIRY);
    private static final ListingRejected REJECTED = new ListingRejected(ID, "Financials do not add up");
    private static final ListingSuspended SUSPENDED = new ListingSuspended(ID, "Reported as a duplicate");
    private static final ListingMarkedUnderOffer UNDER_OFFER = new ListingMarkedUnderOffer(ID);
    private static final ListingReturnedToMarket RETURNED = new ListingReturnedToMarket(ID,
            Instant.parse("2026-05-01T00:00:00Z"));
    private static final ListingSold SOLD = new ListingSold(ID);
    private static final ListingExpired EXPIRED = new ListingExpired(ID);
    private static final ListingWithdrawn WITHDRAWN = new ListingWithdrawn(ID, "sold privately");

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
    void a_drafted_listing_is_a_draft_at_version_1_with_every_detail() {
        projection.given(DRAFTED, 0);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.DRAFT);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.sellerId()).isEqualTo("seller-7");
        assertThat(view.title()).isEqualTo("Pune dye works");
        assertThat(view.legalName()).isEqualTo("Shree Precision Components Pvt Ltd");
        assertThat(view.contact().email()).isEqualTo("anil@example.in");
        assertThat(view.sector().code()).isEqualTo("25");
        assertThat(view.sector().section()).isEqualTo("C");
        assertThat(view.city()).isEqualTo("Pune");
        assertThat(view.askingPrice()).isEqualTo(new BigDecimal("25000000.00"));
        assertThat(view.financials()).hasSize(2);
        assertThat(view.latestFinancials().fiscalYear()).isEqualTo(2025);
        assertThat(view.latestFinancials().ebitda()).isEqualTo(new BigDecimal("2400000.50"));
        assertThat(view.highlights()).containsExactly("ISO 9001 certified");
        assertThat(view.dealType()).isEqualTo(DealType.FULL_SALE);
        assertThat(view.classification().category()).isEqualTo(Category.SMALL);
        assertThat(view.lastEventId()).isEqualTo("lst-1-0");
        assertThat(view.createdAt()).isEqualTo(time(0));
        assertThat(view.updatedAt()).isEqualTo(time(0));
        assertThat(view.submittedAt()).isNull();
        assertThat(view.publishedAt()).isNull();
        assertThat(view.closedAt()).isNull();
    }

    @Test
    void an_update_replaces_the_details_and_the_classification() {
        projection.given(DRAFTED, 0).given(UPDATED, 1);

        ListingView view = projection.view(ID);
        assertThat(view.title()).isEqualTo("Pune dye works and looms");
        assertThat(view.askingPrice()).isEqualTo(new BigDecimal("23000000.00"));
        assertThat(view.city()).isEqualTo("Nashik");
        assertThat(view.dealType()).isEqualTo(DealType.MAJORITY_STAKE);
        assertThat(view.classification().category()).isEqualTo(Category.MEDIUM);
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.createdAt()).isEqualTo(time(0));
        assertThat(view.updatedAt()).isEqualTo(time(1));
        assertThat(view.status()).isEqualTo(ListingStatus.DRAFT);
    }

    @Test
    void a_submitted_listing_awaits_moderation_since_the_event_time() {
        projection.given(DRAFTED, 0).given(SUBMITTED, 1);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.SUBMITTED);
        assertThat(view.submittedAt()).isEqualTo(time(1));
    }

    @Test
    void a_rejection_keeps_the_reason_for_the_seller_until_the_next_submission() {
        projection.given(DRAFTED, 0).given(SUBMITTED, 1).given(REJECTED, 2);

        assertThat(projection.view(ID).status()).isEqualTo(ListingStatus.REJECTED);
        assertThat(projection.view(ID).moderationNote()).isEqualTo("Financials do not add up");

        projection.given(SUBMITTED, 3);

        assertThat(projection.view(ID).moderationNote()).isNull();
        assertThat(projection.view(ID).submittedAt()).isEqualTo(time(3));
    }

    @Test
    void publishing_sets_the_publication_time_approver_and_expiry() {
        projection.given(DRAFTED, 0).given(SUBMITTED, 1).given(PUBLISHED, 2);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(view.publishedAt()).isEqualTo(time(2));
        assertThat(view.approvedBy()).isEqualTo("admin-1");
        assertThat(view.expiresAt()).isEqualTo(EXPIRY);
        assertThat(view.version()).isEqualTo(3);
        assertThat(view.title()).isEqualTo("Pune dye works");
    }

    @Test
    void a_suspension_takes_the_listing_off_the_market_with_a_reason() {
        projection.given(DRAFTED, 0).given(PUBLISHED, 1).given(SUSPENDED, 2);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.SUSPENDED);
        assertThat(view.moderationNote()).isEqualTo("Reported as a duplicate");
        assertThat(view.publishedAt()).isEqualTo(time(1));
    }

    @Test
    void under_offer_the_listing_no_longer_expires_and_back_on_the_market_it_expires_again() {
        projection.given(DRAFTED, 0).given(PUBLISHED, 1).given(UNDER_OFFER, 2);

        assertThat(projection.view(ID).status()).isEqualTo(ListingStatus.UNDER_OFFER);
        assertThat(projection.view(ID).expiresAt()).isNull();

        projection.given(RETURNED, 3);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(view.expiresAt()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(view.publishedAt()).as("returning is not a new publication").isEqualTo(time(1));
    }

    @Test
    void a_sale_closes_the_listing_at_the_event_time() {
        projection.given(DRAFTED, 0).given(PUBLISHED, 1).given(UNDER_OFFER, 2).given(SOLD, 3);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.SOLD);
        assertThat(view.closedAt()).isEqualTo(time(3));
        assertThat(view.version()).isEqualTo(4);
    }

    @Test
    void expiry_closes_the_listing_and_a_new_submission_reopens_it() {
        projection.given(DRAFTED, 0).given(PUBLISHED, 1).given(EXPIRED, 2);

        assertThat(projection.view(ID).status()).isEqualTo(ListingStatus.EXPIRED);
        assertThat(projection.view(ID).closedAt()).isEqualTo(time(2));

        projection.given(SUBMITTED, 3);

        assertThat(projection.view(ID).status()).isEqualTo(ListingStatus.SUBMITTED);
        assertThat(projection.view(ID).closedAt()).isNull();
    }

    @Test
    void withdrawing_closes_the_listing_at_the_event_time() {
        projection.given(DRAFTED, 0).given(PUBLISHED, 1).given(WITHDRAWN, 2);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.WITHDRAWN);
        assertThat(view.closedAt()).isEqualTo(time(2));
        assertThat(view.publishedAt()).isEqualTo(time(1));
        assertThat(view.version()).isEqualTo(3);
    }

    @Test
    void a_duplicated_delivery_changes_neither_the_view_nor_the_index() {
        projection.given(DRAFTED, 0).given(UPDATED, 1).given(PUBLISHED, 2);
        ListingView before = projection.view(ID);
        List<String> indexBefore = projection.indexKeys();

        projection.given(DRAFTED, 0).given(UPDATED, 1).given(PUBLISHED, 2);

        assertThat(projection.view(ID)).isEqualTo(before);
        assertThat(projection.indexKeys()).isEqualTo(indexBefore);
    }

    @Test
    void an_event_for_a_listing_never_drafted_is_ignored() {
        projection.given(new ListingPublished("lst-unknown", null, null), 1);

        assertThat(projection.view("lst-unknown")).isNull();
        assertThat(projection.indexKeys()).isEmpty();
        assertThat(projection.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void a_record_without_cloudevents_headers_goes_to_the_dead_letter_topic_and_the_next_is_applied() {
        projection.pipeWithoutHeaders(ID, ListingEvents.payload(DRAFTED));
        projection.given(DRAFTED, 0);

        TestRecord<byte[], byte[]> deadLetter = projection.deadLetters().readRecord();
        assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo(ID);
        assertThat(header(deadLetter.headers(), "__streams.errors.message")).contains("ce_id");
        assertThat(header(deadLetter.headers(), "__streams.errors.topic")).isEqualTo("msme.listing.events");
        assertThat(projection.view(ID).version()).isEqualTo(1);
    }

    @Test
    void a_record_with_unparsable_json_goes_to_the_dead_letter_topic_and_the_next_is_applied() {
        byte[] garbage = "{\"listingId\": ".getBytes(StandardCharsets.UTF_8);
        projection.pipe(ID, garbage, ListingEvents.headers(DRAFTED, 0));
        projection.given(DRAFTED, 0);

        TestRecord<byte[], byte[]> deadLetter = projection.deadLetters().readRecord();
        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(header(deadLetter.headers(), EventEnvelope.CE_TYPE))
                .isEqualTo("io.msmeatlas.listing.ListingDrafted");
        assertThat(header(deadLetter.headers(), "__streams.errors.exception")).isNotBlank();
        assertThat(projection.view(ID).version()).isEqualTo(1);
    }

    @Test
    void a_record_keyed_by_another_listing_goes_to_the_dead_letter_topic_and_changes_nothing() {
        projection.given(DRAFTED, 0);
        projection.pipe("lst-other", ListingEvents.payload(SUBMITTED), ListingEvents.headers(SUBMITTED, 1));

        TestRecord<byte[], byte[]> deadLetter = projection.deadLetters().readRecord();
        assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo("lst-other");
        assertThat(header(deadLetter.headers(), "__streams.errors.message")).contains("is not the listing id");
        assertThat(projection.view(ID).status()).isEqualTo(ListingStatus.DRAFT);
        assertThat(projection.view("lst-other")).isNull();
    }

    @Test
    void a_payload_at_a_schema_version_newer_than_this_build_goes_to_the_dead_letter_topic() {
        projection.given(DRAFTED, 0);
        projection.pipe(ID, ListingEvents.payload(PUBLISHED),
                ListingEvents.headersAtVersion(ListingPublished.class, 3, ID, 1, time(1)));
        projection.given(SUBMITTED, 1);

        TestRecord<byte[], byte[]> deadLetter = projection.deadLetters().readRecord();
        assertThat(header(deadLetter.headers(), "__streams.errors.message")).contains("newer than this build");
        assertThat(projection.view(ID).status()).isEqualTo(ListingStatus.SUBMITTED);
        assertThat(projection.view(ID).version()).isEqualTo(2);
    }

    @Test
    void an_event_of_a_type_this_build_does_not_know_goes_to_the_dead_letter_topic_and_the_next_is_applied() {
        projection.given(DRAFTED, 0);
        Headers newerType = ListingEvents.headers(PUBLISHED, 1);
        newerType.remove(EventEnvelope.CE_TYPE);
        newerType.add(EventEnvelope.CE_TYPE, "io.msmeatlas.listing.ListingFeatured".getBytes(StandardCharsets.UTF_8));

        projection.pipe(ID, "{\"listingId\":\"lst-1\",\"until\":\"2026-02-01\"}".getBytes(StandardCharsets.UTF_8),
                newerType);
        projection.given(PUBLISHED, 1);

        TestRecord<byte[], byte[]> deadLetter = projection.deadLetters().readRecord();
        assertThat(header(deadLetter.headers(), "__streams.errors.message")).contains("ListingFeatured");
        assertThat(projection.view(ID).status()).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(projection.view(ID).version()).isEqualTo(2);
    }

    /** Java 17 cannot switch exhaustively over the sealed interface; this spec stands in for it. */
    @Test
    void every_listing_event_type_changes_the_view() {
        Map<Class<?>, ListingEvent> samples = Map.ofEntries(
                Map.entry(ListingDrafted.class, DRAFTED),
                Map.entry(ListingUpdated.class, UPDATED),
                Map.entry(ListingSubmitted.class, SUBMITTED),
                Map.entry(ListingRejected.class, REJECTED),
                Map.entry(ListingPublished.class, PUBLISHED),
                Map.entry(ListingSuspended.class, SUSPENDED),
                Map.entry(ListingMarkedUnderOffer.class, UNDER_OFFER),
                Map.entry(ListingReturnedToMarket.class, RETURNED),
                Map.entry(ListingExpired.class, EXPIRED),
                Map.entry(ListingSold.class, SOLD),
                Map.entry(ListingWithdrawn.class, WITHDRAWN));
        assertThat(samples.keySet()).containsExactlyInAnyOrder(ListingEvent.class.getPermittedSubclasses());

        List<ListingEvent> lifecycle = List.of(DRAFTED, UPDATED, SUBMITTED, REJECTED, PUBLISHED, SUSPENDED,
                UNDER_OFFER, RETURNED, EXPIRED, SOLD, WITHDRAWN);
        assertThat(lifecycle).containsExactlyInAnyOrderElementsOf(samples.values());
        ListingView before = null;
        for (int sequence = 0; sequence < lifecycle.size(); sequence++) {
            projection.given(lifecycle.get(sequence), sequence);
            ListingView after = projection.view(ID);
            assertThat(after).as(lifecycle.get(sequence).getClass().getSimpleName()).isNotEqualTo(before);
            assertThat(after.version()).isEqualTo(sequence + 1);
            before = after;
        }
        assertThat(projection.deadLetters().isEmpty()).isTrue();
    }

    private static String header(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
