package io.msmeatlas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** Browser hardening headers, CORS and the request body limit. */
class EdgeHardeningTest extends GatewayTestSupport {

    private static final int ONE_MB = 1024 * 1024;

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/api/msme/enterprises/42", "/health", "/no/such/thing", "/api/valuation/x"})
    void every_response_carries_the_security_headers_and_no_server_banner(String path) {
        assertSecurityHeaders(authorized().get().uri(path).exchange());
    }

    @Test
    void a_401_carries_the_security_headers_too() {
        assertSecurityHeaders(client.get().uri("/api/msme/enterprises/42").exchange().expectStatus().isUnauthorized());
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_without_a_token() {
        client.options().uri("/api/msme/enterprises")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase()).contains("authorization"));
        assertThat(listings.received()).isEmpty();
    }

    @Test
    void a_request_from_an_allowed_origin_gets_cors_headers() {
        authorized().get().uri("/api/msme/enterprises/42").header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("X-Request-Id", "RateLimit-Limit"));
    }

    @Test
    void another_origin_gets_no_cors_headers_and_reaches_no_service() {
        authorized().get().uri("/api/msme/enterprises/42").header(HttpHeaders.ORIGIN, "https://evil.example")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        client.options().uri("/api/msme/enterprises")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        assertThat(projections.received()).isEmpty();
    }

    @Test
    void a_body_declared_larger_than_the_limit_is_413_problem() {
        authorized().post().uri("/api/msme/enterprises").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[ONE_MB + 1])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413);
        assertThat(listings.received()).isEmpty();
    }

    @Test
    void a_streamed_body_over_the_limit_is_413_problem() {
        authorized().post().uri("/api/msme/enterprises").contentType(MediaType.APPLICATION_JSON)
                .body(Flux.range(0, 17).map(chunk -> "x".repeat(64 * 1024)), String.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(listings.received()).isEmpty();
    }

    @Test
    void a_streamed_body_within_the_limit_arrives_whole() {
        authorized().post().uri("/api/msme/enterprises").contentType(MediaType.APPLICATION_JSON)
                .body(Flux.just("{\"name\":", "\"Asha\"}"), String.class)
                .exchange()
                .expectStatus().isOk();

        assertThat(listings.lastReceived().body()).isEqualTo("{\"name\":\"Asha\"}");
    }

    @Test
    void a_body_at_the_limit_passes() {
        byte[] body = new byte[ONE_MB];
        Arrays.fill(body, (byte) 'a');

        authorized().post().uri("/api/msme/enterprises").contentType(MediaType.TEXT_PLAIN).bodyValue(body)
                .exchange()
                .expectStatus().isOk();

        assertThat(listings.lastReceived().body().getBytes(StandardCharsets.UTF_8)).hasSize(ONE_MB);
    }

    private static void assertSecurityHeaders(WebTestClient.ResponseSpec response) {
        response.expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().doesNotExist(HttpHeaders.SERVER);
    }

    @Test
    void a_service_error_page_that_is_not_a_problem_reaches_the_client_as_a_problem_with_its_status() {
        listings.answer("/api/msme/listings/x/submit", 400, "text/html;charset=utf-8",
                "<html><body><h1>HTTP Status 400 – Bad Request</h1><p>Apache Tomcat/11</p></body></html>");

        authorized().post().uri("/api/msme/listings/x/submit").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain("Tomcat", "<"));
    }

    @Test
    void a_services_own_problem_passes_through_unchanged() {
        listings.answer("/api/msme/listings/x/submit", 409, "application/problem+json",
                "{\"title\":\"Illegal transition\",\"status\":409,\"currentStatus\":\"SOLD\"}");

        authorized().post().uri("/api/msme/listings/x/submit").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentStatus").isEqualTo("SOLD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/msme/listings/..%2F..%2Fetc%2Fpasswd/submit", "/api/msme/listings/..;/submit",
            "/api/msme/listings/%00/submit", "/direct/..%2F..%2Fapi/health"})
    void a_path_with_traversal_tricks_is_a_400_problem_and_reaches_no_service(String path) {
        authorized().post().uri(URI.create("http://localhost:" + port + path)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Malformed request path");
        assertThat(listings.received()).isEmpty();
    }

    @Test
    void an_overlong_request_line_is_a_414_problem_and_overlong_headers_a_431_problem() {
        authorized().get().uri("/api/msme/listings?q=" + "a".repeat(20_000)).exchange()
                .expectStatus().isEqualTo(414)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/msme/listings").header(HttpHeaders.AUTHORIZATION, "Bearer " + "a".repeat(20_000))
                .exchange()
                .expectStatus().isEqualTo(431)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(projections.received()).isEmpty();
    }

    @Test
    void a_service_that_dies_mid_request_is_a_503_with_retry_after_not_a_bad_gateway() {
        listings.dropOn("/api/msme/listings/x/submit");

        authorized().post().uri("/api/msme/listings/x/submit").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("closed the connection"));
    }
}
