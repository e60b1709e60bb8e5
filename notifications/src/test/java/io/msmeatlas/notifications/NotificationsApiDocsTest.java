package io.msmeatlas.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.web.apidocs.ApiDocs;
import org.junit.jupiter.api.Test;

/** The inbox and notification stream's OpenAPI document, as the gateway's Swagger UI reads it. */
class NotificationsApiDocsTest extends NotificationsServiceTestSupport {

    @Test
    void every_endpoint_is_documented_with_its_problems() {
        ApiDocs docs = ApiDocs.fetch(port);

        assertThat(docs.paths()).contains("/api/notification/stream", "/api/notification/inbox",
                "/api/notification/inbox/unread-count", "/api/notification/inbox/{id}/read",
                "/api/notification/inbox/read-all", "/api/notification/preferences",
                "/api/notification/preferences/{type}");
        docs.everyOperationAnswersProblems().identityComesFromTheBearerToken();
        assertThat(docs.operation("GET /api/notification/stream").path("responses").path("200").path("content")
                .has("text/event-stream")).isTrue();
        assertThat(ApiDocs.statuses(docs.operation("PUT /api/notification/preferences/{type}")))
                .contains("401", "404", "422");
    }
}
