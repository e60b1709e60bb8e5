package io.msmeatlas.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway, shared by the test classes that extend this (one Spring context), in front of fake
 * services, a fake JWKS and a real Redis.
 *
 * <p>Rate limits: requests from loopback are exempt, so only tests that name a client in
 * X-Forwarded-For (trusted-proxies = 1) are limited, each test with its own addresses. The default
 * budget is 5 a minute so no window slides during a test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
abstract class GatewayTestSupport {

    static final String ALLOWED_ORIGIN = "https://app.msmeatlas.test";
    static final int DEFAULT_LIMIT = 5;
    /** TEST-NET-1: exempt from rate limits. */
    static final String EXEMPT_NETWORK = "192.0.2.0/24";

    static final FakeService auth = FakeService.start("auth");
    static final FakeService listings = FakeService.start("listings");
    static final FakeService projections = FakeService.start("projections");
    static final FakeService valuation = FakeService.start("valuation");
    static final FakeService matching = FakeService.start("matching");
    static final FakeService notifications = FakeService.start("notifications");
    static final FakeJwks jwks = FakeJwks.shared();
    static final TestRedis redis = TestRedis.shared();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        gatewayProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The shared gateway's settings; a second instance started with them shares its rate limits. */
    static Map<String, Object> gatewayProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("atlas.services.auth", auth.baseUrl().toString());
        properties.put("atlas.services.listings", listings.baseUrl().toString());
        properties.put("atlas.services.projections", projections.baseUrl().toString());
        properties.put("atlas.services.valuation", valuation.baseUrl().toString());
        properties.put("atlas.services.matching", matching.baseUrl().toString());
        properties.put("atlas.services.notifications", notifications.baseUrl().toString());
        properties.put("atlas.auth.jwks-uri", jwks.uri().toString());
        // Every unknown kid fetches the JWKS, so tests can count fetches; the cooldown has its own test.
        properties.put("atlas.auth.jwks-refetch-cooldown", "0s");
        properties.put("atlas.rate-limit.redis.url", redis.url());
        properties.put("atlas.rate-limit.redis.retry-interval", "300ms");
        properties.put("atlas.rate-limit.default.limit", DEFAULT_LIMIT);
        properties.put("atlas.rate-limit.default.period", "1m");
        properties.put("atlas.rate-limit.trusted-proxies", 1);
        properties.put("atlas.rate-limit.exempt-cidrs", "127.0.0.0/8,::1/128," + EXEMPT_NETWORK);
        properties.put("atlas.cors.allowed-origins", ALLOWED_ORIGIN);
        return properties;
    }

    @Autowired
    WebTestClient client;

    @BeforeEach
    void resetServices() {
        auth.reset();
        listings.reset();
        projections.reset();
        valuation.reset();
        matching.reset();
        notifications.reset();
        jwks.failWith(0);
    }

    /** The client sending a valid token for a buyer and seller. */
    WebTestClient authorized() {
        return authorizedAs("user-42", "BUYER", "SELLER");
    }

    WebTestClient authorizedAs(String userId, String... roles) {
        return client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, bearer(jwks.token(userId, roles))).build();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
