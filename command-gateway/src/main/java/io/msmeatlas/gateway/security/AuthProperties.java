package io.msmeatlas.gateway.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How access tokens are checked ({@code atlas.auth.*}); defaults are in {@code application.yml}.
 *
 * @param jwksUri the auth service's public keys
 * @param issuer required {@code iss}
 * @param audience required in {@code aud}
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param jwksTimeout limit on one JWKS fetch
 * @param jwksRefetchCooldown least time between two JWKS fetches, so tokens with made-up key ids
 *     cannot turn the gateway into a flood of fetches against the auth service
 */
@ConfigurationProperties("atlas.auth")
public record AuthProperties(URI jwksUri, String issuer, String audience, Duration clockSkew,
        Duration jwksTimeout, Duration jwksRefetchCooldown) {
}
