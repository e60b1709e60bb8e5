package io.msmeatlas.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msmeatlas.web.ConsistencyToken.Position;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The relay's memory of where recent events landed: answers at once, and stays within its bound. */
class PublishedPositionsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PublishedPositions positions = new PublishedPositions(meters);

    @Test
    void a_published_event_is_found_without_waiting_and_an_older_sequence_is_covered_by_it() {
        Position position = new Position("msme.listing.events", 3, 41);
        positions.published("listing-1", 2, position);

        assertThat(positions.await("listing-1", 2, Duration.ZERO)).contains(position);
        assertThat(positions.await("listing-1", 1, Duration.ZERO)).contains(position);
        assertThat(positions.await("listing-1", 3, Duration.ZERO)).isEmpty();
    }

    @Test
    void however_many_aggregates_are_published_the_memory_stays_within_its_bound_and_is_exported() {
        Position position = new Position("msme.listing.events", 0, 1);
        String first = UUID.randomUUID().toString();
        positions.published(first, 0, position);
        for (int i = 0; i < 50_000; i++) {
            positions.published(UUID.randomUUID().toString(), 0, position);
        }

        double limit = gauge("cache.memory.limit");
        assertThat(gauge("cache.memory.estimate")).isPositive().isLessThanOrEqualTo(limit);
        assertThat(meters.get("cache.size").tag("cache", PublishedPositions.CACHE_NAME).gauge().value())
                .isBetween(1_000.0, 49_999.0);
        assertThat(meters.get("cache.evictions").tag("cache", PublishedPositions.CACHE_NAME).functionCounter().count())
                .isPositive();
        // The least recently used went first.
        assertThat(positions.await(first, 0, Duration.ZERO)).isEmpty();
    }

    private double gauge(String name) {
        return meters.get(name).tag("cache", PublishedPositions.CACHE_NAME).gauge().value();
    }
}
