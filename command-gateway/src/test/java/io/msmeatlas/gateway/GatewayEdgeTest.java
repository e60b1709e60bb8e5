package io.msmeatlas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.gateway.identity.IdentityHeadersFilter;
import io.msmeatlas.gateway.requestid.RequestIdFilter;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** The gateway in front of healthy services, with a valid token: routing, headers, health and errors. */
@ExtendWith(OutputCaptureExtension.class)
class GatewayEdgeTest extends GatewayTestSupport {

    @Test
    void queries_go_to_projections_with_path_and_query_intact() {
        authorized().get().uri("/api/msme/enterprises/42?include=udyam").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("projections");

        assertThat(projections.lastReceived().method()).isEqualTo("GET");
        assertThat(projections.lastReceived().pathAndQuery()).isEqualTo("/api/msme/enterprises/42?include=udyam");
        assertThat(listings.received()).isEmpty();
    }

    @Test
    void head_requests_are_queries_too() {
        authorized().head().uri("/api/msme/enterprises/42").exchange().expectStatus().isOk();

        assertThat(projections.lastReceived().method()).isEqualTo("HEAD");
        assertThat(listings.received()).isEmpty();
    }

    @Test
    void commands_go_to_listings_with_path_and_body_intact() {
        authorized().post().uri("/api/msme/enterprises").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Asha Textiles\",\"city\":\"Surat\"}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("listings");
        assertThat(listings.lastReceived().method()).isEqualTo("POST");
        assertThat(listings.lastReceived().pathAndQuery()).isEqualTo("/api/msme/enterprises");
        assertThat(listings.lastReceived().body()).isEqualTo("{\"name\":\"Asha Textiles\",\"city\":\"Surat\"}");

        authorized().patch().uri("/api/msme/enterprises/42").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"city\":\"Pune\"}").exchange()
                .expectStatus().isOk();
        assertThat(listings.lastReceived().method()).isEqualTo("PATCH");
        assertThat(listings.lastReceived().pathAndQuery()).isEqualTo("/api/msme/enterprises/42");
        assertThat(listings.lastReceived().body()).isEqualTo("{\"city\":\"Pune\"}");

