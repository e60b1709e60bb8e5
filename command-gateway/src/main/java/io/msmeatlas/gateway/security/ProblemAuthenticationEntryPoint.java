package io.msmeatlas.gateway.security;

import io.msmeatlas.gateway.errors.ProblemResponseWriter;
import io.msmeatlas.gateway.requestid.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every authentication failure is a 401 problem. {@code WWW-Authenticate} follows RFC 6750 §3.1: a
 * request without a token gets a bare {@code Bearer} challenge, a bad token gets
 * {@code error="invalid_token"}. The reason stays in the log: telling a caller which check failed
 * only helps someone probing.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    private final ProblemResponseWriter writer;

    ProblemAuthenticationEntryPoint(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        // Raised by the authorization check for a request that brought no token; anything else came
        // from checking a token.
        boolean hadToken = !(failure instanceof AuthenticationCredentialsNotFoundException);
        if (failure instanceof AuthenticationServiceException) {
            // Not the client's fault (e.g. the JWKS cannot be fetched), but a token we cannot check is
            // not accepted either.
            RequestIdFilter.withRequestId(exchange, () -> log.warn("Could not validate an access token: {}",
                    failure.getMessage()));
        } else {
            RequestIdFilter.withRequestId(exchange, () -> log.debug("Rejected {} {}: {}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure.getMessage()));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, hadToken
                ? "The access token is not valid: it may be expired, malformed or issued for someone else."
                : "This request needs an access token: send Authorization: Bearer <token>.");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, hadToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        return writer.write(exchange, problem, headers);
    }
}
