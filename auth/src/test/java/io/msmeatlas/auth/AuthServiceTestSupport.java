package io.msmeatlas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auth service on real PostgreSQL, Kafka and Redis, through its HTTP API. Every test class
 * extends this unchanged, so they all share one Spring context. Each test calls from an address of
 * its own, so failed logins in one test never block another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AuthServiceTestSupport {

    protected static final String ADMIN_EMAIL = "Root@Example.test";
    protected static final String ADMIN_PASSWORD = "bootstrap-Adm1n-secret";
    protected static final String PASSWORD = "correct-horse-42";

    protected final JsonMapper json = JsonMapper.builder().build();
    protected final String clientAddress = "10." + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);

    @LocalServerPort
    int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected RestClient http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestStack.register(registry);
        registry.add("atlas.outbox.poll-interval", () -> "100ms");
        registry.add("atlas.outbox.max-backoff", () -> "500ms");
        // The cost factor only changes how long a hash takes; tests need many.
        registry.add("atlas.auth.bcrypt-strength", () -> "4");
        registry.add("atlas.auth.bootstrap-admin.email", () -> ADMIN_EMAIL);
        registry.add("atlas.auth.bootstrap-admin.password", () -> ADMIN_PASSWORD);
    }

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    protected ResponseEntity<String> post(String path, String body, Map<String, String> headers) {
        var request = http.post().uri(path).header("X-Forwarded-For", clientAddress)
                .headers(h -> headers.forEach(h::set));
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(String.class);
    }

    protected ResponseEntity<String> post(String path, String body) {
        return post(path, body, Map.of());
    }

    protected ResponseEntity<String> get(String path, Map<String, String> headers) {
        return http.get().uri(path).headers(h -> headers.forEach(h::set)).retrieve().toEntity(String.class);
    }

    protected static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.in";
    }

    /** Registers a user and returns the id. */
    protected String register(String email, String password, String role) {
        ResponseEntity<String> created = post("/api/auth/register", """
                {"email":"%s","password":"%s","displayName":"Test User","role":"%s"}""".formatted(email, password, role));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return read(created).get("id").asString();
    }

    protected ResponseEntity<String> login(String email, String password) {
        return post("/api/auth/login", """
                {"email":"%s","password":"%s"}""".formatted(email, password));
    }

    /** Logs in and returns the token response. */
    protected JsonNode tokens(String email, String password) {
        ResponseEntity<String> response = login(email, password);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return read(response);
    }

    protected ResponseEntity<String> refresh(String refreshToken) {
        return post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    protected JsonNode read(ResponseEntity<String> response) {
        return json.readTree(response.getBody());
    }

    protected JWKSet jwks() throws Exception {
        ResponseEntity<String> response = get("/api/auth/.well-known/jwks.json", Map.of());
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return JWKSet.parse(response.getBody());
    }

    /** Verifies an access token as the gateway does: RS256 against the JWKS, issuer, audience, required claims. */
    protected JWTClaimsSet verify(String accessToken) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("msmeatlas",
                new JWTClaimsSet.Builder().issuer("msmeatlas-auth").build(),
                Set.of("sub", "roles", "exp", "iat", "jti")));
        return processor.process(accessToken, null);
    }
}
