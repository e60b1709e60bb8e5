package io.msmeatlas.gateway.errors;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import reactor.netty.http.client.PrematureCloseException;

/** Why a call to a downstream service failed, in the words clients and health reports use. */
public enum DownstreamFailure {

    CIRCUIT_OPEN("circuit open"),
    TIMEOUT("timeout"),
    CONNECTION_REFUSED("connection refused"),
    CONNECT_TIMEOUT("connect timeout"),
    UNKNOWN_HOST("unknown host"),
    CONNECTION_CLOSED("connection closed before the answer"),
    OTHER("unexpected error");

    private final String reason;

    DownstreamFailure(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** Classifies by the first recognised exception in the cause chain (Netty and Reactor wrap them). */
    public static DownstreamFailure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CallNotPermittedException) {
                return CIRCUIT_OPEN;
            }
            if (t instanceof TimeoutException) {
                return TIMEOUT;
            }
            // Before ConnectException, which Netty's connect timeout extends.
            if (t instanceof ConnectTimeoutException) {
                return CONNECT_TIMEOUT;
            }
            if (t instanceof ConnectException) {
                return CONNECTION_REFUSED;
            }
            if (t instanceof UnknownHostException) {
                return UNKNOWN_HOST;
            }
            // The service died or restarted mid-request (closed, or reset by the peer): a retry may well succeed.
            if (t instanceof PrematureCloseException || t instanceof IOException) {
                return CONNECTION_CLOSED;
            }
        }
        return OTHER;
    }
}
