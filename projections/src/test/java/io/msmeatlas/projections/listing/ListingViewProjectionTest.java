package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingViewProjectionTest {

    private static final String ID = "lst-1";
    private static final ListingDrafted DRAFTED = new ListingDrafted(ID, "seller-7", details("Pune dye works"));
    private static final ListingUpdated UPDATED = new ListingUpdated(ID,
            details("Pune dye works and looms", "Textiles", "Maharashtra", "23000000.00"),
            List.of("title", "askingPrice"));
    private static final ListingPublished PUBLISHED = new ListingPublished(ID);
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
    void a_drafted_listing_becomes_a_draft_view_at_version_1() {
        projection.given(DRAFTED, 0);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.DRAFT);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.sellerId()).isEqualTo("seller-7");
        assertThat(view.title()).isEqualTo("Pune dye works");
        assertThat(view.askingPrice()).isEqualByComparingTo("25000000.00");
        assertThat(view.ebitda()).isEqualTo(new BigDecimal("2400000.50"));
        assertThat(view.lastEventId()).isEqualTo("lst-1-0");
        assertThat(view.createdAt()).isEqualTo(time(0));
        assertThat(view.updatedAt()).isEqualTo(time(0));
        assertThat(view.publishedAt()).isNull();
    }

    @Test
    void an_update_replaces_the_details() {
        projection.given(DRAFTED, 0).given(UPDATED, 1);

        ListingView view = projection.view(ID);
        assertThat(view.title()).isEqualTo("Pune dye works and looms");
        assertThat(view.askingPrice()).isEqualByComparingTo("23000000.00");
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.createdAt()).isEqualTo(time(0));
        assertThat(view.updatedAt()).isEqualTo(time(1));
        assertThat(view.status()).isEqualTo(ListingStatus.DRAFT);
    }

    @Test
    void publishing_makes_the_view_published_at_the_event_time() {
        projection.given(DRAFTED, 0).given(PUBLISHED, 1);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(view.publishedAt()).isEqualTo(time(1));
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.title()).isEqualTo("Pune dye works");
    }

    @Test
    void withdrawing_makes_the_view_withdrawn_at_the_event_time() {
        projection.given(DRAFTED, 0).given(PUBLISHED, 1).given(WITHDRAWN, 2);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.WITHDRAWN);
        assertThat(view.withdrawnAt()).isEqualTo(time(2));
        assertThat(view.publishedAt()).isEqualTo(time(1));
        assertThat(view.version()).isEqualTo(3);
    }

    @Test
    void a_duplicated_delivery_does_not_change_the_view() {
        projection.given(DRAFTED, 0).given(UPDATED, 1).given(PUBLISHED, 2);
        ListingView before = projection.view(ID);

        projection.given(DRAFTED, 0).given(UPDATED, 1).given(PUBLISHED, 2);

        assertThat(projection.view(ID)).isEqualTo(before);
    }

    @Test
    void an_event_for_a_listing_never_drafted_is_ignored() {
        projection.given(new ListingPublished("lst-unknown"), 1);

        assertThat(projection.view("lst-unknown")).isNull();
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
    void an_event_of_a_type_this_build_does_not_know_is_skipped() {
        projection.given(DRAFTED, 0);
        Headers newerType = ListingEvents.headers(PUBLISHED, 1);
        newerType.remove(EventEnvelope.CE_TYPE);
        newerType.add(EventEnvelope.CE_TYPE, "io.msmeatlas.listing.ListingFeatured".getBytes(StandardCharsets.UTF_8));

        projection.pipe(ID, "{\"listingId\":\"lst-1\",\"until\":\"2026-02-01\"}".getBytes(StandardCharsets.UTF_8),
                newerType);
        projection.given(PUBLISHED, 1);

        assertThat(projection.deadLetters().isEmpty()).isTrue();
        assertThat(projection.view(ID).status()).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(projection.view(ID).version()).isEqualTo(2);
    }

    /** Java 17 cannot switch exhaustively over the sealed interface; this spec stands in for it. */
    @Test
    void every_listing_event_type_changes_the_view() {
        Map<Class<?>, ListingEvent> samples = Map.of(
                ListingDrafted.class, DRAFTED,
                ListingUpdated.class, UPDATED,
                ListingPublished.class, PUBLISHED,
                ListingWithdrawn.class, WITHDRAWN);
        assertThat(samples.keySet()).containsExactlyInAnyOrder(ListingEvent.class.getPermittedSubclasses());

        projection.given(DRAFTED, 0).given(UPDATED, 1).given(PUBLISHED, 2).given(WITHDRAWN, 3);

        assertThat(projection.view(ID).version()).isEqualTo(4);
        assertThat(projection.deadLetters().isEmpty()).isTrue();
    }

    private static String header(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
