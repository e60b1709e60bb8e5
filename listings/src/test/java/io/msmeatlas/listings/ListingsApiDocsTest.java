package io.msmeatlas.listings;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.web.apidocs.ApiDocs;
import org.junit.jupiter.api.Test;

/** The listing commands' OpenAPI document, as the gateway's Swagger UI reads it. */
class ListingsApiDocsTest extends ListingServiceTestSupport {

    @Test
    void every_command_is_documented_with_its_problems() {
        ApiDocs docs = ApiDocs.fetch(port);

        assertThat(docs.paths()).contains(LISTINGS, LISTINGS + "/{id}", LISTINGS + "/{id}/submit",
                LISTINGS + "/{id}/publish", LISTINGS + "/{id}/approve", LISTINGS + "/{id}/reject",
                LISTINGS + "/{id}/suspend", LISTINGS + "/{id}/under-offer", LISTINGS + "/{id}/return-to-market",
                LISTINGS + "/{id}/sold", LISTINGS + "/{id}/withdraw");
        docs.everyOperationAnswersProblems().identityComesFromTheBearerToken();
        assertThat(ApiDocs.statuses(docs.operation("POST " + LISTINGS)))
                .contains("201", "400", "401", "403", "413", "422", "429", "503");
        assertThat(ApiDocs.statuses(docs.operation("PATCH " + LISTINGS + "/{id}")))
                .contains("200", "401", "403", "404", "409", "412", "422");
        assertThat(ApiDocs.statuses(docs.operation("POST " + LISTINGS + "/{id}/approve")))
                .contains("404", "409", "412");
    }
}
