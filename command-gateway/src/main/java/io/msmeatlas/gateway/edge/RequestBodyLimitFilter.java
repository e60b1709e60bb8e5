package io.msmeatlas.gateway.edge;

import io.msmeatlas.gateway.errors.ProblemResponseWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over {@code atlas.max-request-body} with 413. A declared Content-Length is
 * checked up front (HTTP framing guarantees the body is no longer). A chunked body is read into memory
 * up to the limit before it is forwarded: failing halfway through the proxied call would reach the
 * route's circuit breaker as a downstream failure. Runs after authentication, so only callers that
 * passed it get a body buffered.
 */
@Component
@Order(-99)
class RequestBodyLimitFilter implements WebFilter {

    private final ProblemResponseWriter problems;
    private final long maxBytes;

    RequestBodyLimitFilter(EdgeProperties edge, ProblemResponseWriter problems) {
        this.problems = problems;
        this.maxBytes = edge.maxRequestBody().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long declared = headers.getContentLength();
        if (declared > maxBytes) {
            return tooLarge(exchange);
        }
        if (declared >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE);
        return DataBufferUtils.join(exchange.getRequest().getBody(), limit)
                .map(buffer -> new Body(buffer, false))
                .defaultIfEmpty(new Body(null, false))
                // Only the join's own overflow: errors from the rest of the chain must not become 413s.
                .onErrorResume(DataBufferLimitException.class, overflow -> Mono.just(new Body(null, true)))
                .flatMap(body -> body.tooLarge() ? tooLarge(exchange) : forward(exchange, chain, body.buffer()));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the limit of " + maxBytes + " bytes.");
        return problems.write(exchange, problem, new HttpHeaders());
    }

    private static Mono<Void> forward(ServerWebExchange exchange, WebFilterChain chain, DataBuffer buffer) {
        if (buffer == null) {
            return chain.filter(exchange.mutate().request(withBody(exchange.getRequest(), Flux.empty())).build());
        }
        // Released here unless the proxied call took it (then Netty releases it once written).
        AtomicBoolean taken = new AtomicBoolean();
        Flux<DataBuffer> body = Flux.defer(() -> taken.compareAndSet(false, true) ? Flux.just(buffer) : Flux.empty());
        return chain.filter(exchange.mutate().request(withBody(exchange.getRequest(), body)).build())
                .doFinally(signal -> {
                    if (taken.compareAndSet(false, true)) {
                        DataBufferUtils.release(buffer);
                    }
                });
    }

    private static ServerHttpRequest withBody(ServerHttpRequest request, Flux<DataBuffer> body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return body;
            }
        };
    }

    /** A chunked body read whole; {@code buffer} is null for an empty one. */
    private record Body(DataBuffer buffer, boolean tooLarge) {
    }
}
