package io.msmeatlas.projections.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.web.apidocs.ApiDocs;
import io.msmeatlas.web.apidocs.AutoConfigureApiDocs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The match, profile and interest queries' OpenAPI document, as the gateway's Swagger UI reads it. */
@WebMvcTest(MatchQueryController.class)
@Import(MatchQueryControllerTest.Stores.class)
@AutoConfigureApiDocs
class MatchQueryApiDocsTest {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void every_query_is_documented_with_its_problems() throws Exception {
        var response = mvc.get().uri("/v3/api-docs").exchange();
        assertThat(response).hasStatusOk();
        ApiDocs docs = ApiDocs.parse(response.getResponse().getContentAsString());

        assertThat(docs.paths()).contains("/api/matchmaking/matches/mine",
                "/api/matchmaking/listings/{listingId}/matches", "/api/matchmaking/interests/received", "/api/matchmaking/profiles/mine",
                "/api/matchmaking/matches/{id}", "/api/matchmaking/profiles/{id}");
        docs.everyOperationAnswersProblems().identityComesFromTheBearerToken();
        assertThat(ApiDocs.statuses(docs.operation("GET /api/matchmaking/matches/{id}")))
                .contains("200", "401", "403", "404", "503");
    }
}
