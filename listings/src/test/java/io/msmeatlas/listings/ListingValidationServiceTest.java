package io.msmeatlas.listings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** What the service refuses, and how it names each bad field; a refused request stores nothing. */
class ListingValidationServiceTest extends ListingServiceTestSupport {

    private ResponseEntity<String> draftWith(String from, String to) {
        assertThat(DRAFT).contains(from);
        return post(LISTINGS, DRAFT.replace(from, to), Map.of());
    }

    private void assertUnprocessable(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void a_draft_with_invalid_fields_gets_one_422_naming_each_by_its_json_path_and_stores_nothing() {
        long before = storedEvents();
        String invalid = DRAFT.replace("\"title\":\"Precision CNC job shop in Pune\"", "\"title\":\"  \"")
                .replace("\"email\":\"anil@example.in\"", "\"email\":\"anil-at-example\"")
                .replace("\"sectorCode\":\"25\"", "\"sectorCode\":\"C25\"")
                .replace("\"state\":\"maharashtra\"", "\"state\":\"MH\"")
                .replace("{\"fiscalYear\":2024,\"revenue\":\"79000000.00\",", "{\"fiscalYear\":2024,")
                .replace("\"exports\":\"4000000.00\"", "\"exports\":\"90000000\"")
                .replace("\"askingPrice\":\"65000000.00\"", "\"askingPrice\":\"-5\"")
                .replace("\"currency\":\"INR\"", "\"currency\":\"USD\"")
                .replace("\"assets\":\"55000000\"", "\"assets\":\"1.234\"");

        ResponseEntity<String> response = post(LISTINGS, invalid, Map.of());

        assertUnprocessable(response);
        assertThat(errorFields(response)).containsExactly("title", "contact.email", "sectorCode", "state",
                "financials[0].revenue", "financials[1].exports", "assets", "askingPrice", "currency");
        assertThat(errors(response)).contains(
                Map.of("field", "currency", "message", "must be INR: Udyam limits and Indian listings are in rupees"),
                Map.of("field", "financials[1].exports", "message", "must not exceed revenue"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void a_missing_required_field_is_named() {
        ResponseEntity<String> response = draftWith("\"dealType\":\"FULL_SALE\",", "");

        assertUnprocessable(response);
        assertThat(errors(response)).containsExactly(Map.of("field", "dealType", "message", "is required"));
    }

    @Test
    void an_unknown_enum_value_is_a_422_naming_the_field_and_the_allowed_values() {
        ResponseEntity<String> response = draftWith("\"dealType\":\"FULL_SALE\"", "\"dealType\":\"EVERYTHING\"");

        assertUnprocessable(response);
        assertThat(errors(response)).containsExactly(Map.of("field", "dealType",
                "message", "must be one of [FULL_SALE, MAJORITY_STAKE, MINORITY_STAKE, ASSET_SALE]"));
    }

    @Test
    void a_value_of_the_wrong_type_is_a_422_naming_its_nested_path() {
        ResponseEntity<String> amount = draftWith("\"revenue\":\"84000000.00\"", "\"revenue\":\"lots\"");
        ResponseEntity<String> count = draftWith("\"employees\":42", "\"employees\":\"many\"");
        ResponseEntity<String> object = draftWith(
                "{\"name\":\"Anil Kulkarni\",\"email\":\"anil@example.in\",\"phone\":\"+91 98000 00001\"}", "\"Anil\"");
        ResponseEntity<String> outOfRange = draftWith("\"employees\":42", "\"employees\":99999999999");

        for (ResponseEntity<String> response : List.of(amount, count, object, outOfRange)) {
            assertUnprocessable(response);
            assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("java.");
        }
        assertThat(errors(amount)).containsExactly(Map.of("field", "financials[1].revenue",
                "message", "must be a decimal amount, such as \"2500000.50\""));
        assertThat(errorFields(count)).containsExactly("employees");
        assertThat(errorFields(object)).containsExactly("contact");
        assertThat(errorFields(outOfRange)).containsExactly("employees");
    }

    @Test
    void an_enterprise_beyond_the_udyam_medium_limit_is_not_an_msme() {
        ResponseEntity<String> response = draftWith("\"plantAndMachineryInvestment\":\"32000000.00\"",
                "\"plantAndMachineryInvestment\":\"2000000000\"");

        assertUnprocessable(response);
        assertThat(errors(response)).containsExactly(Map.of("field", "plantAndMachineryInvestment",
                "message", "exceeds the Udyam medium limit: not an MSME"));
    }

    @Test
    void turnover_beyond_the_medium_limit_names_the_latest_years_revenue_as_sent() {
        ResponseEntity<String> response = draftWith("\"revenue\":\"84000000.00\"", "\"revenue\":\"6000000000\"");

        assertUnprocessable(response);
        assertThat(errorFields(response)).containsExactly("financials[1].revenue");
    }

    @Test
    void a_year_in_the_future_is_refused_by_field() {
        ResponseEntity<String> response = draftWith("\"yearEstablished\":2009", "\"yearEstablished\":2999");

        assertUnprocessable(response);
        assertThat(errorFields(response)).containsExactly("yearEstablished");
    }

    @Test
    void malformed_json_and_unknown_fields_get_a_400_problem_without_internals() {
        ResponseEntity<String> malformed = post(LISTINGS, "{\"title\": ", Map.of());
        ResponseEntity<String> unknown = draftWith("\"title\"", "\"titel\"");
        ResponseEntity<String> unknownNested = draftWith("\"phone\"", "\"fax\"");

        for (ResponseEntity<String> response : List.of(malformed, unknown, unknownNested)) {
            assertThat(response.getStatusCode().value()).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at io.");
        }
        assertThat(errorFields(unknown)).containsExactly("titel");
        assertThat(errorFields(unknownNested)).containsExactly("contact.fax");
    }

    @Test
    void an_empty_update_is_a_422() {
        String id = draft();
        assertUnprocessable(patch(id, "{}"));
    }

    @Test
    void an_update_that_is_not_a_json_object_is_a_400() {
        String id = draft();
        assertThat(patch(id, "[{\"title\":\"x\"}]").getStatusCode().value()).isEqualTo(400);
        assertThat(patch(id, "{\"title\":").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void an_update_is_checked_on_the_fields_it_sets_with_their_nested_paths() {
        String id = draft();

        ResponseEntity<String> response = patch(id, """
                {"title":null,"financials":[{"fiscalYear":2025,"revenue":"10"},{"fiscalYear":2025,"revenue":-1}],
                 "highlights":["ok",""]}""");

        assertUnprocessable(response);
        assertThat(errorFields(response)).containsExactly("title", "financials[1].fiscalYear",
                "financials[1].revenue", "highlights[1]");
        assertThat(storedTypes(id)).containsExactly("ListingDrafted");
        ResponseEntity<String> badEnum = patch(id, "{\"legalStructure\":\"EMPIRE\"}");
        assertUnprocessable(badEnum);
        assertThat(errorFields(badEnum)).containsExactly("legalStructure");
    }

    @Test
    void a_merge_patch_replaces_lists_whole_and_null_clears_an_optional_field() {
        String id = draft();

        ResponseEntity<String> response = seller.patch().uri(LISTINGS + "/" + id)
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .body("""
                        {"highlights":["Debt free"],"description":null,"askingPrice":65000000,
                         "financials":[{"fiscalYear":2026,"revenue":"90000000","exports":"0"}]}""")
                .retrieve().toEntity(String.class);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        assertThat(body(response).get("version").asLong()).isEqualTo(2);
        ConsumerRecord<String, byte[]> updated = awaitEvents(id, 2).get(1);
        JsonNode event = payload(updated);
        // The asking price is the same amount: not a change.
        assertThat(event.get("changedFields").values().stream().map(JsonNode::asString))
                .containsExactly("financials", "highlights", "description");
        JsonNode details = event.get("details");
        assertThat(details.has("description")).isFalse();
        assertThat(details.get("askingPrice").asString()).isEqualTo("65000000.00");
        assertThat(details.get("highlights").values().stream().map(JsonNode::asString)).containsExactly("Debt free");
        assertThat(details.get("financials")).hasSize(1);
        // Turnover 9 crore: still micro by turnover, small by investment.
        assertThat(event.get("classification").get("turnover").asString()).isEqualTo("90000000");
        assertValidAgainstSchemas(List.of(updated));
    }

    @Test
    void rejecting_or_suspending_needs_a_reason() {
        String id = draft();
        act(id, "submit");

        ResponseEntity<String> noBody = post(admin, LISTINGS + "/" + id + "/reject", null);
        ResponseEntity<String> blank = post(admin, LISTINGS + "/" + id + "/reject", "{\"reason\":\"  \"}");

        for (ResponseEntity<String> response : List.of(noBody, blank)) {
            assertUnprocessable(response);
            assertThat(errors(response)).containsExactly(Map.of("field", "reason", "message", "is required"));
        }
        assertThat(storedTypes(id)).containsExactly("ListingDrafted", "ListingSubmitted");
    }
}
