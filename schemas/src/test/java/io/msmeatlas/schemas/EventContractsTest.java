package io.msmeatlas.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingPublished;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventContractsTest {

    private final EventSchemaValidator validator = new EventSchemaValidator();

    @Test
    void every_listing_event_type_is_registered_with_a_schema_file() {
        assertThat(EventContracts.all())
                .extracting(EventContract::javaType)
                .containsAll(Arrays.asList(ListingEvent.class.getPermittedSubclasses()));
        for (EventContract contract : EventContracts.all()) {
            assertThat(getClass().getClassLoader().getResource(contract.schemaResource()))
                    .as(contract.schemaResource()).isNotNull();
        }
    }

    @Test
    void every_sample_event_validates_against_its_schema() {
        Arrays.stream(ListingEvent.class.getPermittedSubclasses())
                .forEach(type -> assertThat(SampleEvents.listingEvents())
                        .as("a sample of " + type.getSimpleName()).anyMatch(type::isInstance));
        for (ListingEvent event : SampleEvents.listingEvents()) {
            EventContract contract = EventContracts.of(event.getClass());
            assertThat(validator.violations(contract, EventJson.write(event))).as(event.toString()).isEmpty();
        }
    }

    @Test
    void money_is_written_as_an_exact_decimal_string() {
        String json = new String(EventJson.write(SampleEvents.listingEvents().get(0)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"askingPrice\":\"65000000.00\"").contains("\"ebitda\":\"-1250000.50\"");
    }

    @Test
    void a_payload_that_breaks_the_contract_is_reported_by_path() {
        EventContract contract = EventContracts.of(ListingPublished.class);
        var violations = validator.violations(contract,
                "{\"listingId\":\"\",\"unexpected\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(violations.stream().collect(Collectors.joining("\n")))
                .contains("listingId").contains("unexpected");
    }

    @Test
    void a_payload_round_trips_through_its_ce_type() {
        for (ListingEvent event : SampleEvents.listingEvents()) {
            String ceType = EventContracts.of(event.getClass()).ceType();
            assertThat(EventJson.read(EventJson.write(event), ceType)).isEqualTo(event);
        }
    }
}
