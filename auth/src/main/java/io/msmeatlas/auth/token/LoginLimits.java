package io.msmeatlas.auth.token;

import io.msmeatlas.auth.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * Failed logins, counted in Redis per account and per client address within a window; reaching
 * the limit locks the account (or address) for a while. Unknown emails are counted exactly like
 * known ones, so a lock tells nothing about whether an account exists. Any Redis failure
 * propagates: logins fail closed (503) rather than go uncounted.
 */
@Component
class LoginLimits {

    /** Counts one failure; at the limit, sets the lock and starts the count afresh. Returns 1 if it locked. */
    private static final String FAIL = """
            local failures = redis.call('incr', KEYS[1])
            if failures == 1 then redis.call('pexpire', KEYS[1], ARGV[2]) end
            if failures >= tonumber(ARGV[1]) then
              redis.call('set', KEYS[2], '1', 'PX', ARGV[3])
              redis.call('del', KEYS[1])
              return 1
            end
            return 0""";

    private final RedissonClient redis;
    private final AuthProperties.Lockout lockout;
    private final Clock clock;

    LoginLimits(RedissonClient redis, AuthProperties properties, Clock clock) {
        this.redis = redis;
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    void checkNotLocked(String email, String address) {
        long account = remainingMillis(lockKey(accountKey(email)));
        long ip = remainingMillis(lockKey(addressKey(address)));
        if (account > 0 || ip > 0) {
            Duration retryAfter = Duration.ofMillis(Math.max(account, ip));
            throw new LoginLocked(account >= ip ? "for this account" : "from this address", retryAfter,
                    clock.instant().plus(retryAfter));
        }
    }

    void recordFailure(String email, String address) {
        fail(accountKey(email), lockout.accountMaxFailures());
        fail(addressKey(address), lockout.ipMaxFailures());
    }

    /** Only the account's count: one good password must not clear the failures of a whole address. */
    void recordSuccess(String email) {
        redis.getBucket(failuresKey(accountKey(email)), StringCodec.INSTANCE).delete();
    }

    private void fail(String subject, int maxFailures) {
        redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, FAIL, RScript.ReturnType.LONG,
                List.of(failuresKey(subject), lockKey(subject)), String.valueOf(maxFailures),
                String.valueOf(lockout.window().toMillis()), String.valueOf(lockout.lockDuration().toMillis()));
    }

    private long remainingMillis(String key) {
        return redis.getBucket(key, StringCodec.INSTANCE).remainTimeToLive();
    }

    /** Emails are hashed so Redis holds no addresses. */
    private static String accountKey(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
            return "account:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String failuresKey(String subject) {
        return "auth:login-failures:" + subject;
    }

    private static String lockKey(String subject) {
        return "auth:login-lock:" + subject;
    }
}
