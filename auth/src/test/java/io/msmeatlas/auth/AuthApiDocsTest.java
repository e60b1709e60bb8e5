package io.msmeatlas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.web.apidocs.ApiDocs;
import org.junit.jupiter.api.Test;

/** The auth API's OpenAPI document, as the gateway's Swagger UI reads it. */
class AuthApiDocsTest extends AuthServiceTestSupport {

    @Test
    void every_endpoint_is_documented_with_its_problems() {
        ApiDocs docs = ApiDocs.fetch(port);

        assertThat(docs.paths()).contains("/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                "/api/auth/logout", "/api/auth/me", "/api/auth/.well-known/jwks.json", "/api/auth/keys/rotate");
        docs.everyOperationAnswersProblems().identityComesFromTheBearerToken();
        assertThat(ApiDocs.statuses(docs.operation("POST /api/auth/register"))).contains("201", "409", "422")
                .doesNotContain("200", "401");
        assertThat(ApiDocs.statuses(docs.operation("POST /api/auth/login"))).contains("200", "401", "422", "429");
        assertThat(ApiDocs.statuses(docs.operation("POST /api/auth/logout"))).contains("204");
        assertThat(docs.operation("GET /api/auth/me").path("security").toString()).contains("bearerAuth");
        assertThat(docs.operation("POST /api/auth/keys/rotate").path("security").toString()).contains("bearerAuth");
        assertThat(docs.operation("GET /api/auth/.well-known/jwks.json").has("security")).isFalse();
    }
}
