package io.msmeatlas.web.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.msmeatlas.web.Caller;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The problems each kind of endpoint documents, read from what its handler method takes: the shared
 * mechanism every servlet service's {@code /v3/api-docs} gets from this module.
 */
@SpringBootTest(properties = "spring.application.name=sample")
@AutoConfigureMockMvc
class ProblemResponsesTest {

    record Thing(String name) {
    }

    @RestController
    static class SampleController {

        @GetMapping("/api/sample/public")
        String open() {
            return "hello";
        }

        @GetMapping("/api/sample/things/{id}")
        Thing one(Caller caller, @PathVariable String id) {
            return new Thing(id);
        }

        @GetMapping("/api/sample/things")
        Thing search(Caller caller, @RequestParam(required = false) String q) {
            return new Thing(q);
        }

        @PostMapping("/api/sample/things")
        Thing create(Caller caller, @RequestBody Thing thing) {
            return thing;
        }

        @PostMapping("/api/sample/things/{id}/archive")
        Thing archive(Caller caller, @PathVariable String id,
                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
            return new Thing(id);
        }

        @PostMapping("/api/sample/things/{id}/star")
        Thing star(Caller caller, @PathVariable String id) {
            return new Thing(id);
        }

        @GetMapping("/api/sample/me")
        Thing me(@RequestHeader(name = Caller.USER_HEADER, required = false) String userId) {
            return new Thing(userId);
        }

        @PostMapping("/api/sample/register")
        @ApiResponse(responseCode = "409", description = "That name is taken.")
        Thing register(@RequestBody Thing thing) {
            return thing;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(SampleController.class)
    static class SampleApplication {
    }

    @Autowired
    MockMvc mvc;

    ApiDocs docs;

    @BeforeEach
    void readDocs() throws Exception {
        String body = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        docs = ApiDocs.parse(body);
    }

    @Test
    void every_operation_answers_its_errors_as_problems_and_takes_identity_from_the_token() {
        assertThat(docs.paths()).contains("/api/sample/public", "/api/sample/things/{id}", "/api/sample/things",
                "/api/sample/things/{id}/archive", "/api/sample/me", "/api/sample/register");
        docs.everyOperationAnswersProblems().identityComesFromTheBearerToken();
        assertThat(docs.root().path("info").path("title").asString()).isEqualTo("MSMEAtlas sample API");
        assertThat(docs.root().path("servers").get(0).path("url").asString()).isEqualTo("/");
        assertThat(docs.root().path("components").path("securitySchemes").path("bearerAuth").path("scheme")
                .asString()).isEqualTo("bearer");
    }

    @Test
    void a_public_endpoint_without_input_can_only_be_rate_limited_or_unavailable() {
        JsonNode open = docs.operation("GET /api/sample/public");

        assertThat(ApiDocs.statuses(open)).containsExactlyInAnyOrder("200", "429", "503");
        assertThat(open.has("security")).isFalse();
        assertThat(open.path("responses").path("429").path("headers").path("Retry-After").path("schema").path("type")
                .asString()).isEqualTo("integer");
    }

    @Test
    void a_resource_by_id_for_a_caller_may_be_unauthorized_forbidden_or_missing() {
        JsonNode one = docs.operation("GET /api/sample/things/{id}");

        assertThat(ApiDocs.statuses(one)).containsExactlyInAnyOrder("200", "400", "401", "403", "404", "429", "503");
        assertThat(one.path("security").toString()).contains("bearerAuth");
        assertThat(one.path("parameters")).extracting(p -> p.path("name").asString()).containsExactly("id");
    }

    @Test
    void a_body_may_be_malformed_too_large_or_invalid() {
        assertThat(ApiDocs.statuses(docs.operation("POST /api/sample/things")))
                .containsExactlyInAnyOrder("200", "400", "401", "403", "413", "422", "429", "503");
    }

    @Test
    void a_change_to_a_resource_with_if_match_may_conflict_or_fail_its_precondition() {
        assertThat(ApiDocs.statuses(docs.operation("POST /api/sample/things/{id}/archive")))
                .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "409", "412", "429", "503");
    }

    @Test
    void a_change_without_if_match_names_no_version_conflict() {
        assertThat(ApiDocs.statuses(docs.operation("POST /api/sample/things/{id}/star")))
                .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "429", "503");
    }

    @Test
    void the_gateways_identity_header_is_no_parameter_but_a_token_requirement() {
        JsonNode me = docs.operation("GET /api/sample/me");

        assertThat(me.has("parameters")).isFalse();
        assertThat(me.path("security").toString()).contains("bearerAuth");
        assertThat(ApiDocs.statuses(me)).contains("401", "403");
    }

    @Test
    void a_declared_answer_is_kept_and_shaped_as_a_problem() {
        JsonNode conflict = docs.operation("POST /api/sample/register").path("responses").path("409");

        assertThat(conflict.path("description").asString()).isEqualTo("That name is taken.");
        assertThat(conflict.path("content").path("application/problem+json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/ProblemDetail");
        assertThat(docs.operation("POST /api/sample/register").has("security")).isFalse();
    }

    @Test
    void api_docs_need_no_identity_headers() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
        mvc.perform(get("/api/sample/things/1")).andExpect(status().isUnauthorized());
    }
}
