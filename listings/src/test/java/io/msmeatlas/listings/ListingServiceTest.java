package io.msmeatlas.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.outbox.EventOutbox;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingPublished;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The service's plumbing: events to Kafka through the outbox, atomicity, outages, identity, idempotency. */
class ListingServiceTest extends ListingServiceTestSupport {

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    EventOutbox outbox;

    @Test
    void a_drafted_listing_reaches_kafka_keyed_by_its_id_with_a_cloudevents_envelope() {
        ResponseEntity<String> created = post(LISTINGS, DRAFT, Map.of("X-Request-Id", "req-draft-1"));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        JsonNode body = body(created);
        String id = body.get("id").asString();
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("status").asString()).isEqualTo("DRAFT");
        assertThat(created.getHeaders().getLocation()).hasToString(LISTINGS + "/" + id);

        ConsumerRecord<String, byte[]> record = awaitEvents(id, 1).get(0);
        EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
        assertThat(record.key()).isEqualTo(id);
        assertThat(envelope.type()).isEqualTo("io.msmeatlas.listing.ListingDrafted");
        assertThat(envelope.dataVersion()).isEqualTo(2);
        assertThat(envelope.subject()).isEqualTo(id);
        assertThat(envelope.sequence()).isZero();
        assertThat(envelope.correlationId()).isEqualTo("req-draft-1");
        assertThat(record.timestamp()).isEqualTo(envelope.time().toEpochMilli());
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .contains("\"askingPrice\":\"65000000.00\"")
                .contains("\"ebitda\":\"9500000.5\"")
                .contains("\"sellerId\":\"seller-1\"");
        assertValidAgainstSchemas(List.of(record));
    }

    @Test
    void a_draft_is_stored_tidied_classified_and_with_its_years_most_recent_first() {
        String id = draft();

        JsonNode drafted = payload(awaitEvents(id, 1).get(0));
        JsonNode details = drafted.get("details");
        assertThat(details.get("state").asString()).isEqualTo("Maharashtra");
        assertThat(details.get("sector").get("name").asString())
                .isEqualTo("Manufacture of fabricated metal products, except machinery and equipment");
        assertThat(details.get("sector").get("section").asString()).isEqualTo("C");
        assertThat(details.get("financials").values().stream().map(year -> year.get("fiscalYear").asInt()))
                .containsExactly(2025, 2024);
        JsonNode classification = drafted.get("classification");
        assertThat(classification.get("category").asString()).isEqualTo("SMALL");
        assertThat(classification.get("ruleVersion").asString()).isEqualTo("2025");
        assertThat(classification.get("turnover").asString()).isEqualTo("80000000.00");
    }

    @Test
    void an_event_and_its_outbox_row_commit_together_or_not_at_all() {
        long before = storedEvents();
        jdbc.execute("""
                create or replace function refuse_boom() returns trigger language plpgsql as $$
                begin
                  if position('BOOM' in convert_from(new.payload, 'UTF8')) > 0 then
                    raise exception 'outbox refused';
                  end if;
                  return new;
                end $$;
                create trigger refuse_boom before insert on event_outbox for each row execute function refuse_boom();
                """);
        try {
            ResponseEntity<String> response = post(LISTINGS, DRAFT.replace("Precision", "BOOM"), Map.of());
            assertThat(response.getStatusCode().value()).isEqualTo(500);
            assertThat(response.getBody()).doesNotContain("outbox refused");
        } finally {
            jdbc.execute("drop trigger refuse_boom on event_outbox");
        }
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void while_postgresql_is_down_a_command_gets_503_with_retry_after_and_works_again_after() {
        SharedInfrastructure.postgres().stop();
        try {
            ResponseEntity<String> refused = post(LISTINGS, DRAFT, Map.of());
            assertThat(refused.getStatusCode().value()).isEqualTo(503);
            assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        } finally {
            SharedInfrastructure.postgres().start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(post(LISTINGS, DRAFT, Map.of()).getStatusCode().value()).isEqualTo(201));
    }

    @Test
    void a_retried_draft_with_the_same_idempotency_key_creates_one_listing() {
        String key = UUID.randomUUID().toString();
        ResponseEntity<String> first = post(LISTINGS, DRAFT, Map.of("Idempotency-Key", key));
        String id = body(first).get("id").asString();
        assertThat(status(act(id, "submit"))).isEqualTo("SUBMITTED");

        ResponseEntity<String> retry = post(LISTINGS, DRAFT, Map.of("Idempotency-Key", key));

        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(body(retry).get("id").asString()).isEqualTo(id);
        assertThat(body(retry).get("version").asLong()).isEqualTo(2);
        assertThat(body(retry).get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingSubmitted");
    }

    @Test
    void an_event_committed_late_by_a_slow_transaction_is_still_published() throws Exception {
        String slowListing = UUID.randomUUID().toString();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong slowRowId = new AtomicLong();

        // A transaction takes an outbox id, then stalls before committing...
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            outbox.add(List.of(new GenericDomainEventMessage<>("Listing", slowListing, 0,
                    new ListingPublished(slowListing, null, null))));
            slowRowId.set(jdbc.queryForObject("select currval('event_outbox_id_seq')", Long.class));
            inserted.countDown();
            awaitQuietly(release);
        }));
        assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();

        // ...while later transactions, with higher ids, commit and are published.
        String later = draft();
        awaitEvents(later, 1);
        assertThat(jdbc.queryForObject("select last_value from event_outbox_id_seq", Long.class))
                .isGreaterThan(slowRowId.get());

        release.countDown();
        slow.get(10, TimeUnit.SECONDS);

        assertThat(awaitEvents(slowListing, 1)).hasSize(1);
    }

    @Test
    void commands_succeed_while_kafka_is_down_and_their_events_follow_in_order_when_it_returns() {
        String id;
        SharedInfrastructure.kafka().stop();
        try {
            id = draft();
            for (int i = 1; i <= 3; i++) {
                assertThat(patch(id, "{\"askingPrice\":\"" + (1000 + i) + "\"}").getStatusCode().value()).isEqualTo(200);
            }
            ResponseEntity<String> submitted = act(id, "publish");
            assertThat(status(submitted)).isEqualTo("SUBMITTED");
            // Kafka is away, so no position: the token still names the listing and its version.
            assertThat(body(submitted).get("consistencyToken").asString()).isNotBlank();
            assertThat(jdbc.queryForObject("select count(*) from event_outbox where aggregate_id = ?", Long.class, id))
                    .isEqualTo(5);
        } finally {
            SharedInfrastructure.kafka().start();
        }

        List<ConsumerRecord<String, byte[]>> records = awaitEvents(id, 5);
        assertThat(records).extracting(r -> EventEnvelope.readFrom(r.headers()).sequence())
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select count(*) from event_outbox where aggregate_id = ?", Long.class, id))
                .isZero());
    }

    @Test
    void commands_need_the_gateways_identity_and_the_right_role() {
        RestClient anonymous = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
        assertThat(anonymous.post().uri(LISTINGS).contentType(MediaType.APPLICATION_JSON).body(DRAFT)
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(post(as("buyer-1", "BUYER"), LISTINGS, DRAFT).getStatusCode().value()).isEqualTo(403);
        assertThat(post(admin, LISTINGS, DRAFT).getStatusCode().value()).isEqualTo(403);

        String id = draft();
        assertThat(act(id, "submit").getStatusCode().value()).isEqualTo(200);
        assertThat(post(seller, LISTINGS + "/" + id + "/approve", null).getStatusCode().value()).isEqualTo(403);
        assertThat(post(admin, LISTINGS + "/" + id + "/sold", null).getStatusCode().value()).isEqualTo(403);
        assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingSubmitted");
    }

    @Test
    void a_seller_cannot_touch_another_sellers_listing_but_an_admin_can_withdraw_it() {
        String id = draft();
        RestClient otherSeller = as("seller-2", "SELLER");

        ResponseEntity<String> submit = post(otherSeller, LISTINGS + "/" + id + "/submit", null);
        ResponseEntity<String> update = otherSeller.patch().uri(LISTINGS + "/" + id)
                .contentType(MediaType.APPLICATION_JSON).body("{\"title\":\"mine now\"}").retrieve().toEntity(String.class);
        ResponseEntity<String> withdraw = post(otherSeller, LISTINGS + "/" + id + "/withdraw", null);
        assertThat(submit.getStatusCode().value()).isEqualTo(403);
        assertThat(update.getStatusCode().value()).isEqualTo(403);
        assertThat(withdraw.getStatusCode().value()).isEqualTo(403);
        assertThat(storedTypes(id)).containsExactly("ListingDrafted");

        assertThat(status(post(admin, LISTINGS + "/" + id + "/withdraw", null))).isEqualTo("WITHDRAWN");
    }

    @Test
    void a_command_for_an_unknown_listing_gets_404() {
        ResponseEntity<String> response = act(UUID.randomUUID().toString(), "submit");
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void an_illegal_transition_gets_409_with_the_current_status() {
        String id = draft();
        act(id, "withdraw");

        ResponseEntity<String> response = act(id, "publish");

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(body(response).get("currentStatus").asString()).isEqualTo("WITHDRAWN");
        assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingWithdrawn");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
