package io.msmeatlas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway in front of a slow service and a stopped one, with a short time limit and a small breaker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "resilience4j.timelimiter.configs.default.timeout-duration=500ms",
        "resilience4j.circuitbreaker.configs.default.sliding-window-size=2",
        "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=2",
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=2s",
        "resilience4j.circuitbreaker.configs.default.permitted-number-of-calls-in-half-open-state=1"})
@AutoConfigureWebTestClient
class GatewayResilienceTest {

    static final FakeService auth = FakeService.start("auth");
    static final FakeService listings = FakeService.start("listings");
    static final FakeService projections = stopped(FakeService.start("projections"));
    static final FakeJwks jwks = FakeJwks.shared();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("atlas.services.auth", () -> auth.baseUrl().toString());
        registry.add("atlas.services.listings", () -> listings.baseUrl().toString());
        registry.add("atlas.services.projections", () -> projections.baseUrl().toString());
        registry.add("atlas.auth.jwks-uri", () -> jwks.uri().toString());
        // Not about rate limits: the test client (loopback) is never limited and Redis is never asked.
        registry.add("atlas.rate-limit.exempt-cidrs", () -> "127.0.0.0/8,::1/128");
    }

    @AfterAll
    static void stopServices() {
        auth.close();
        listings.close();
    }

    @Autowired
    WebTestClient anonymous;

    WebTestClient client;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @BeforeEach
    void closeCircuitsAndSlowDownListings() {
        client = anonymous.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + jwks.token("user-42", "SELLER"))
                .build();
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        listings.reset();
        listings.hangOn("/api/msme/enterprises/slow");
    }

    @Test
    void a_downstream_slower_than_the_time_limit_gets_504_problem() {
        client.post().uri("/api/msme/enterprises/slow").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.service").isEqualTo("listings");
    }

    @Test
    void repeated_failures_open_the_circuit_and_calls_fail_fast_with_503_and_retry_after() {
        for (int call = 0; call < 2; call++) {
            client.post().uri("/api/msme/enterprises/slow").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange()
                    .expectStatus().isEqualTo(504);
        }

        client.post().uri("/api/msme/enterprises").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.service").isEqualTo("listings");
        assertThat(listings.received()).extracting(FakeService.Received::pathAndQuery)
                .containsExactly("/api/msme/enterprises/slow", "/api/msme/enterprises/slow");
    }

    @Test
    void the_circuit_closes_again_once_the_service_recovers() {
        for (int call = 0; call < 2; call++) {
            client.post().uri("/api/msme/enterprises/slow").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange().expectStatus().isEqualTo(504);
        }
        assertThat(circuitBreakers.circuitBreaker("listings").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        listings.reset();

        // After the open-state wait a trial call goes through, succeeds, and closes the circuit.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                client.post().uri("/api/msme/enterprises/slow").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}").exchange().expectStatus().is2xxSuccessful());
        assertThat(circuitBreakers.circuitBreaker("listings").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void a_refused_connection_gets_503_problem() {
        client.get().uri("/api/msme/enterprises/42").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.service").isEqualTo("projections")
                .jsonPath("$.instance").isEqualTo("/api/msme/enterprises/42")
                .jsonPath("$.detail").isEqualTo("projections is unreachable (connection refused).");
    }

    @Test
    void a_refused_connection_says_when_to_retry() {
        client.get().uri("/api/msme/enterprises/42").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");
    }

    @Test
    void health_all_is_503_and_names_the_service_that_is_down() {
        client.get().uri("/health/all").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.services['command-gateway'].status").isEqualTo("UP")
                .jsonPath("$.services.listings.status").isEqualTo("UP")
                .jsonPath("$.services.projections.status").isEqualTo("DOWN")
                .jsonPath("$.services.projections.reason").isEqualTo("connection refused");
    }

    @Test
    void direct_health_of_an_unreachable_service_is_503_problem() {
        client.get().uri("/direct/projections/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.service").isEqualTo("projections");
    }

    /** A service that was up and has stopped: its port now refuses connections. */
    private static FakeService stopped(FakeService service) {
        service.close();
        return service;
    }
}
