package io.msmeatlas.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.web.apidocs.ApiDocs;
import org.junit.jupiter.api.Test;

/** The valuation API's OpenAPI document, as the gateway's Swagger UI reads it. */
class ValuationApiDocsTest extends ValuationServiceTestSupport {

    @Test
    void every_endpoint_is_documented_with_its_problems() {
        ApiDocs docs = ApiDocs.fetch(port);

        assertThat(docs.paths()).contains("/api/valuation/listings/{id}", "/api/valuation/listings/{id}/history",
                "/api/valuation/listings/{id}/override", "/api/valuation/estimate", "/api/valuation/model");
        docs.everyOperationAnswersProblems().identityComesFromTheBearerToken();
        assertThat(ApiDocs.statuses(docs.operation("POST /api/valuation/estimate")))
                .contains("200", "401", "413", "422", "429");
        assertThat(docs.operation("POST /api/valuation/estimate").path("responses").path("200").toString())
                .contains("EstimateResponse");
        assertThat(ApiDocs.statuses(docs.operation("POST /api/valuation/listings/{id}/override")))
                .contains("403", "404", "409", "422");
        assertThat(docs.root().path("components").path("schemas").path("EstimateResponse").toString())
                .as("money is a decimal string").contains("\"format\":\"decimal\"");
    }
}
