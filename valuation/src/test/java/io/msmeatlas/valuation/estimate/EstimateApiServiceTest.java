package io.msmeatlas.valuation.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.valuation.ValuationServiceTestSupport;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The what-if estimate and the model information over HTTP. */
class EstimateApiServiceTest extends ValuationServiceTestSupport {

    private static final String ESTIMATE = "/api/valuation/estimate";
    static final String WHAT_IF = """
            {"sectorCode":"25","state":"maharashtra","city":"Pune","yearEstablished":2009,"employees":42,
             "plantAndMachineryInvestment":"32000000","assets":"55000000","debt":12000000,
             "financials":[{"fiscalYear":2024,"revenue":"79000000","ebitda":"8100000"},
                           {"fiscalYear":2025,"revenue":84000000.00,"exports":"4000000","ebitda":"9500000"}]}""";

    /** A caller of its own: each test has a full rate-limit bucket. */
    private RestClient caller() {
        return as("user-" + UUID.randomUUID(), "BUYER");
    }

    @Test
    void a_what_if_is_valued_like_a_listing_and_stored_nowhere() {
        ResponseEntity<String> response = post(caller(), ESTIMATE, WHAT_IF);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode estimate = body(response);
        assertThat(estimate.get("method").asString()).isEqualTo("xgboost:1.0.0");
        assertThat(estimate.get("currency").asString()).isEqualTo("INR");
        assertThat(new BigDecimal(estimate.get("low").asString())).isLessThanOrEqualTo(new BigDecimal(estimate.get("mid").asString()));
        assertThat(new BigDecimal(estimate.get("mid").asString())).isLessThanOrEqualTo(new BigDecimal(estimate.get("high").asString()));
        assertThat(estimate.get("reasons").size()).isPositive();
        // The same figures as the sample listing: the same inputs hash, whatever the JSON number forms.
        assertThat(body(post(caller(), ESTIMATE, WHAT_IF)).get("inputsHash")).isEqualTo(estimate.get("inputsHash"));
    }

    @Test
    void invalid_figures_are_one_422_naming_every_field() {
        ResponseEntity<String> response = post(caller(), ESTIMATE, """
                {"sectorCode":"ZZ","state":"Atlantis","yearEstablished":1700,"debt":"-1",
                 "financials":[{"fiscalYear":2025,"revenue":"100.001"},{"fiscalYear":2025,"revenue":"5"}]}""");

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(response).get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("sectorCode",
                "state", "yearEstablished", "debt", "financials[0].revenue", "financials[1].fiscalYear",
                "financials[0].ebitda");
    }

    @Test
    void a_malformed_body_or_an_unknown_field_is_a_400_and_a_wrong_type_a_422() {
        assertThat(post(caller(), ESTIMATE, "{not json").getStatusCode().value()).isEqualTo(400);
        assertThat(post(caller(), ESTIMATE, "{\"sectorCode\":\"25\",\"askingPrice\":\"1\"}").getStatusCode().value())
                .isEqualTo(400);
        ResponseEntity<String> wrongType = post(caller(), ESTIMATE, "{\"employees\":\"many\"}");
        assertThat(wrongType.getStatusCode().value()).isEqualTo(422);
        assertThat(body(wrongType).get("errors").get(0).get("field").asString()).isEqualTo("employees");
    }

    @Test
    void a_caller_over_the_limit_gets_429_with_retry_after_while_others_go_on() {
        RestClient eager = caller();
        for (int i = 0; i < 3; i++) {
            assertThat(post(eager, ESTIMATE, WHAT_IF).getStatusCode().value()).isEqualTo(200);
        }

        ResponseEntity<String> limited = post(eager, ESTIMATE, WHAT_IF);

        assertThat(limited.getStatusCode().value()).isEqualTo(429);
        assertThat(limited.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Long.parseLong(limited.getHeaders().getFirst("Retry-After"))).isPositive();
        assertThat(post(caller(), ESTIMATE, WHAT_IF).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void the_model_information_names_its_version_features_and_held_out_metrics() {
        ResponseEntity<String> response = get(caller(), "/api/valuation/model");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode info = body(response);
        assertThat(info.get("method").asString()).isEqualTo("xgboost:1.0.0");
        assertThat(info.get("fallback").asString()).isEqualTo("rules:1");
        JsonNode model = info.get("model");
        assertThat(model.get("version").asString()).isEqualTo("1.0.0");
        assertThat(model.get("features").size()).isEqualTo(17);
        assertThat(model.get("features").findValuesAsString("name")).contains("earnings", "debt");
        assertThat(model.get("metrics").get("coverage").asDouble()).isBetween(0.75, 0.85);
        assertThat(model.get("quantiles").size()).isEqualTo(3);
    }

    @Test
    void the_service_reports_its_health_and_metrics() {
        RestClient anyone = caller();
        JsonNode health = body(get(anyone, "/actuator/health"));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("valuationModel").get("details").get("method").asString())
                .isEqualTo("xgboost:1.0.0");
        assertThat(get(anyone, "/actuator/prometheus").getBody()).contains("service=\"valuation\"");
    }
}
