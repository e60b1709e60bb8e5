package io.msmeatlas.auth.token;

import com.nimbusds.jwt.JWTClaimsSet;
import io.msmeatlas.auth.AuthProperties;
import io.msmeatlas.auth.key.SigningKeys;
import io.msmeatlas.auth.user.UserAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Access tokens: RS256 JWTs with {@code kid}, {@code iss}, {@code aud}, {@code sub} (user id),
 * {@code roles} (array of role names), {@code name}, {@code iat}, {@code exp} and {@code jti}.
 * The gateway verifies exactly this, against the JWKS.
 */
@Component
class AccessTokens {

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final String audience;
    private final Duration ttl;

    AccessTokens(SigningKeys keys, Clock clock, AuthProperties properties) {
        this.keys = keys;
        this.clock = clock;
        this.issuer = properties.issuer();
        this.audience = properties.audience();
        this.ttl = properties.accessTokenTtl();
    }

    Duration ttl() {
        return ttl;
    }

    String issue(UserAccount user) {
        Instant now = clock.instant();
        return keys.sign(new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(user.id())
                .claim("roles", user.roles())
                .claim("name", user.displayName())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build());
    }
}
