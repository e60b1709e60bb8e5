package io.msmeatlas.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import io.msmeatlas.web.ConsistencyToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/** Versions as ETags, If-Match preconditions, and consistency tokens. */
class ListingConcurrencyServiceTest extends ListingServiceTestSupport {

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionTemplate transaction;

    private static Map<String, String> ifMatch(String etag) {
        return Map.of(HttpHeaders.IF_MATCH, etag);
    }

    @Test
    void every_command_answers_with_its_version_as_etag_and_a_token_with_its_events_kafka_position() {
        ResponseEntity<String> created = post(LISTINGS, DRAFT, Map.of());
        String id = body(created).get("id").asString();
        ResponseEntity<String> submitted = act(id, "submit");

        assertThat(created.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(submitted.getHeaders().getETag()).isEqualTo("\"2\"");
        String token = submitted.getHeaders().getFirst(ConsistencyToken.HEADER);
        assertThat(body(submitted).get("consistencyToken").asString()).isEqualTo(token);
        ConsistencyToken decoded = ConsistencyToken.decode(token);
        assertThat(decoded.aggregateId()).isEqualTo(id);
        assertThat(decoded.version()).isEqualTo(2);
        // Kafka is up, so the relay published the event within the wait: the token says where it is.
        ConsistencyToken.Position position = decoded.position().orElseThrow();
        ConsumerRecord<String, byte[]> record = awaitEvents(id, 2).get(1);
        assertThat(position).isEqualTo(new ConsistencyToken.Position(Topics.LISTING_EVENTS, record.partition(),
                record.offset()));
        assertThat(EventEnvelope.readFrom(record.headers()).sequence()).isEqualTo(1);
    }

    @Test
    void an_if_match_with_the_current_version_or_a_star_is_accepted() {
        String id = draft();

        assertThat(patch(id, "{\"askingPrice\":\"60000000\"}", ifMatch("\"1\"")).getHeaders().getETag())
                .isEqualTo("\"2\"");
        assertThat(Http.post(seller, LISTINGS + "/" + id + "/submit", null, ifMatch("*")).getHeaders().getETag())
                .isEqualTo("\"3\"");
    }

    @Test
    void a_stale_if_match_is_a_412_with_the_current_version_and_changes_nothing() {
        String id = draft();
        patch(id, "{\"askingPrice\":\"60000000\"}");

        ResponseEntity<String> update = patch(id, "{\"askingPrice\":\"55000000\"}", ifMatch("\"1\""));
        ResponseEntity<String> submit = Http.post(seller, LISTINGS + "/" + id + "/submit", null, ifMatch("\"1\""));

        for (ResponseEntity<String> response : List.of(update, submit)) {
            assertThat(response.getStatusCode().value()).isEqualTo(412);
            assertThat(body(response).get("currentVersion").asLong()).isEqualTo(2);
        }
        assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingUpdated");
    }

    @Test
    void a_malformed_if_match_is_a_400() {
        String id = draft();

        assertThat(patch(id, "{\"askingPrice\":\"60000000\"}", ifMatch("W/\"1\"")).getStatusCode().value())
                .isEqualTo(400);
        assertThat(Http.post(seller, LISTINGS + "/" + id + "/submit", null, ifMatch("1")).getStatusCode().value())
                .isEqualTo(400);
        assertThat(storedTypes(id)).containsExactly("ListingDrafted");
    }

    @Test
    void of_concurrent_updates_with_the_same_if_match_exactly_one_wins_and_the_others_get_412() throws Exception {
        String id = draft();
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ResponseEntity<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String title = "{\"title\":\"Writer " + i + "\"}";
                answers.add(pool.submit(() -> {
                    start.await();
                    return patch(id, title, ifMatch("\"1\""));
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<ResponseEntity<String>> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS).getStatusCode().value());
            }

            assertThat(statuses).containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingUpdated");
    }

    @Test
    void an_append_that_loses_to_another_instance_is_a_412_when_if_match_was_given() throws Exception {
        String id = draft();

        ResponseEntity<String> response = updateWhileAnotherInstanceAppends(id, ifMatch("\"1\""));

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(412);
        assertThat(body(response).get("currentVersion").asLong()).isEqualTo(2);
        assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingWithdrawn");
    }

    @Test
    void an_append_that_loses_to_another_instance_is_a_409_without_if_match() throws Exception {
        String id = draft();

        ResponseEntity<String> response = updateWhileAnotherInstanceAppends(id, Map.of());

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(409);
        assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingWithdrawn");
    }

    /**
     * Another instance's transaction has appended the listing's next event but not committed: our
     * command loads the listing without it, and its own append waits on the unique (aggregate,
     * sequence) key until the other commits, then fails.
     */
    private ResponseEntity<String> updateWhileAnotherInstanceAppends(String id, Map<String, String> headers)
            throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> otherInstance = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(s -> {
            eventStore.publish(new GenericDomainEventMessage<>("Listing", id, 1, new ListingWithdrawn(id, "elsewhere")));
            appended.countDown();
            awaitQuietly(commit);
        }));
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<ResponseEntity<String>> update = CompletableFuture.supplyAsync(
                () -> patch(id, "{\"askingPrice\":\"60000000\"}", headers));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("""
                select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()""",
                Long.class) > 0);
        commit.countDown();
        otherInstance.get(10, TimeUnit.SECONDS);
        return update.get(30, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
