package io.msmeatlas.gateway.errors;

import io.msmeatlas.gateway.requestid.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers every error that escapes the handlers (filters, routing, the gateway itself) with an RFC
 * 9457 problem, ahead of Boot's default handler and its whitelabel JSON. Controller errors are
 * already problems ({@code spring.webflux.problemdetails.enabled}).
 */
@Component
@Order(-2)
class ProblemResponseExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponseExceptionHandler.class);

    private final ProblemResponseWriter writer;

    ProblemResponseExceptionHandler(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail problem;
        HttpHeaders headers = new HttpHeaders();
        if (error instanceof ErrorResponse response) {
            problem = response.getBody();
            headers.putAll(response.getHeaders());
        } else {
            RequestIdFilter.withRequestId(exchange, () -> log.error("Unhandled error for {} {}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error));
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                    "Something went wrong in the gateway. Quote the X-Request-Id if you contact support.");
        }
        return writer.write(exchange, problem, headers);
    }
}
