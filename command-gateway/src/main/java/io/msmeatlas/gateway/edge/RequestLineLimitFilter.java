package io.msmeatlas.gateway.edge;

import io.msmeatlas.gateway.errors.ProblemResponseWriter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request line over {@code atlas.max-request-line} (414) and headers over
 * {@code atlas.max-request-headers} in all (431) with a problem, before anything else reads them.
 * Netty's own limits ({@code server.netty.max-initial-line-length}, {@code server.max-http-request-header-size})
 * are set higher, because Netty answers with a bare status and no body.
 */
@Component
@Order(-200)
class RequestLineLimitFilter implements WebFilter {

    private final ProblemResponseWriter problems;
    private final long maxLine;
    private final long maxHeaders;

    RequestLineLimitFilter(EdgeProperties edge, ProblemResponseWriter problems) {
        this.problems = problems;
        this.maxLine = edge.maxRequestLine().toBytes();
        this.maxHeaders = edge.maxRequestHeaders().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String uri = exchange.getRequest().getURI().getRawPath();
        String query = exchange.getRequest().getURI().getRawQuery();
        long line = uri.length() + (query == null ? 0 : query.length() + 1);
        if (line > maxLine) {
            return problems.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.URI_TOO_LONG,
                    "The request path and query are longer than " + maxLine + " characters."), new HttpHeaders());
        }
        long headers = 0;
        for (var header : exchange.getRequest().getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                headers += header.getKey().length() + value.length() + 4;
            }
        }
        if (headers > maxHeaders) {
            return problems.write(exchange, ProblemDetail.forStatusAndDetail(
                    HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "The request headers are larger than " + maxHeaders + " bytes."), new HttpHeaders());
        }
        return chain.filter(exchange);
    }
}
