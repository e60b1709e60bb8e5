package io.msmeatlas.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.msmeatlas.auth.AuthProperties;
import io.msmeatlas.auth.AuthServiceTestSupport;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

class SigningKeyRotationTest extends AuthServiceTestSupport {

    @Autowired
    SigningKeys keys;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    AuthProperties properties;

    @Test
    void after_a_rotation_new_tokens_carry_the_new_kid_the_jwks_has_both_and_old_tokens_still_verify()
            throws Exception {
        String email = uniqueEmail("rotation");
        register(email, PASSWORD, "BUYER");
        String before = tokens(email, PASSWORD).get("accessToken").asString();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        ResponseEntity<String> rotated = post("/api/auth/keys/rotate", null, Map.of("X-User-Roles", "BUYER,ADMIN"));
        assertThat(rotated.getStatusCode().value()).isEqualTo(200);
        String newKid = read(rotated).get("kid").asString();

        String after = tokens(email, PASSWORD).get("accessToken").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(jwks().getKeys()).extracting(JWK::getKeyID).contains(oldKid, newKid);
        assertThat(verify(before).getSubject()).isEqualTo(verify(after).getSubject());
        assertThat(jdbc.queryForObject("select private_key from signing_keys where kid = ?", String.class, oldKid))
                .as("a retired key's private half is erased").isNull();
    }

    @Test
    void only_an_admin_may_rotate() {
        long before = jdbc.queryForObject("select count(*) from signing_keys", Long.class);
        for (Map<String, String> headers : java.util.List.of(Map.of("X-User-Roles", "BUYER,SELLER"),
                Map.of("X-User-Roles", "ADMINISTRATOR"), Map.<String, String>of())) {
            ResponseEntity<String> response = post("/api/auth/keys/rotate", null, headers);
            assertThat(response.getStatusCode().value()).as(headers.toString()).isEqualTo(403);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(jdbc.queryForObject("select count(*) from signing_keys", Long.class)).isEqualTo(before);
    }

    @Test
    void a_retired_key_leaves_the_jwks_once_the_tokens_it_signed_have_expired() throws Exception {
        Instant longAgo = Instant.now().minus(1, ChronoUnit.DAYS);
        jdbc.update("insert into signing_keys (kid, public_jwk, created_at, retired_at) values (?, ?, ?, ?)",
                "expired-key", generatedKey("expired-key").toPublicJWK().toJSONString(),
                Timestamp.from(longAgo.minusSeconds(3600)), Timestamp.from(longAgo));
        jdbc.update("insert into signing_keys (kid, public_jwk, created_at, retired_at) values (?, ?, ?, ?)",
                "recently-retired", generatedKey("recently-retired").toPublicJWK().toJSONString(),
                Timestamp.from(longAgo), Timestamp.from(Instant.now().minusSeconds(60)));

        assertThat(jwks().getKeys()).extracting(JWK::getKeyID).contains("recently-retired").doesNotContain("expired-key");
    }

    @Test
    void a_restart_keeps_the_stored_key_so_issued_tokens_stay_valid() {
        String active = activeKid();

        new SigningKeys(jdbc, transaction, Clock.systemUTC(), new SecureRandom(), properties).afterPropertiesSet();

        assertThat(activeKid()).isEqualTo(active);
    }

    @Test
    void a_key_from_the_environment_becomes_active_without_its_private_half_being_stored() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\\n-----END PRIVATE KEY-----";
        AuthProperties withPem = new AuthProperties(properties.issuer(), properties.audience(),
                properties.accessTokenTtl(), properties.refreshTokenTtl(), properties.bcryptStrength(),
                new AuthProperties.Signing(pem), properties.bootstrapAdmin(), properties.lockout(), properties.redis());
        try {
            SigningKeys fromEnvironment = new SigningKeys(jdbc, transaction, Clock.systemUTC(), new SecureRandom(),
                    withPem);
            fromEnvironment.afterPropertiesSet();
            String kid = SigningKeys.fromPem(pem).getKeyID();

            assertThat(activeKid()).isEqualTo(kid);
            assertThat(jdbc.queryForObject("select private_key from signing_keys where kid = ?", String.class, kid))
                    .isNull();
            String token = fromEnvironment.sign(new JWTClaimsSet.Builder().subject("u-1").build());
            assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(kid);
            // A second start with the same PEM changes nothing.
            new SigningKeys(jdbc, transaction, Clock.systemUTC(), new SecureRandom(), withPem).afterPropertiesSet();
            assertThat(activeKid()).isEqualTo(kid);
        } finally {
            // This context's own SigningKeys has no PEM: give it a stored key back.
            keys.rotate();
        }
    }

    @Test
    void a_pkcs1_pem_is_refused_with_how_to_convert_it() {
        assertThatThrownBy(() -> SigningKeys.fromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("openssl pkcs8");
    }

    private String activeKid() {
        return jdbc.queryForObject("select kid from signing_keys where retired_at is null", String.class);
    }

    private static RSAKey generatedKey(String kid) throws Exception {
        return new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(kid)
                .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.RS256).generate();
    }
}
