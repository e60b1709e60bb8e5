package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projection freshness: the time from an event being stored to its change being in the listing view. */
class ListingFreshnessTest {

    private static final String ID = "lst-fresh";
    private static final ListingDrafted DRAFTED = ListingEvents.drafted(ID, "seller-7", details("Pune dye works"));
    private static final ListingSubmitted SUBMITTED = new ListingSubmitted(ID);

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ProjectionDriver projection;

    @BeforeEach
    void start() {
        Metrics.globalRegistry.add(meters);
        projection = new ProjectionDriver(stateDir);
    }

    @AfterEach
    void stop() {
        projection.close();
        Metrics.globalRegistry.remove(meters);
    }

    @Test
    void an_event_stored_moments_ago_is_timed_from_its_store_time_to_its_view() {
        projection.given(DRAFTED, 0, Instant.now().minusSeconds(2));

        assertThat(freshness().count()).isEqualTo(1);
        assertThat(freshness().max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2.0)
                .isLessThan(ListingViewProjection.REPLAY_AFTER.toSeconds());
        assertThat(replayed().count()).isZero();
    }

    @Test
    void events_stored_long_before_are_counted_as_a_replay_not_as_lag() {
        Instant hoursAgo = Instant.now().minus(Duration.ofHours(3));
        projection.given(DRAFTED, 0, hoursAgo).given(SUBMITTED, 1, hoursAgo.plusSeconds(1));

        assertThat(replayed().count()).isEqualTo(2);
        assertThat(freshness().count()).isZero();
    }

    @Test
    void a_redelivered_event_changes_no_view_and_is_not_timed_again() {
        Instant secondAgo = Instant.now().minusSeconds(1);
        projection.given(DRAFTED, 0, secondAgo).given(DRAFTED, 0, secondAgo);

        assertThat(freshness().count()).isEqualTo(1);
    }

    private Timer freshness() {
        return meters.get("projection.freshness").tag("view", ListingViewProjection.STORE).timer();
    }

    private Counter replayed() {
        return meters.get("projection.replayed.events").tag("view", ListingViewProjection.STORE).counter();
    }
}
