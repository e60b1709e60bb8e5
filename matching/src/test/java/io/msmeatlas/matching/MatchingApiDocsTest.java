package io.msmeatlas.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.web.apidocs.ApiDocs;
import org.junit.jupiter.api.Test;

/** The buyer-profile and deal-flow commands' OpenAPI document, as the gateway's Swagger UI reads it. */
class MatchingApiDocsTest extends MatchingServiceTestSupport {

    @Test
    void every_command_is_documented_with_its_problems() {
        ApiDocs docs = ApiDocs.fetch(port);

        assertThat(docs.paths()).contains(PROFILES, PROFILES + "/{id}", PROFILES + "/{id}/pause",
                PROFILES + "/{id}/resume", MATCHES + "/{id}/interest", MATCHES + "/{id}/accept",
                MATCHES + "/{id}/decline");
        docs.everyOperationAnswersProblems().identityComesFromTheBearerToken();
        assertThat(ApiDocs.statuses(docs.operation("POST " + PROFILES))).contains("201", "401", "403", "422")
                .doesNotContain("200");
        assertThat(ApiDocs.statuses(docs.operation("PUT " + PROFILES + "/{id}")))
                .contains("200", "404", "409", "412", "422");
        assertThat(ApiDocs.statuses(docs.operation("POST " + MATCHES + "/{id}/accept"))).contains("404", "409", "412");
    }
}
