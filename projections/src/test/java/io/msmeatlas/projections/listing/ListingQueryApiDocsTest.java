package io.msmeatlas.projections.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.web.apidocs.ApiDocs;
import io.msmeatlas.web.apidocs.AutoConfigureApiDocs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The listing queries' OpenAPI document, as the gateway's Swagger UI reads it. */
@WebMvcTest(ListingQueryController.class)
@Import(ListingQueryControllerTest.Stores.class)
@AutoConfigureApiDocs
class ListingQueryApiDocsTest {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void every_query_is_documented_with_its_problems() throws Exception {
        var response = mvc.get().uri("/v3/api-docs").exchange();
        assertThat(response).hasStatusOk();
        ApiDocs docs = ApiDocs.parse(response.getResponse().getContentAsString());

        assertThat(docs.paths()).contains("/api/msme/listings", "/api/msme/listings/{id}", "/api/msme/listings/mine",
                "/api/msme/moderation/queue");
        docs.everyOperationAnswersProblems().identityComesFromTheBearerToken();
        assertThat(ApiDocs.statuses(docs.operation("GET /api/msme/listings/{id}")))
                .contains("200", "401", "404", "429", "503");
        assertThat(docs.operation("GET /api/msme/listings").path("parameters").toString())
                .as("search parameters one by one").contains("\"sector\"", "\"minPrice\"", "\"sort\"");
    }
}
