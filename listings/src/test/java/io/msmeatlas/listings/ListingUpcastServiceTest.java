package io.msmeatlas.listings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * A listing stored before schema v2 (payloads without a revision, in v1's shape) keeps working:
 * Axon upcasts its history on load, and new commands build on it.
 */
class ListingUpcastServiceTest extends ListingServiceTestSupport {

    /** The published v1 fixtures of the schemas module: the exact JSON the service used to store. */
    private static final Path FIXTURES = Path.of(System.getProperty("basedir", "."))
            .resolve("../schemas/src/test/resources/fixtures/listing");
    private static final String FIXTURE_LISTING_ID = "7d4c8b1e-2f5a-4c3e-9b1d-0a6e5f4d3c2b";

    private static final String FULL_V2_CHANGE = """
            {"legalName":"Shree Precision Components Pvt Ltd",
             "contact":{"name":"Anil Kulkarni","email":"anil@example.in"},
             "sectorCode":"25","plantAndMachineryInvestment":"32000000",
             "financials":[{"fiscalYear":2025,"revenue":"84000000.00","ebitda":"9500000.00"}],
             "dealType":"FULL_SALE"}""";

    @Test
    void a_listing_published_at_schema_v1_takes_v2_updates_and_goes_under_offer() throws IOException {
        String id = storeV1History();

        ResponseEntity<String> partial = patch(id, "{\"askingPrice\":\"60000000\"}");
        assertThat(partial.getStatusCode().value()).as(partial.getBody()).isEqualTo(422);
        assertThat(errorFields(partial)).containsExactly("legalName", "contact", "sectorCode",
                "plantAndMachineryInvestment", "financials[0].fiscalYear");

        ResponseEntity<String> completed = patch(id, FULL_V2_CHANGE);
        assertThat(status(completed)).isEqualTo("PUBLISHED");
        assertThat(body(completed).get("version").asLong()).isEqualTo(3);
        assertThat(status(act(id, "under-offer"))).isEqualTo("UNDER_OFFER");
        assertThat(body(act(id, "sold")).get("version").asLong()).isEqualTo(5);

        assertThat(jdbc.queryForList("""
                select payload_revision from domain_event_entry where aggregate_identifier = ? order by sequence_number""",
                String.class, id)).containsExactly(null, null, "2", "1", "1");
        List<ConsumerRecord<String, byte[]>> records = awaitEvents(id, 3);
        assertThat(types(records)).containsExactly("ListingUpdated", "ListingMarkedUnderOffer", "ListingSold");
        assertValidAgainstSchemas(records);
        assertThat(payload(records.get(0)).get("changedFields").values().stream().map(n -> n.asString()))
                .containsExactly("legalName", "contact", "sector", "plantAndMachineryInvestment", "financials");
        assertThat(payload(records.get(0)).get("classification").get("category").asString()).isEqualTo("SMALL");
    }

    /** ListingDrafted and ListingPublished as stored at v1, straight into the event store, for a fresh listing id. */
    private String storeV1History() throws IOException {
        String id = UUID.randomUUID().toString();
        insert(id, 0, "ListingDrafted", fixture("ListingDrafted.v1.json", id));
        insert(id, 1, "ListingPublished", fixture("ListingPublished.v1.json", id));
        return id;
    }

    private static byte[] fixture(String name, String listingId) throws IOException {
        String json = Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
        assertThat(json).contains(FIXTURE_LISTING_ID);
        return json.replace(FIXTURE_LISTING_ID, listingId).getBytes(StandardCharsets.UTF_8);
    }

    private void insert(String listingId, long sequence, String type, byte[] payload) {
        jdbc.update("""
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                       time_stamp, payload_type, payload_revision, payload, meta_data)
                values (?, ?, ?, 'Listing', ?, ?, null, ?, ?)""",
                UUID.randomUUID().toString(), listingId, sequence, Instant.now().toString(),
                "io.msmeatlas.schemas.listing." + type, payload,
                ("{\"userId\":\"" + SELLER_ID + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
