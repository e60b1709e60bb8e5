package io.msmeatlas.gateway.ratelimit;

import java.time.Duration;

/**
 * Whether a request may pass. {@code remaining} is -1 when not known (Redis would need a second round
 * trip to tell); {@code reset} is when the budget is whole again at the latest.
 */
record Decision(boolean allowed, long limit, long remaining, Duration reset) {

    static Decision allowed(Quota quota, long remaining) {
        return new Decision(true, quota.limit(), remaining, quota.period());
    }

    static Decision rejected(Quota quota) {
        return new Decision(false, quota.limit(), 0, quota.period());
    }
}
