package io.msmeatlas.auth.token;

import java.time.Duration;
import java.time.Instant;

/** Too many failed logins for the account or from the address: refused until {@code lockedUntil}. */
class LoginLocked extends RuntimeException {

    private final Duration retryAfter;
    private final Instant lockedUntil;

    LoginLocked(String what, Duration retryAfter, Instant lockedUntil) {
        super("Too many failed logins " + what + ". Try again after " + lockedUntil + ".");
        this.retryAfter = retryAfter;
        this.lockedUntil = lockedUntil;
    }

    /** Whole seconds, rounded up, as Retry-After wants them. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    Instant lockedUntil() {
        return lockedUntil;
    }
}
