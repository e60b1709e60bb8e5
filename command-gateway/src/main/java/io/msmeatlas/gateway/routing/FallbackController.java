package io.msmeatlas.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.msmeatlas.gateway.errors.DownstreamFailure;
import io.msmeatlas.gateway.requestid.RequestIdFilter;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Where a route's {@code CircuitBreaker} filter forwards a failed call: turns the failure into a
 * problem response. A timeout is a 504; an open circuit, a refused or unreachable service a 503.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private final CircuitBreakerRegistry circuitBreakers;

    FallbackController(CircuitBreakerRegistry circuitBreakers) {
        this.circuitBreakers = circuitBreakers;
    }

    @RequestMapping("/fallback/{service}")
    ResponseEntity<ProblemDetail> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable error = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (error == null) {
            // Only reachable by forwarding from a route; a direct call is just an unknown path.
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatus(HttpStatus.NOT_FOUND));
        }
        DownstreamFailure failure = DownstreamFailure.of(error);
        RequestIdFilter.withRequestId(exchange, () -> log.warn("Call to {} failed: {} ({})", service,
                failure.reason(), error.toString()));

        ProblemDetail problem = switch (failure) {
            case CIRCUIT_OPEN -> ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    service + " is failing, so calls to it are suspended for a while.");
            case TIMEOUT -> ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT,
                    service + " did not answer in time.");
            case CONNECTION_REFUSED, CONNECT_TIMEOUT, UNKNOWN_HOST -> ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE, service + " is unreachable (" + failure.reason() + ").");
            case CONNECTION_CLOSED -> ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    service + " closed the connection before answering; the request may or may not have been "
                            + "carried out (a create with the same Idempotency-Key is safe to retry).");
            case OTHER -> ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                    service + " failed to give a valid response.");
        };
        problem.setProperty("service", service);
        problem.setInstance(clientPath(exchange));

        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
        if (failure == DownstreamFailure.CIRCUIT_OPEN) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(service)));
        } else if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            // Restarting or briefly unreachable: say when to try again rather than leave the client guessing.
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.body(problem);
    }

    /** The breaker's configured open-state wait: the earliest a retry can get through. */
    private long retryAfterSeconds(String service) {
        Duration wait = circuitBreakers.find(service)
                .map(CircuitBreaker::getCircuitBreakerConfig)
                .map(config -> Duration.ofMillis(config.getWaitIntervalFunctionInOpenState().apply(1)))
                .orElse(Duration.ofSeconds(1));
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /**
     * The path the client called. The forward to this controller replaced the request's path, but
     * the underlying Netty request keeps the original; without this Spring would use the fallback's.
     */
    private static URI clientPath(ServerWebExchange exchange) {
        try {
            Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
            return nativeRequest instanceof HttpServerRequest original
                    ? URI.create(URI.create(original.uri()).getRawPath())
                    : null;
        } catch (IllegalArgumentException notAvailable) {
            // No native request or an unparseable URI: the problem is complete without an instance.
            return null;
        }
    }
}
