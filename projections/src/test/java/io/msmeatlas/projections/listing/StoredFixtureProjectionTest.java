package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema evolution on the read side: the payloads the schemas module keeps as compatibility fixtures
 * (the exact JSON published at each version) go onto the topic with the headers they were published
 * with ({@code ce_dataversion} 1 for the v1 files) and must project.
 */
class StoredFixtureProjectionTest {

    /** The schemas module's stored payloads; tests run in the module directory. */
    private static final Path FIXTURES = Path.of("..", "schemas", "src", "test", "resources", "fixtures", "listing");
    private static final String ID = "7d4c8b1e-2f5a-4c3e-9b1d-0a6e5f4d3c2b";

    /** Every v1 fixture, in an order the aggregate could have produced (one listing's whole life). */
    private static final List<String> V1_LIFE = List.of("ListingDrafted", "ListingUpdated", "ListingSubmitted",
            "ListingRejected", "ListingSubmitted", "ListingPublished", "ListingSuspended", "ListingSubmitted",
            "ListingPublished", "ListingMarkedUnderOffer", "ListingReturnedToMarket", "ListingExpired",
            "ListingSubmitted", "ListingPublished", "ListingWithdrawn");
    private static final List<String> V1_SALE = List.of("ListingDrafted", "ListingSubmitted", "ListingPublished",
            "ListingMarkedUnderOffer", "ListingSold");

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
    void the_scenarios_feed_every_stored_v1_fixture() {
        Set<String> used = new HashSet<>(V1_LIFE);
        used.addAll(V1_SALE);

        assertThat(used).isEqualTo(fixtureTypes(1));
    }

    @Test
    void a_v1_drafted_event_projects_with_its_sector_and_financials_upcast() {
        feedV1(List.of("ListingDrafted"));

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.DRAFT);
        assertThat(view.title()).isEqualTo("Profitable CNC job shop in Pune");
        assertThat(view.sector().name()).isEqualTo("C25");
        assertThat(view.sector().code()).isNull();
        assertThat(view.financials()).hasSize(1);
        assertThat(view.latestRevenue()).isEqualTo(new BigDecimal("84000000.00"));
        assertThat(view.latestEbitda()).isEqualTo(new BigDecimal("9500000.00"));
        assertThat(view.askingPrice()).isEqualTo(new BigDecimal("65000000.00"));
        assertThat(view.dealType()).isEqualTo(DealType.FULL_SALE);
        assertThat(view.classification()).isNull();
        assertThat(view.legalName()).isNull();
        assertThat(view.contact()).isNull();
        assertThat(view.createdAt()).isEqualTo(time(0));
        assertThat(projection.indexKeysOf(ID)).contains(
                "city:pune:price:" + SortValues.decimal(new BigDecimal("65000000.00")) + ":" + ID,
                "dealType:FULL_SALE:listedAt:" + SortValues.instant(time(0)) + ":" + ID,
                "word:cnc:revenue:" + SortValues.decimal(new BigDecimal("84000000.00")) + ":" + ID);
    }

    @Test
    void a_listings_whole_life_in_v1_events_projects() {
        feedV1(V1_LIFE);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.WITHDRAWN);
        assertThat(view.version()).isEqualTo(V1_LIFE.size());
        assertThat(view.title()).as("from the v1 update").isEqualTo("CNC job shop in Pune");
        assertThat(view.askingPrice()).isEqualTo(new BigDecimal("60000000"));
        assertThat(view.financials()).as("the v1 update had no financials").isEmpty();
        assertThat(view.yearEstablished()).isNull();
        assertThat(view.publishedAt()).as("the last v1 publication").isEqualTo(time(13));
        assertThat(view.approvedBy()).isNull();
        assertThat(view.expiresAt()).as("a v1 publication never expires").isNull();
        assertThat(view.submittedAt()).isEqualTo(time(12));
        assertThat(view.closedAt()).isEqualTo(time(14));
        assertThat(view.moderationNote()).isNull();
        assertThat(projection.deadLetters().isEmpty()).isTrue();
        assertThat(projection.indexKeysOf(ID)).noneMatch(key -> key.startsWith("live:") || key.startsWith("queue:"));
    }

    @Test
    void a_sale_in_v1_events_ends_sold() {
        feedV1(V1_SALE);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.SOLD);
        assertThat(view.closedAt()).isEqualTo(time(4));
        assertThat(view.publishedAt()).isEqualTo(time(2));
    }

    @Test
    void moderation_reasons_of_v1_events_reach_the_view() {
        feedV1(V1_LIFE.subList(0, 4));
        assertThat(projection.view(ID).moderationNote()).isEqualTo("Financials do not add up");

        feedV1From(4, V1_LIFE.subList(4, 7));
        assertThat(projection.view(ID).status()).isEqualTo(ListingStatus.SUSPENDED);
        assertThat(projection.view(ID).moderationNote()).isEqualTo("Reported as a duplicate");
    }

    @Test
    void v2_fixtures_project_with_their_confidential_fields_and_classification() {
        Set<String> v2Types = fixtureTypes(2);
        assertThat(v2Types).containsExactlyInAnyOrder("ListingDrafted", "ListingUpdated", "ListingPublished");

        feed(List.of("ListingDrafted", "ListingUpdated", "ListingPublished"), 2, 0);

        ListingView view = projection.view(ID);
        assertThat(view.status()).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(view.legalName()).isEqualTo("Shree Precision Components Pvt Ltd");
        assertThat(view.contact().phone()).isEqualTo("+919800000001");
        assertThat(view.sector().section()).isEqualTo("C");
        assertThat(view.latestEbitda()).isEqualTo(new BigDecimal("-1250000.50"));
        assertThat(view.classification().category()).isEqualTo(Category.SMALL);
        assertThat(view.approvedBy()).isEqualTo("admin-1");
        assertThat(view.expiresAt()).isEqualTo(Instant.parse("2027-02-23T10:15:30Z"));
        assertThat(projection.indexKeysOf(ID)).contains(
                "section:C:listedAt:" + SortValues.instant(time(2)) + ":" + ID,
                "division:25:listedAt:" + SortValues.instant(time(2)) + ":" + ID,
                "classification:SMALL:listedAt:" + SortValues.instant(time(2)) + ":" + ID);
    }

    private void feedV1(List<String> types) {
        feedV1From(0, types);
    }

    private void feedV1From(int firstSequence, List<String> types) {
        feed(types, 1, firstSequence);
    }

    /** Each fixture as the record it was published as: its JSON, with headers naming its schema version. */
    @SuppressWarnings("unchecked")
    private void feed(List<String> types, int version, int firstSequence) {
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            long sequence = firstSequence + i;
            Class<? extends ListingEvent> javaType = (Class<? extends ListingEvent>) EventContracts.all().stream()
                    .filter(contract -> contract.name().equals(type)).findFirst().orElseThrow().javaType();
            projection.pipe(ID, read(type + ".v" + version + ".json"),
                    ListingEvents.headersAtVersion(javaType, version, ID, sequence, time(sequence)));
        }
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(FIXTURES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> fixtureTypes(int version) {
        String suffix = ".v" + version + ".json";
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(suffix))
                    .map(name -> name.substring(0, name.length() - suffix.length())).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
