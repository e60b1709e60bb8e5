package io.msmeatlas.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.msmeatlas.auth.AuthProperties;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 keys that sign access tokens, kept in {@code signing_keys}. Exactly one is active (not
 * retired); its kid is the RFC 7638 thumbprint, so every instance names a key alike.
 *
 * <p>With {@code AUTH_SIGNING_KEY_PEM} set, that key is used and only its public half is stored:
 * deploying a new PEM retires the previous key. Without it (local runs) a key is generated at the
 * first start and kept, private half included, so tokens outlive a restart. A rotation generates a
 * new key; a retired key's private half is erased, and its public half stays in the JWKS for the
 * access-token lifetime plus a minute of clock skew, so tokens it signed keep verifying.
 */
@Component
public class SigningKeys implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** Serialises start-up and rotation across instances; "authkeys" in ASCII. */
    private static final long LOCK_KEY = 0x617574686b657973L;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final int KEY_BITS = 2048;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration publishRetiredFor;
    private final RSAKey configured;
    private final AtomicReference<RSAKey> current = new AtomicReference<>();

    SigningKeys(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, SecureRandom random,
            AuthProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.random = random;
        this.publishRetiredFor = properties.accessTokenTtl().plus(CLOCK_SKEW);
        this.configured = properties.signing().fromEnvironment() ? fromPem(properties.signing().privateKeyPem()) : null;
    }

    @Override
    public void afterPropertiesSet() {
        transaction.executeWithoutResult(status -> {
            lock();
            if (configured != null && !exists(configured.getKeyID())) {
                retireActive();
                insert(configured.getKeyID(), null, configured.toPublicJWK());
                log.info("Signing key {} from AUTH_SIGNING_KEY_PEM is now active", configured.getKeyID());
            }
            if (active().flatMap(this::privateKey).isEmpty()) {
                RSAKey generated = generate();
                retireActive();
                insert(generated.getKeyID(), generated.toJSONString(), generated.toPublicJWK());
                log.info("Generated signing key {} (none usable was configured or stored)", generated.getKeyID());
            }
        });
    }

    /** Signs with the active key, whose kid names it in the header. */
    public String sign(JWTClaimsSet claims) {
        RSAKey key = activeKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with key " + key.getKeyID(), e);
        }
        return jwt.serialize();
    }

    /** The active key and every key retired too recently for the tokens it signed to have expired. */
    JWKSet published() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(publishRetiredFor));
        List<JWK> keys = new ArrayList<>();
        jdbc.query("select public_jwk from signing_keys where retired_at is null or retired_at > ? order by created_at desc",
                (RowCallbackHandler) rs -> keys.add(parse(rs.getString(1))), cutoff);
        return new JWKSet(keys);
    }

    /** Makes a new key active and returns its kid. */
    String rotate() {
        RSAKey generated = generate();
        transaction.executeWithoutResult(status -> {
            lock();
            retireActive();
            insert(generated.getKeyID(), generated.toJSONString(), generated.toPublicJWK());
        });
        log.info("Signing keys rotated; {} is now active", generated.getKeyID());
        return generated.getKeyID();
    }

    /** Re-read on each use (one indexed row), so a rotation on another instance takes effect at once. */
    private RSAKey activeKey() {
        StoredKey active = active().orElseThrow(() -> new IllegalStateException("No active signing key"));
        RSAKey cached = current.get();
        if (cached != null && cached.getKeyID().equals(active.kid())) {
            return cached;
        }
        RSAKey key = privateKey(active).orElseThrow(() ->
                new IllegalStateException("The private half of signing key " + active.kid() + " is not available"));
        current.set(key);
        return key;
    }

    private Optional<StoredKey> active() {
        return jdbc.query("""
                select kid, private_key from signing_keys where retired_at is null
                 order by created_at desc limit 1""",
                (rs, row) -> new StoredKey(rs.getString(1), rs.getString(2))).stream().findFirst();
    }

    private Optional<RSAKey> privateKey(StoredKey key) {
        if (key.privateJwk() != null) {
            return Optional.of((RSAKey) parse(key.privateJwk()));
        }
        return configured != null && configured.getKeyID().equals(key.kid()) ? Optional.of(configured) : Optional.empty();
    }

    private boolean exists(String kid) {
        return !jdbc.queryForList("select 1 from signing_keys where kid = ?", Integer.class, kid).isEmpty();
    }

    private void lock() {
        jdbc.query("select pg_advisory_xact_lock(?)", (RowCallbackHandler) rs -> { }, LOCK_KEY);
    }

    /** A retired key never signs again, so its private half is erased. */
    private void retireActive() {
        jdbc.update("update signing_keys set retired_at = ?, private_key = null where retired_at is null",
                Timestamp.from(clock.instant()));
    }

    private void insert(String kid, String privateJwk, JWK publicJwk) {
        jdbc.update("insert into signing_keys (kid, private_key, public_jwk, created_at) values (?, ?, ?, ?)",
                kid, privateJwk, publicJwk.toJSONString(), Timestamp.from(clock.instant()));
    }

    private RSAKey generate() {
        try {
            return new RSAKeyGenerator(KEY_BITS).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true).secureRandom(random).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("Unreadable signing key in signing_keys", e);
        }
    }

    /** A PKCS#8 RSA private key ({@code BEGIN PRIVATE KEY}); literal "\n" sequences are accepted for env vars. */
    static RSAKey fromPem(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException("AUTH_SIGNING_KEY_PEM must be PKCS#8 (BEGIN PRIVATE KEY); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        String base64 = pem.replace("\\n", "\n").replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (privateKey.getModulus().bitLength() < KEY_BITS) {
                throw new IllegalStateException("AUTH_SIGNING_KEY_PEM must be an RSA key of at least " + KEY_BITS + " bits");
            }
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
            throw new IllegalStateException("AUTH_SIGNING_KEY_PEM is not a PKCS#8 RSA private key", e);
        }
    }

    private record StoredKey(String kid, String privateJwk) {
    }
}
