package io.msmeatlas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.msmeatlas.gateway.identity.IdentityHeadersFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Which requests get through: valid tokens from the auth service's keys, public routes, nothing else. */
class JwtAuthenticationTest extends GatewayTestSupport {

    private static final String PROTECTED = "/api/msme/enterprises/42";
    private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    @Test
    void a_valid_token_reaches_the_service_with_the_callers_identity() {
        authorizedAs("user-7", "SELLER", "ADMIN").post().uri("/api/msme/enterprises")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isOk();

        assertThat(listings.lastReceived().headers().getFirst(IdentityHeadersFilter.USER_ID)).isEqualTo("user-7");
        assertThat(listings.lastReceived().headers().getFirst(IdentityHeadersFilter.USER_ROLES))
                .isEqualTo("SELLER,ADMIN");
    }

    @Test
    void forged_identity_headers_are_replaced_by_the_tokens() {
        authorizedAs("user-7", "BUYER").get().uri(PROTECTED)
                .header(IdentityHeadersFilter.USER_ID, "someone-else")
                .header("x-user-roles", "ADMIN")
                .header(IdentityHeadersFilter.PROJECTIONS_PARTITIONS, "0,1,2")
                .exchange()
                .expectStatus().isOk();

        assertThat(projections.lastReceived().headers().get(IdentityHeadersFilter.USER_ID)).containsExactly("user-7");
        assertThat(projections.lastReceived().headers().get(IdentityHeadersFilter.USER_ROLES)).containsExactly("BUYER");
        assertThat(projections.lastReceived().headers().get(IdentityHeadersFilter.PROJECTIONS_PARTITIONS))
                .as("only projections instances ask each other for raw shares").isNull();
    }

    @Test
    void a_missing_token_is_401_problem_with_a_bare_bearer_challenge() {
        client.get().uri(PROTECTED).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo(PROTECTED);
        assertThat(projections.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void a_bad_token_is_401_problem_and_never_reaches_a_service(String token) {
        client.get().uri(PROTECTED).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.trace").doesNotExist();
        assertThat(projections.received()).isEmpty();
    }

    static Stream<Arguments> badTokens() {
        RSAKey key = jwks.signingKey;
        String valid = jwks.token("user-42", "BUYER");
        RSAKey otherKeySameKid = FakeJwks.rsaKey(key.getKeyID());
        return Stream.of(
                named("unsigned (alg none)", new PlainJWT(FakeJwks.claims("user-42", "ADMIN").build()).serialize()),
                named("signed with another key under a known kid",
                        FakeJwks.sign(otherKeySameKid, FakeJwks.claims("user-42", "ADMIN").build())),
                named("HS256 keyed with the public RSA key (algorithm confusion)", hs256(key)),
                named("expired beyond the clock skew", FakeJwks.sign(key, FakeJwks.claims("user-42")
                        .issueTime(ago(Duration.ofMinutes(10)))
                        .expirationTime(ago(Duration.ofSeconds(31))).build())),
                named("without exp", FakeJwks.sign(key, FakeJwks.claims("user-42").expirationTime(null).build())),
                named("payload tampered after signing", tampered(valid)),
                named("from another issuer", FakeJwks.sign(key, FakeJwks.claims("user-42").issuer("evil").build())),
                named("for another audience",
                        FakeJwks.sign(key, FakeJwks.claims("user-42").audience("other-app").build())),
                named("with roles that are not a list of names", FakeJwks.sign(key,
                        FakeJwks.claims("user-42").claim("roles", "ADMIN\r\nX-User-Id: 1").build())),
                named("garbage", "not-a-jwt"),
                named("three garbage segments", "aaa.bbb.ccc"));
    }

    @Test
    void an_unknown_kid_fetches_the_jwks_once_more_then_is_401() {
        int fetchesBefore = jwks.fetches();
        String token = FakeJwks.sign(FakeJwks.rsaKey("never-published"), FakeJwks.claims("user-42").build());

        client.get().uri(PROTECTED).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN);

        assertThat(jwks.fetches()).isEqualTo(fetchesBefore + 1);
    }

    @Test
    void a_token_signed_with_a_newly_published_key_is_accepted_after_one_jwks_fetch() {
        authorized().get().uri(PROTECTED).exchange().expectStatus().isOk();
        RSAKey rotated = FakeJwks.rsaKey("rsa-rotated");
        jwks.publish(rotated);
        int fetchesBefore = jwks.fetches();

        String token = FakeJwks.sign(rotated, FakeJwks.claims("user-9", "BUYER").build());
        for (int call = 0; call < 2; call++) {
            client.get().uri(PROTECTED).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectStatus().isOk();
        }

        assertThat(jwks.fetches()).isEqualTo(fetchesBefore + 1);
        assertThat(projections.lastReceived().headers().getFirst(IdentityHeadersFilter.USER_ID)).isEqualTo("user-9");
    }

    @Test
    void es256_tokens_are_accepted_too() {
        ECKey ec = FakeJwks.ecKey("ec-1");
        jwks.publish(ec);

        client.get().uri(PROTECTED)
                .header(HttpHeaders.AUTHORIZATION, bearer(FakeJwks.sign(ec, FakeJwks.claims("user-3").build())))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void when_the_jwks_cannot_be_fetched_a_token_with_a_new_kid_is_401_not_500() {
        RSAKey unseen = FakeJwks.rsaKey("rsa-unseen");
        jwks.publish(unseen);
        jwks.failWith(503);

        client.get().uri(PROTECTED)
                .header(HttpHeaders.AUTHORIZATION, bearer(FakeJwks.sign(unseen, FakeJwks.claims("user-3").build())))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/register", "/api/auth/login", "/api/auth/refresh"})
    void auth_commands_are_public(String path) {
        client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk();

        assertThat(auth.lastReceived().pathAndQuery()).isEqualTo(path);
    }

    @Test
    void a_public_route_ignores_a_stale_token_so_a_client_can_still_refresh() {
        String expired = FakeJwks.sign(jwks.signingKey, FakeJwks.claims("user-42")
                .expirationTime(ago(Duration.ofHours(1))).build());

        client.post().uri("/api/auth/refresh").header(HttpHeaders.AUTHORIZATION, bearer(expired))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/.well-known/jwks.json", "/health", "/health/all", "/direct/auth/health",
            "/actuator/health", "/actuator/health/liveness", "/actuator/prometheus"})
    void health_metrics_and_keys_are_public(String path) {
        client.get().uri(path).exchange()
                // Liveness is not exposed here (404) but must not ask for a token.
                .expectStatus().value(status -> assertThat(status).isIn(200, 404));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/logout", "/api/auth/me", "/fallback/listings", "/actuator"})
    void everything_else_needs_a_token(String path) {
        client.get().uri(path).exchange().expectStatus().isUnauthorized();
        client.post().uri(path).exchange().expectStatus().isUnauthorized();
    }

    private static Arguments named(String name, String token) {
        return Arguments.of(Named.of(name, token));
    }

    private static Date ago(Duration duration) {
        return Date.from(Instant.now().minus(duration));
    }

    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"BUYER\"", "\"ADMIN\"");
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return String.join(".", parts);
    }

    private static String hs256(RSAKey key) {
        try {
            byte[] secret = key.toRSAPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    FakeJwks.claims("user-42", "ADMIN").build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
