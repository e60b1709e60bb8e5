package io.msmeatlas.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.web.apidocs.ApiDocs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API documentation as a developer opens it: the gateway's Swagger UI, and through it every
 * service's OpenAPI document, read from the running services' jars without a token.
 */
class ApiDocsEndToEndIT {

    /** Each service's document and a path it must describe. */
    private static final Map<String, String> DOCUMENTED = Map.of(
            "auth", "/api/auth/login",
            "listings", "/api/msme/listings/{id}/approve",
            "projections", "/api/msme/listings",
            "valuation", "/api/valuation/estimate",
            "matching", "/api/matchmaking/profiles",
            "notifications", "/api/notification/inbox");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Platform platform = SharedPlatform.get();

    @Test
    void the_swagger_ui_lists_every_service_and_each_document_is_valid_openapi_with_problem_answers() {
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        Map<String, String> urls = new LinkedHashMap<>();
        for (JsonNode url : json.readTree(get("/v3/api-docs/swagger-config").body()).path("urls")) {
            urls.put(url.path("name").asString(), url.path("url").asString());
        }
        assertThat(urls.keySet()).containsExactlyInAnyOrderElementsOf(DOCUMENTED.keySet());

        DOCUMENTED.forEach((service, path) -> {
            HttpResponse<String> response = get(urls.get(service));
            assertThat(response.statusCode()).as(service + ": " + response.body()).isEqualTo(200);
            ApiDocs docs = ApiDocs.parse(response.body());
            assertThat(docs.paths()).as(service).contains(path);
            docs.everyOperationAnswersProblems().identityComesFromTheBearerToken();
            assertThat(docs.root().path("servers").get(0).path("url").asString())
                    .as("try-it-out goes to the gateway").isEqualTo("/");
        });
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
