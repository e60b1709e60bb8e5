package io.msmeatlas.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The auth service's key side: publishes public keys as a JWKS over HTTP, counts fetches, and signs
 * tokens with the matching private keys. One per test JVM, shared by every gateway under test.
 */
final class FakeJwks {

    static final String ISSUER = "msmeatlas-auth";
    static final String AUDIENCE = "msmeatlas";

    private static final FakeJwks SHARED = new FakeJwks();

    /** Published from the start; what valid tokens are signed with. */
    final RSAKey signingKey = rsaKey("rsa-1");

    private final HttpServer server;
    private final List<JWK> published = new CopyOnWriteArrayList<>(List.of(signingKey.toPublicJWK()));
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile int failWith;

    private FakeJwks() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks.json", this::serve);
        server.start();
    }

    static FakeJwks shared() {
        return SHARED;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    int fetches() {
        return fetches.get();
    }

    /** Adds a key's public half to the JWKS, as the auth service does before it signs with a new key. */
    void publish(JWK key) {
        published.add(key.toPublicJWK());
    }

    /** Answers fetches with this status and no keys; 0 restores normal answers. */
    void failWith(int status) {
        failWith = status;
    }

    /** A token for this user and roles, valid for five minutes, signed with {@link #signingKey}. */
    String token(String userId, String... roles) {
        return sign(signingKey, claims(userId, roles).build());
    }

    static JWTClaimsSet.Builder claims(String userId, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .claim("roles", List.of(roles))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** Signs with RS256 for an RSA key, ES256 for a P-256 key, naming the key in {@code kid}. */
    static String sign(JWK key, JWTClaimsSet claims) {
        try {
            JWSAlgorithm algorithm = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            fetches.incrementAndGet();
            int status = failWith;
            byte[] body = (status == 0 ? new JWKSet(published).toString() : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status == 0 ? 200 : status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
