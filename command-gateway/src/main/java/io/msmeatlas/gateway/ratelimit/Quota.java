package io.msmeatlas.gateway.ratelimit;

import java.time.Duration;

/** The budget that applies to a request: {@code limit} requests per sliding {@code period}. */
record Quota(String policy, long limit, Duration period) {

    /** One budget per policy, limit and client, so a changed limit starts a fresh count. */
    String key(String client) {
        return "rl:" + policy + ":" + limit + "/" + period.toMillis() + "ms:" + client;
    }
}
