package io.msmeatlas.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Browser hardening headers on every response, proxied or the gateway's own (errors, 401, 429 included).
 * Set at commit time so they replace whatever a service sent; the {@code Server} banner is dropped.
 * The API serves JSON only, so the CSP allows nothing; the Swagger UI pages may load their own scripts,
 * styles and images and fetch the API documents, from this origin only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SecurityHeadersFilter implements WebFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    // Swagger UI sets inline style attributes and uses data: URIs for its icons.
    static final String SWAGGER_UI_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            boolean swaggerUi = exchange.getRequest().getPath().value().startsWith("/swagger-ui");
            headers.set("Content-Security-Policy", swaggerUi ? SWAGGER_UI_POLICY : API_POLICY);
            headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.remove(HttpHeaders.SERVER);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
