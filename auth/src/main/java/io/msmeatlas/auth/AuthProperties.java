package io.msmeatlas.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param issuer the {@code iss} of every access token; the gateway checks it
 * @param audience the {@code aud} of every access token; the gateway checks it
 * @param bcryptStrength log2 of BCrypt's work factor (12 is about a quarter second per hash on one core)
 */
@ConfigurationProperties("atlas.auth")
public record AuthProperties(
        @DefaultValue("msmeatlas-auth") String issuer,
        @DefaultValue("msmeatlas") String audience,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("14d") Duration refreshTokenTtl,
        @DefaultValue("12") int bcryptStrength,
        @DefaultValue Signing signing,
        @DefaultValue BootstrapAdmin bootstrapAdmin,
        @DefaultValue Lockout lockout,
        @DefaultValue Redis redis) {

    /** @param privateKeyPem a PKCS#8 RSA private key; when blank, keys are generated and kept in PostgreSQL */
    public record Signing(String privateKeyPem) {

        public boolean fromEnvironment() {
            return privateKeyPem != null && !privateKeyPem.isBlank();
        }
    }

    /** The only way to get an ADMIN account: created (or promoted) at start-up when both are set. */
    public record BootstrapAdmin(String email, String password, @DefaultValue("Administrator") String displayName) {

        public boolean configured() {
            return email != null && !email.isBlank() && password != null && !password.isBlank();
        }
    }

    /**
     * @param trustedProxyHops how many proxies in front of this service append to {@code X-Forwarded-For}
     *     (1: the gateway); the client address is that many entries from the right. 0 ignores the header.
     */
    public record Lockout(
            @DefaultValue("5") int accountMaxFailures,
            @DefaultValue("20") int ipMaxFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration lockDuration,
            @DefaultValue("1") int trustedProxyHops) {
    }

    /**
     * @param url {@code redis://} or, for TLS, {@code rediss://}
     * @param sslBundle the SSL bundle whose CAs a {@code rediss://} server must be signed by; none: the JDK's
     */
    public record Redis(@DefaultValue("redis://localhost:6379") String url, @DefaultValue("1s") Duration timeout,
            String sslBundle) {
    }
}
