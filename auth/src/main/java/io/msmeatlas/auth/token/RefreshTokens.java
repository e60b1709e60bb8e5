package io.msmeatlas.auth.token;

import io.msmeatlas.auth.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens in Redis, keyed by the SHA-256 of the token (Redis never holds a usable
 * token). Each login starts a family; every refresh marks the presented token used and issues its
 * successor in the same family. Presenting a used token again means it was copied: the whole family
 * is revoked, so the thief's and the owner's newest tokens both stop working. A family stays alive
 * as long as it is used within the refresh-token lifetime.
 */
@Component
class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    private static final int TOKEN_BYTES = 32;

    /** KEYS: token, family. ARGV: user, family id, ttl ms. */
    private static final String START = """
            redis.call('set', KEYS[2], ARGV[1], 'PX', ARGV[3])
            redis.call('hset', KEYS[1], 'user', ARGV[1], 'family', ARGV[2], 'used', '0')
            redis.call('pexpire', KEYS[1], ARGV[3])
            return 'STARTED'""";

    /** KEYS: presented token, its family, successor. ARGV: user, family id, ttl ms. Atomic, so one use wins. */
    private static final String ROTATE = """
            local used = redis.call('hget', KEYS[1], 'used')
            if not used then return 'UNKNOWN' end
            if used == '1' then
              redis.call('del', KEYS[2])
              return 'REUSED'
            end
            if redis.call('exists', KEYS[2]) == 0 then return 'REVOKED' end
            redis.call('hset', KEYS[1], 'used', '1')
            redis.call('hset', KEYS[3], 'user', ARGV[1], 'family', ARGV[2], 'used', '0')
            redis.call('pexpire', KEYS[3], ARGV[3])
            redis.call('pexpire', KEYS[2], ARGV[3])
            return 'ROTATED'""";

    private final RedissonClient redis;
    private final SecureRandom random;
    private final Duration ttl;

    RefreshTokens(RedissonClient redis, SecureRandom random, AuthProperties properties) {
        this.redis = redis;
        this.random = random;
        this.ttl = properties.refreshTokenTtl();
    }

    Duration ttl() {
        return ttl;
    }

    /** A new family for a fresh login; returns its first token. */
    String startFamily(String userId) {
        String token = newToken();
        String familyId = UUID.randomUUID().toString();
        eval(START, List.of(tokenKey(token), familyKey(familyId)), userId, familyId);
        return token;
    }

    Optional<Presented> find(String token) {
        Map<String, String> fields = redis.<String, String>getMap(tokenKey(token), StringCodec.INSTANCE).readAllMap();
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Presented(tokenKey(token), fields.get("user"), fields.get("family")));
    }

    /** The successor of the presented token, or empty if it was unknown, already used (family revoked) or revoked. */
    Optional<String> rotate(Presented presented) {
        String next = newToken();
        String outcome = eval(ROTATE, List.of(presented.key(), familyKey(presented.familyId()), tokenKey(next)),
                presented.userId(), presented.familyId());
        if ("REUSED".equals(outcome)) {
            log.warn("A used refresh token was presented again; family {} of user {} revoked",
                    presented.familyId(), presented.userId());
        }
        return "ROTATED".equals(outcome) ? Optional.of(next) : Optional.empty();
    }

    void revokeFamily(String token) {
        find(token).ifPresent(presented -> redis.getBucket(familyKey(presented.familyId()), StringCodec.INSTANCE)
                .delete());
    }

    private String eval(String script, List<Object> keys, String userId, String familyId) {
        return redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, script, RScript.ReturnType.STRING,
                keys, userId, familyId, String.valueOf(ttl.toMillis()));
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String tokenKey(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "auth:refresh-token:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String familyKey(String familyId) {
        return "auth:refresh-family:" + familyId;
    }

    /** A stored token as presented: where it is and whose it is. */
    record Presented(String key, String userId, String familyId) {
    }
}
