package io.msmeatlas.gateway.health;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One service's line in {@code /health/all}; {@code reason} says why it is not UP. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ServiceHealth(String status, long latencyMs, String url, String reason) {

    static final String UP = "UP";
    static final String DOWN = "DOWN";

    static ServiceHealth up(long latencyMs, String url) {
        return new ServiceHealth(UP, latencyMs, url, null);
    }

    static ServiceHealth down(long latencyMs, String url, String reason) {
        return new ServiceHealth(DOWN, latencyMs, url, reason);
    }

    boolean isUp() {
        return UP.equals(status);
    }
}
