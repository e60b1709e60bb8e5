package io.msmeatlas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract the gateway validates: any change here breaks every authenticated call. */
class AccessTokenTest extends AuthServiceTestSupport {

    @Test
    void the_access_token_is_an_rs256_jwt_with_kid_that_verifies_against_the_jwks_with_the_agreed_claims()
            throws Exception {
        String email = uniqueEmail("priya");
        String id = register(email, PASSWORD, "BUYER");
        String accessToken = tokens(email, PASSWORD).get("accessToken").asString();

        SignedJWT jwt = SignedJWT.parse(accessToken);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwks().getKeyByKeyId(jwt.getHeader().getKeyID())).isNotNull();

        JWTClaimsSet claims = verify(accessToken);
        assertThat(claims.getIssuer()).isEqualTo("msmeatlas-auth");
        assertThat(claims.getAudience()).containsExactly("msmeatlas");
        assertThat(claims.getSubject()).isEqualTo(id);
        assertThat(claims.getStringListClaim("roles")).containsExactly("BUYER");
        assertThat(claims.getStringClaim("name")).isEqualTo("Test User");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(claims.getClaims().keySet())
                .containsExactlyInAnyOrder("iss", "aud", "sub", "roles", "name", "iat", "exp", "jti");
    }

    @Test
    void the_jwks_publishes_only_public_signing_keys_with_kid_alg_and_use() throws Exception {
        List<JWK> keys = jwks().getKeys();
        assertThat(keys).isNotEmpty();
        for (JWK key : keys) {
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
            assertThat(key.isPrivate()).isFalse();
        }
    }

    @Test
    void a_refreshed_access_token_carries_the_roles_the_user_holds_now() throws Exception {
        String email = uniqueEmail("sunil");
        String id = register(email, PASSWORD, "SELLER");
        String refreshToken = tokens(email, PASSWORD).get("refreshToken").asString();
        jdbc.update("update users set roles = array_append(roles, 'ADMIN') where user_id = ?", id);

        String accessToken = read(refresh(refreshToken)).get("accessToken").asString();

        assertThat(verify(accessToken).getStringListClaim("roles")).containsExactly("SELLER", "ADMIN");
    }
}
