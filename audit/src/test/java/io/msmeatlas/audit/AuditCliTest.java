package io.msmeatlas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingUpdated;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AuditCliTest {

    private static final Instant DRAFTED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant PUBLISHED = Instant.parse("2026-03-03T10:00:00Z");

    private Fixture store;
    private String listing;
    private List<Fixture.Recorded> history;

    @TempDir
    Path dir;

    /** A listing drafted, repriced and published, each by a different request. */
    @BeforeEach
    void storeOneListingHistory() throws Exception {
        store = Fixture.listings();
        listing = UUID.randomUUID().toString();
        history = new ArrayList<>(List.of(
                store.append(listing, new ListingDrafted(listing, "seller-1", details("2500000.00"), null), DRAFTED,
                        "seller-1", "req-draft"),
                store.append(listing, new ListingUpdated(listing, details("2400000.00"), null, List.of("askingPrice")),
                        UPDATED, "seller-1", "req-update"),
                store.append(listing, new ListingPublished(listing, "admin-1", null), PUBLISHED, "seller-1", "req-publish")));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void history_lists_every_event_in_order_with_its_schema_version_and_who_issued_it() {
        Fixture.Run text = store.audit("history", "listing", listing);
        Fixture.Run json = store.audit("history", "listing", listing, "--json");

        assertThat(text.exitCode()).isZero();
        assertThat(text.lines()).containsExactly(
                "2026-03-01T10:00:00Z  #0  ListingDrafted v2  by seller-1  request req-draft  correlation req-draft",
                "2026-03-02T10:00:00Z  #1  ListingUpdated v2  by seller-1  request req-update  correlation req-update",
                "2026-03-03T10:00:00Z  #2  ListingPublished v2  by seller-1  request req-publish  correlation req-publish");
        assertThat(json.lines()).hasSize(3);
        JsonNode updated = EventJson.mapper().readTree(json.lines().get(1));
        assertThat(updated.get("type").asString()).isEqualTo("ListingUpdated");
        assertThat(updated.get("schemaVersion").asString()).isEqualTo("2");
        assertThat(updated.get("userId").asString()).isEqualTo("seller-1");
        assertThat(updated.get("requestId").asString()).isEqualTo("req-update");
        assertThat(updated.get("eventId").asString()).isEqualTo(history.get(1).eventId());
    }

    @Test
    void an_event_stored_at_an_older_schema_version_is_shown_upcast_and_says_so() throws Exception {
        String legacy = UUID.randomUUID().toString();
        byte[] v1 = ("{\"listingId\":\"" + legacy + "\",\"sellerId\":\"seller-0\",\"details\":{\"title\":\"Dal mill\","
                + "\"sector\":\"Food processing\",\"city\":\"Nagpur\",\"state\":\"Maharashtra\","
                + "\"annualRevenue\":\"5000000.00\",\"askingPrice\":\"3000000.00\",\"currency\":\"INR\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.appendStored(legacy, EventContracts.of(ListingDrafted.class), v1, null, DRAFTED, "seller-0", "old");

        Fixture.Run history = store.audit("history", "listing", legacy);
        Fixture.Run state = store.audit("as-of", "listing", legacy, "2026-04-01");

        assertThat(history.lines()).singleElement().asString().contains("ListingDrafted v1→2");
        JsonNode details = EventJson.mapper().readTree(state.out()).at("/state/details");
        assertThat(details.at("/sector/name").asString()).isEqualTo("Food processing");
        assertThat(details.at("/financials/0/revenue").asString()).isEqualTo("5000000.00");
        assertThat(details.at("/dealType").asString()).isEqualTo("FULL_SALE");
    }

    @Test
    void as_of_rebuilds_the_state_at_that_moment_from_the_events_before_it() {
        Fixture.Run beforePublishing = store.audit("as-of", "listing", listing, "2026-03-02T12:00:00Z");
        Fixture.Run now = store.audit("as-of", "listing", listing, "2026-04-01");
        Fixture.Run beforeDrafting = store.audit("as-of", "listing", listing, "2026-02-01");

        JsonNode repriced = EventJson.mapper().readTree(beforePublishing.out());
        assertThat(repriced.get("version").asInt()).isEqualTo(2);
        assertThat(repriced.at("/state/status").asString()).isEqualTo("DRAFT");
        assertThat(repriced.at("/state/sellerId").asString()).isEqualTo("seller-1");
        assertThat(repriced.at("/state/details/askingPrice").asString()).isEqualTo("2400000.00");
        assertThat(repriced.at("/state").has("changedFields")).isFalse();
        assertThat(EventJson.mapper().readTree(now.out()).at("/state/status").asString()).isEqualTo("PUBLISHED");
        assertThat(beforeDrafting.exitCode()).isEqualTo(AuditCli.DISCREPANCIES);
        assertThat(beforeDrafting.err()).contains("did not exist at 2026-02-01T00:00:00Z");
    }

    @Test
    void diff_names_each_changed_field_with_its_values_and_the_events_that_changed_it() {
        Fixture.Run json = store.audit("diff", "listing", listing, "2026-03-01T12:00:00Z", "2026-03-04", "--json");
        Fixture.Run text = store.audit("diff", "listing", listing, "2026-03-01T12:00:00Z", "2026-03-04");

        JsonNode changes = EventJson.mapper().readTree(json.out()).get("changes");
        java.util.Map<String, JsonNode> byField = new java.util.HashMap<>();
        changes.forEach(change -> byField.put(change.get("field").asString(), change));
        assertThat(byField).containsOnlyKeys("details.askingPrice", "status", "approvedBy");
        JsonNode price = byField.get("details.askingPrice");
        assertThat(price.get("before").asString()).isEqualTo("2500000.00");
        assertThat(price.get("after").asString()).isEqualTo("2400000.00");
        assertThat(price.at("/events/0/type").asString()).isEqualTo("ListingUpdated");
        assertThat(byField.get("status").at("/events/0/requestId").asString()).isEqualTo("req-publish");
        assertThat(byField.get("approvedBy").get("after").asString()).isEqualTo("admin-1");
        assertThat(text.out()).contains("details.askingPrice: \"2500000.00\" -> \"2400000.00\"",
                "by #1 ListingUpdated at 2026-03-02T10:00:00Z (user seller-1, request req-update)");
    }

    @Test
    void verify_passes_when_chains_hold_and_each_event_is_on_kafka_once_in_order() throws Exception {
        store.publish(history.toArray(Fixture.Recorded[]::new));
        String legacy = UUID.randomUUID().toString();
        store.publish(store.appendUnchained(legacy, new ListingPublished(legacy, null, null), DRAFTED));
        store.leaveInOutbox(store.append(listing, new ListingPublished(listing, null, null), Instant.now(), "seller-1", "r"));

        Fixture.Run verify = store.audit("verify");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("UNCHAINED listing " + legacy + ": 1 event(s) stored before the hash chain",
                "PENDING listing " + listing + " #3", "verify: 5 stored events, 0 discrepancies, 2 notes");
    }

    @Test
    void verify_names_a_tampered_payload_and_exits_non_zero() throws Exception {
        store.publish(history.toArray(Fixture.Recorded[]::new));
        store.update("""
                update domain_event_entry set payload = convert_to(replace(convert_from(payload, 'UTF8'),
                       '2400000', '1'), 'UTF8') where event_identifier = ?""", history.get(1).eventId());

        Fixture.Run verify = store.audit("verify");

        assertThat(verify.exitCode()).isEqualTo(AuditCli.DISCREPANCIES);
        assertThat(verify.lines()).filteredOn(line -> !line.startsWith("verify:")).singleElement()
                .asString().startsWith("TAMPERED listing " + listing + " #1 event " + history.get(1).eventId()
                        + ": stored hash ");
    }

    @Test
    void verify_reports_events_missing_duplicated_or_out_of_order_on_kafka() throws Exception {
        store.publish(history.get(0), history.get(2), history.get(1), history.get(0));
        String unpublished = UUID.randomUUID().toString();
        Fixture.Recorded lost = store.append(unpublished, new ListingPublished(unpublished, null, null), DRAFTED, "u", "r");

        Fixture.Run verify = store.audit("verify");

        assertThat(verify.exitCode()).isEqualTo(AuditCli.DISCREPANCIES);
        assertThat(verify.out()).contains(
                "OUT_OF_ORDER_ON_KAFKA listing " + listing + " #1 event " + history.get(1).eventId()
                        + ": at partition 0 offset 2, after ce_sequence 2",
                "DUPLICATE_ON_KAFKA listing " + listing + " #0 event " + history.get(0).eventId()
                        + ": on " + store.type.topic() + " 2 times at partition 0 offset 0, partition 0 offset 3",
                "MISSING_ON_KAFKA listing " + unpublished + " #0 event " + lost.eventId(),
                "verify: 4 stored events, 3 discrepancies, 0 notes");
    }

    @Test
    void an_export_passes_import_dry_run_and_a_time_range_keeps_its_chain_links() throws Exception {
        Path file = dir.resolve("listing.jsonl");
        Fixture.Run export = store.audit("export", "--type", "listing", "--id", listing, "--out", file.toString());
        Fixture.Run range = store.audit("export", "--from", "2026-03-02", "--to", "2026-03-03");
        Fixture.Run dryRun = store.audit("import", "--dry-run", file.toString());

        assertThat(export.exitCode()).isZero();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        JsonNode first = EventJson.mapper().readTree(lines.get(0));
        assertThat(first.get("type").asString()).isEqualTo("io.msmeatlas.listing.ListingDrafted");
        assertThat(first.get("previoushash").asString()).isEqualTo("0".repeat(64));
        assertThat(first.at("/data/details/askingPrice").asString()).isEqualTo("2500000.00");
        JsonNode updated = EventJson.mapper().readTree(range.lines().get(0));
        assertThat(range.lines()).hasSize(1);
        assertThat(updated.get("previoushash").asString()).isEqualTo(VerifyCommand.hex(history.get(0).hash()));
        assertThat(dryRun.exitCode()).as(dryRun.out()).isZero();
        assertThat(dryRun.out()).contains("import --dry-run: 3 lines, 0 errors, 0 unchained");
    }

    @Test
    void import_dry_run_reports_a_schema_violation_with_its_line_number() throws Exception {
        Path file = dir.resolve("listing.jsonl");
        store.audit("export", "--type", "listing", "--id", listing, "--out", file.toString());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        ObjectNode second = (ObjectNode) EventJson.mapper().readTree(lines.get(1));
        ((ObjectNode) second.get("data").get("details")).put("currency", "rupees");
        lines.set(1, EventJson.mapper().writeValueAsString(second));
        Files.write(file, lines);

        Fixture.Run dryRun = store.audit("import", "--dry-run", file.toString());
        Fixture.Run live = store.audit("import", file.toString());

        assertThat(dryRun.exitCode()).isEqualTo(AuditCli.DISCREPANCIES);
        assertThat(dryRun.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("line 2: schema urn:msmeatlas:schema:listing:ListingUpdated:v2: ").contains("currency"));
        assertThat(dryRun.lines()).contains("line 2: data differs from storedpayload (the hash covers storedpayload)");
        assertThat(dryRun.lines()).noneMatch(line -> line.startsWith("line 1") || line.startsWith("line 3"));
        assertThat(live.exitCode()).isEqualTo(AuditCli.FAILED);
        assertThat(live.err()).contains("out of scope");
    }

    private static ListingDetails details(String askingPrice) {
        return new ListingDetails("Spice mill", "Indore Spices LLP", null,
                new ListingDetails.Sector("10", "Manufacture of food products", "C", "Manufacturing"),
                "Madhya Pradesh", "Indore", 2004, 23, ListingDetails.LegalStructure.LLP, new BigDecimal("9000000.00"),
                List.of(new ListingDetails.AnnualFinancials(2025, new BigDecimal("12000000.00"), null,
                        new BigDecimal("1800000.00"), null, null)),
                null, null, new BigDecimal(askingPrice), "INR", ListingDetails.DealType.FULL_SALE, null, null,
                "Cold-grinding unit");
    }
}
