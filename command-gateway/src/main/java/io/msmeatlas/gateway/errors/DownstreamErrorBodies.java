package io.msmeatlas.gateway.errors;

import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holds the edge to its contract: every error a client gets is {@code application/problem+json}.
 * Our services answer problems themselves, but a servlet container refusing a request it cannot
 * decode (an invalid percent-encoding, say) writes its own HTML error page; such a body is replaced
 * by a problem with the same status, so no server page or internal detail leaves the platform.
 */
@Component
class DownstreamErrorBodies implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        return chain.filter(exchange.mutate().response(new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                HttpStatusCode status = getStatusCode();
                if (status == null || !status.isError() || isProblem(getHeaders())) {
                    return super.writeWith(body);
                }
                byte[] problem = problemJson(status, exchange);
                getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                getHeaders().setContentLength(problem.length);
                getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
                return Flux.from(body).doOnNext(DataBufferUtils::release).then(
                        super.writeWith(Mono.just(bufferFactory().wrap(problem))));
            }
        }).build());
    }

    private static boolean isProblem(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        return type != null && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type);
    }

    private static byte[] problemJson(HttpStatusCode status, ServerWebExchange exchange) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status.is4xxClientError() ? "The service could not accept this request."
                : "The service failed to answer. Quote the X-Request-Id if you contact support.";
        String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + jsonString(exchange.getRequest().getPath().value())
                + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonString(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public int getOrder() {
        // Wraps the response before the filter that writes the proxied answer into it.
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }
}
