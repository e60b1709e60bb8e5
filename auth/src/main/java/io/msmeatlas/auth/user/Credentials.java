package io.msmeatlas.auth.user;

import io.msmeatlas.auth.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.stereotype.Component;

/**
 * Password hashes, kept in {@code credentials} and nowhere else (never in an event).
 *
 * <p>BCrypt rather than Argon2id: Argon2id is only stronger with a large memory cost (OWASP: 19 MiB
 * or more per hash), and a handful of concurrent logins would take most of this service's 128 MiB
 * heap; BCrypt's cost is CPU time with 4 KiB of memory. BCrypt reads at most 72 bytes, and a
 * 128-character password can be 512, so the password is first reduced to HMAC-SHA256 keyed with the
 * BCrypt salt (scheme {@value #SCHEME}, as passlib's bcrypt_sha256): every character counts, and a
 * plain SHA-256 leaked elsewhere cannot be tried against these hashes.
 */
@Component
public class Credentials {

    static final String SCHEME = "bcrypt-hmac-sha256";
    /** "$2b$" + two-digit cost + "$" + 22 characters of salt. */
    private static final int SALT_LENGTH = 29;

    private final JdbcTemplate jdbc;
    private final SecureRandom random;
    private final Clock clock;
    private final int strength;
    /** Checked when the email is unknown, so an unknown email takes as long as a wrong password. */
    private final String decoy;

    Credentials(JdbcTemplate jdbc, SecureRandom random, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.random = random;
        this.clock = clock;
        this.strength = properties.bcryptStrength();
        byte[] noPassword = new byte[16];
        random.nextBytes(noPassword);
        this.decoy = hash(Base64.getEncoder().encodeToString(noPassword));
    }

    /** Slow on purpose: call it before opening a transaction. */
    String hash(String password) {
        String salt = BCrypt.gensalt("$2b", strength, random);
        return BCrypt.hashpw(prehash(password, salt), salt);
    }

    boolean matches(String password, String hash) {
        return BCrypt.checkpw(prehash(password, hash.substring(0, SALT_LENGTH)), hash);
    }

    void store(String userId, String hash) {
        jdbc.update("insert into credentials (user_id, password_hash, scheme, updated_at) values (?, ?, ?, ?)",
                userId, hash, SCHEME, Timestamp.from(clock.instant()));
    }

    /** The id of the user with this email and password; empty for a wrong password or an unknown email alike. */
    public Optional<String> verify(String normalizedEmail, String password) {
        Optional<Stored> stored = jdbc.query("""
                select c.user_id, c.password_hash from user_emails e join credentials c on c.user_id = e.user_id
                 where e.email = ?""",
                (rs, row) -> new Stored(rs.getString(1), rs.getString(2)), normalizedEmail).stream().findFirst();
        if (stored.isEmpty()) {
            matches(password, decoy);
            return Optional.empty();
        }
        return matches(password, stored.get().hash()) ? Optional.of(stored.get().userId()) : Optional.empty();
    }

    Optional<String> userIdFor(String normalizedEmail) {
        return jdbc.query("select user_id from user_emails where email = ?", (rs, row) -> rs.getString(1),
                normalizedEmail).stream().findFirst();
    }

    boolean matchesUser(String userId, String password) {
        return jdbc.query("select password_hash from credentials where user_id = ?", (rs, row) -> rs.getString(1),
                userId).stream().findFirst().map(hash -> matches(password, hash)).orElse(false);
    }

    private static String prehash(String password, String salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            // Base64 keeps the input printable: BCrypt implementations stop at a NUL byte.
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private record Stored(String userId, String hash) {
    }
}
