package io.msmeatlas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.gateway.identity.IdentityHeadersFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API documentation at the edge: a Swagger UI over every service's OpenAPI document, each read
 * through a route to the service's {@code /v3/api-docs}, all without a token.
 */
class ApiDocsGatewayTest extends GatewayTestSupport {

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    AtlasServices services;

    @Test
    void the_swagger_ui_lists_every_service_by_its_route() {
        String config = client.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        Map<String, String> urls = new LinkedHashMap<>();
        for (JsonNode url : json.readTree(config).path("urls")) {
            urls.put(url.path("name").asString(), url.path("url").asString());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        services.services().keySet().forEach(service -> expected.put(service, "/v3/api-docs/" + service));
        assertThat(urls).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void each_services_document_is_routed_to_its_own_api_docs_without_a_token_or_identity() {
        Map<String, FakeService> fakes = Map.of("auth", auth, "listings", listings, "projections", projections,
                "valuation", valuation, "matching", matching, "notifications", notifications);
        assertThat(fakes.keySet()).containsExactlyInAnyOrderElementsOf(services.services().keySet());
        fakes.forEach((name, fake) -> {
            client.get().uri("/v3/api-docs/" + name)
                    .header(IdentityHeadersFilter.USER_ID, "forged").header(IdentityHeadersFilter.USER_ROLES, "ADMIN")
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.service").isEqualTo(name);

            assertThat(fake.lastReceived().method()).isEqualTo("GET");
            assertThat(fake.lastReceived().pathAndQuery()).as(name).isEqualTo("/v3/api-docs");
            assertThat(fake.lastReceived().headers().containsKey(IdentityHeadersFilter.USER_ID)).isFalse();
            assertThat(fake.lastReceived().headers().containsKey(IdentityHeadersFilter.USER_ROLES)).isFalse();
        });
    }

    @Test
    void a_service_that_cannot_answer_is_a_503_problem_not_a_broken_page() {
        valuation.dropOn("/v3/api-docs");

        client.get().uri("/v3/api-docs/valuation").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void an_unknown_document_is_a_404_problem_and_other_paths_still_need_a_token() {
        client.get().uri("/v3/api-docs/billing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/v3/api-docs").exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/msme/listings").exchange().expectStatus().isUnauthorized();
        assertThat(listings.received()).isEmpty();
    }

    @Test
    void the_swagger_ui_is_served_with_a_policy_that_lets_it_run_from_this_origin_only() {
        String location = client.get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        assertThat(location).endsWith("/swagger-ui/index.html");

        client.get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; script-src 'self'; "
                        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        String initializer = client.get().uri("/swagger-ui/swagger-initializer.js").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(initializer).contains("/v3/api-docs/swagger-config");
        for (String asset : List.of("/swagger-ui/swagger-ui-bundle.js", "/swagger-ui/swagger-ui.css")) {
            client.get().uri(asset).exchange().expectStatus().isOk();
        }
        client.get().uri("/health").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
}
