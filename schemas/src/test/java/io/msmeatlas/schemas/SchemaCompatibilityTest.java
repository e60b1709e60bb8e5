package io.msmeatlas.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingUpdated;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guards published contracts, so that the build fails on an incompatible change:
 * <ul>
 *   <li>a published schema file never changes (its hash is locked in {@code published-schemas.sha256};
 *       a change is a new version with an upcaster);</li>
 *   <li>a stored payload of every published version still validates against its own schema, and,
 *       upcast, against the current one, and reads as the current Java type.</li>
 * </ul>
 */
class SchemaCompatibilityTest {

    private static final Path SCHEMAS = Path.of("src/main/resources/schemas");
    private static final Path LOCK = Path.of("src/test/resources/published-schemas.sha256");

    private final EventSchemaValidator validator = new EventSchemaValidator();

    @Test
    void a_published_schema_file_never_changes() throws IOException {
        Map<String, String> locked = locked();
        Map<String, String> actual = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(SCHEMAS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                actual.put(SCHEMAS.relativize(file).toString().replace('\\', '/'), sha256(Files.readAllBytes(file)));
            }
        }
        assertThat(actual.keySet()).as("schema files without a line in " + LOCK
                + " (add one when you publish a version)").containsExactlyInAnyOrderElementsOf(locked.keySet());
        actual.forEach((file, hash) -> assertThat(hash)
                .as(file + " was published and must not change: add a new version with an upcaster instead")
                .isEqualTo(locked.get(file)));
    }

    @Test
    void stored_payloads_of_published_versions_still_read_and_validate() throws IOException {
        for (EventContract contract : EventContracts.all()) {
            for (int version = 1; version <= contract.version(); version++) {
                String fixture = "fixtures/" + contract.context() + "/" + contract.name() + ".v" + version + ".json";
                byte[] json = resource(fixture);
                EventContract published = new EventContract(contract.context(), contract.javaType(), version);
                assertThat(validator.violations(published, json)).as(fixture).isEmpty();

                ObjectNode upcast = EventUpcasters.toCurrent(contract, version,
                        (ObjectNode) EventJson.mapper().readTree(json));
                assertThat(validator.violations(contract, EventJson.mapper().writeValueAsBytes(upcast)))
                        .as(fixture + " upcast to v" + contract.version()).isEmpty();
                assertThat(EventJson.read(json, contract.ceType(), version)).isInstanceOf(contract.javaType());
            }
        }
    }

    @Test
    void a_v1_listing_reads_as_v2_with_its_revenue_as_the_latest_year() throws IOException {
        ListingDrafted drafted = (ListingDrafted) EventJson.read(resource("fixtures/listing/ListingDrafted.v1.json"),
                EventContracts.of(ListingDrafted.class).ceType(), 1);

        ListingDetails details = drafted.details();
        assertThat(details.sector().name()).isEqualTo("C25");
        assertThat(details.sector().code()).isNull();
        assertThat(details.latestFinancials().revenue()).isEqualByComparingTo("84000000.00");
        assertThat(details.latestFinancials().ebitda()).isEqualByComparingTo(new BigDecimal("9500000.00"));
        assertThat(details.dealType()).isEqualTo(ListingDetails.DealType.FULL_SALE);
        assertThat(drafted.classification()).isNull();

        ListingUpdated updated = (ListingUpdated) EventJson.read(resource("fixtures/listing/ListingUpdated.v1.json"),
                EventContracts.of(ListingUpdated.class).ceType(), 1);
        assertThat(updated.changedFields()).containsExactly("title", "askingPrice");
        assertThat(updated.details().financials()).isEmpty();

        ListingPublished published = (ListingPublished) EventJson.read(
                resource("fixtures/listing/ListingPublished.v1.json"),
                EventContracts.of(ListingPublished.class).ceType(), 1);
        assertThat(published.expiresAt()).isNull();
    }

    @Test
    void a_version_newer_than_this_build_is_refused_rather_than_misread() {
        String ceType = EventContracts.of(ListingPublished.class).ceType();
        byte[] json = "{\"listingId\":\"l-1\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventJson.read(json, ceType, 3)).hasMessageContaining("newer");
    }

    private static Map<String, String> locked() throws IOException {
        Map<String, String> locked = new LinkedHashMap<>();
        for (String line : Files.readAllLines(LOCK)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                List<String> parts = List.of(line.trim().split("\\s+", 2));
                locked.put(parts.get(1), parts.get(0));
            }
        }
        return locked;
    }

    private byte[] resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("fixture " + name + " (add one when you publish a version)").isNotNull();
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
