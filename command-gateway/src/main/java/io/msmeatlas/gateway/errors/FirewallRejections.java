package io.msmeatlas.gateway.errors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses paths with encoded slashes, {@code ..}, {@code ;} or NUL
 * (traversal tricks) before any route sees them; its default answer is a bare 400. This one is a
 * problem like every other refusal, without echoing the path.
 */
@Component
class FirewallRejections implements ServerExchangeRejectedHandler {

    private final ProblemResponseWriter problems;

    FirewallRejections(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request path contains characters or segments that are not allowed.");
        problem.setTitle("Malformed request path");
        return problems.write(exchange, problem, new HttpHeaders());
    }
}
