package io.msmeatlas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Per-client budgets, shared through one real Redis by two gateway instances: the test's own and a
 * second one started here with the same settings. Clients are named in X-Forwarded-For
 * (trusted-proxies = 1), one set of documentation addresses (198.51.100.0/24) per test.
 */
class RateLimitTest extends GatewayTestSupport {

    private static final String PROTECTED = "/api/msme/enterprises/42";
    private static ConfigurableApplicationContext secondGateway;
    private static WebTestClient second;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startSecondGateway() {
        // As arguments: SpringApplicationBuilder.properties() are defaults, which application.yml overrides.
        Stream<String> arguments = Stream.concat(Stream.of("--server.port=0"),
                gatewayProperties().entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()));
        secondGateway = new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new));
        second = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + secondGateway.getEnvironment().getProperty("local.server.port"))
                .build();
    }

    @AfterAll
    static void stopSecondGateway() {
        secondGateway.close();
    }

    @Test
    void the_budget_is_shared_by_all_gateway_instances() {
        String client = "198.51.100.1";
        for (int call = 0; call < DEFAULT_LIMIT; call++) {
            get(call % 2 == 0 ? this.client : second, client)
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("RateLimit-Limit", String.valueOf(DEFAULT_LIMIT));
        }

        for (WebTestClient gateway : List.of(this.client, second)) {
            get(gateway, client)
                    .expectStatus().isEqualTo(429)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "60")
                    .expectHeader().valueEquals("RateLimit-Limit", String.valueOf(DEFAULT_LIMIT))
                    .expectHeader().valueEquals("RateLimit-Remaining", "0")
                    .expectHeader().valueEquals("RateLimit-Reset", "60")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(429)
                    .jsonPath("$.policy").isEqualTo("default");
        }
        get(this.client, "198.51.100.2").expectStatus().isOk();
        assertThat(projections.received()).hasSize(DEFAULT_LIMIT + 1);
    }

    @Test
    void login_attempts_have_their_own_stricter_budget() {
        String client = "198.51.100.10";
        double rejectedBefore = rejected("login");
        for (int attempt = 0; attempt < 5; attempt++) {
            login(client).expectStatus().isOk();
        }

        login(client)
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "60")
                .expectBody().jsonPath("$.policy").isEqualTo("login");
        assertThat(auth.received()).hasSize(5);
        assertThat(rejected("login")).isEqualTo(rejectedBefore + 1);
        // Other requests of the same client count against the default budget.
        get(this.client, client).expectStatus().isOk();
    }

    @Test
    void an_exempt_network_is_never_limited() {
        for (int call = 0; call < 2 * DEFAULT_LIMIT + 1; call++) {
            get(this.client, "192.0.2.10")
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist("RateLimit-Limit");
        }
    }

    @Test
    void addresses_a_client_writes_into_x_forwarded_for_do_not_escape_its_budget() {
        // The trusted proxy appends the real client last; anything before it is the client's own text.
        for (int call = 0; call < DEFAULT_LIMIT; call++) {
            get(this.client, "10.0.0." + call + ", 198.51.100.20").expectStatus().isOk();
        }

        get(this.client, "10.0.0.99, 198.51.100.20").expectStatus().isEqualTo(429);
    }

    @Test
    void while_redis_is_down_each_instance_limits_alone_and_sharing_resumes_when_it_returns() {
        double fallbacksBefore = fallbacks(meters);
        redis.stop();
        try {
            String client = "198.51.100.30";
            for (int call = 0; call < DEFAULT_LIMIT; call++) {
                get(this.client, client).expectStatus().isOk();
            }
            get(this.client, client).expectStatus().isEqualTo(429);

            assertThat(fallbacks(meters)).isGreaterThanOrEqualTo(fallbacksBefore + DEFAULT_LIMIT + 1);
            assertThat(distributed(meters)).isZero();
        } finally {
            redis.start();
        }

        // Each instance notices on a call once its breaker lets one through again.
        AtomicInteger fresh = new AtomicInteger(100);
        MeterRegistry secondMeters = secondGateway.getBean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            get(this.client, "198.51.100." + fresh.incrementAndGet());
            get(second, "198.51.100." + fresh.incrementAndGet());
            assertThat(distributed(meters)).isOne();
            assertThat(distributed(secondMeters)).isOne();
        });

        String client = "198.51.100.31";
        for (int call = 0; call < DEFAULT_LIMIT; call++) {
            get(this.client, client).expectStatus().isOk();
        }
        get(second, client).expectStatus().isEqualTo(429);
    }

    private WebTestClient.ResponseSpec get(WebTestClient gateway, String forwardedFor) {
        return gateway.get().uri(PROTECTED)
                .header(HttpHeaders.AUTHORIZATION, bearer(jwks.token("user-42", "BUYER")))
                .header("X-Forwarded-For", forwardedFor)
                .exchange();
    }

    private WebTestClient.ResponseSpec login(String forwardedFor) {
        return client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"a@b.test\",\"password\":\"guess\"}")
                .header("X-Forwarded-For", forwardedFor)
                .exchange();
    }

    private double rejected(String policy) {
        var counter = meters.find("gateway.ratelimit.rejected").tag("policy", policy).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double fallbacks(MeterRegistry registry) {
        return registry.get("gateway.ratelimit.fallback").counter().count();
    }

    private static double distributed(MeterRegistry registry) {
        return registry.get("gateway.ratelimit.distributed").gauge().value();
    }
}