        assertThat(projections.received()).isEmpty();
    }

    @Test
    void downstream_problems_pass_through_unchanged() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Validation failed\",\"status\":422,"
                + "\"errors\":[{\"field\":\"name\",\"message\":\"must not be blank\"}]}";
        listings.answer("/api/msme/enterprises", 422, "application/problem+json", problem);

        authorized().post().uri("/api/msme/enterprises").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).isEqualTo(problem);
    }

    @Test
    void identity_headers_sent_by_a_client_never_reach_a_service() {
        client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .header(IdentityHeadersFilter.USER_ID, "someone-else")
                .header("x-user-roles", "ADMIN")
                .exchange()
                .expectStatus().isOk();

        assertThat(auth.lastReceived().headers().containsKey(IdentityHeadersFilter.USER_ID)).isFalse();
        assertThat(auth.lastReceived().headers().containsKey(IdentityHeadersFilter.USER_ROLES)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/valuation/listings/42,valuation", "POST,/api/valuation/estimate,valuation",
            "GET,/api/matchmaking/matches/mine,projections", "HEAD,/api/matchmaking/profiles/mine,projections",
            "POST,/api/matchmaking/profiles,matching", "PUT,/api/matchmaking/profiles/7,matching",
            "POST,/api/matchmaking/matches/9/interest,matching", "GET,/api/notification/inbox,notifications",
            "POST,/api/notification/inbox/read-all,notifications", "GET,/api/notification/stream,notifications"})
    void each_prefix_reaches_the_service_that_owns_it(String method, String path, String service) {
        authorized().method(HttpMethod.valueOf(method)).uri(path).exchange()
                .expectStatus().isOk();

        FakeService owner = switch (service) {
            case "valuation" -> valuation;
            case "projections" -> projections;
            case "matching" -> matching;
            default -> notifications;
        };
        assertThat(owner.lastReceived().method()).isEqualTo(method);
        assertThat(owner.lastReceived().pathAndQuery()).isEqualTo(path);
    }

    @Test
    void a_valid_request_id_goes_downstream_comes_back_and_is_logged(CapturedOutput output) {
        authorized().get().uri("/api/msme/enterprises/42").header(RequestIdFilter.HEADER, "client-id_1.2:3").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(RequestIdFilter.HEADER, "client-id_1.2:3");

        assertThat(projections.lastReceived().headers().getFirst(RequestIdFilter.HEADER)).isEqualTo("client-id_1.2:3");
        // The request's log line is written as the exchange completes, just after the client has the response.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .contains("[command-gateway,client-id_1.2:3]")
                .contains("GET /api/msme/enterprises/42 -> 200"));
    }

    @Test
    void a_missing_request_id_is_generated_and_sent_both_ways() {
        String returned = authorized().post().uri("/api/msme/enterprises").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst(RequestIdFilter.HEADER);

        assertThat(UUID.fromString(returned)).isNotNull();
        assertThat(listings.lastReceived().headers().getFirst(RequestIdFilter.HEADER)).isEqualTo(returned);
    }

    @Test
    void an_unsafe_request_id_is_replaced_by_a_generated_one() {
        String returned = authorized().get().uri("/api/msme/enterprises/42")
                .header(RequestIdFilter.HEADER, "<script>alert(1)</script>").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst(RequestIdFilter.HEADER);

        assertThat(UUID.fromString(returned)).isNotNull();
        assertThat(projections.lastReceived().headers().getFirst(RequestIdFilter.HEADER)).isEqualTo(returned);
    }

    @Test
    void health_reports_the_gateway_itself() {
        client.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"status\":\"UP\",\"service\":\"command-gateway\"}", true);
    }

    @Test
    void health_all_is_200_when_every_service_is_up() {
        client.get().uri("/health/all").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.services['command-gateway'].status").isEqualTo("UP")
                .jsonPath("$.services['command-gateway'].latencyMs").isEqualTo(0)
                .jsonPath("$.services.auth.status").isEqualTo("UP")
                .jsonPath("$.services.valuation.status").isEqualTo("UP")
                .jsonPath("$.services.matching.status").isEqualTo("UP")
                .jsonPath("$.services.notifications.status").isEqualTo("UP")
                .jsonPath("$.services.listings.status").isEqualTo("UP")
                .jsonPath("$.services.listings.url").isEqualTo(listings.baseUrl().toString())
                .jsonPath("$.services.listings.latencyMs").isNumber()
                .jsonPath("$.services.projections.status").isEqualTo("UP")
                .jsonPath("$.services.projections.url").isEqualTo(projections.baseUrl().toString());
    }

    @Test
    void health_all_is_503_and_says_why_when_a_service_reports_itself_down() {
        listings.answer("/actuator/health", 503, "application/json", "{\"status\":\"OUT_OF_SERVICE\"}");

        client.get().uri("/health/all").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.services.listings.status").isEqualTo("DOWN")
                .jsonPath("$.services.listings.reason").isEqualTo("reported OUT_OF_SERVICE (HTTP 503)")
                .jsonPath("$.services.projections.status").isEqualTo("UP");
    }

    @Test
    void direct_health_passes_the_services_answer_through() {
        client.get().uri("/direct/listings/health").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/vnd.spring-boot.actuator.v3+json")
                .expectBody(String.class)
                .isEqualTo("{\"status\":\"UP\",\"components\":{\"ping\":{\"status\":\"UP\"}}}");

        projections.answer("/actuator/health", 503, "application/json", "{\"status\":\"DOWN\"}");
        client.get().uri("/direct/projections/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody(String.class).isEqualTo("{\"status\":\"DOWN\"}");
    }

    @Test
    void direct_health_of_an_unknown_service_is_404_problem() {
        client.get().uri("/direct/nope/health").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").isEqualTo("Unknown service");
    }

    @Test
    void an_unknown_path_is_404_problem_with_a_request_id() {
        authorized().get().uri("/no/such/thing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(RequestIdFilter.HEADER)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void a_wrong_method_on_a_gateway_endpoint_is_405_problem() {
        authorized().post().uri("/health").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(405);
    }

    @Test
    void actuator_exposes_health_circuit_breaker_and_rate_limit_metrics() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");

        // The scrape carries latency histograms: larger than the client's default 256 KiB buffer.
        client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .contains("resilience4j_circuitbreaker_state{")
                        .contains("name=\"listings\"")
                        .contains("name=\"projections\"")
                        .contains("gateway_ratelimit_distributed", "gateway_ratelimit_fallback_total"));
    }
}
