package io.msmeatlas.gateway.identity;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Services trust {@code X-User-Id} and {@code X-User-Roles} as set by the gateway, so whatever a
 * client sends under those names is dropped before routing.
 *
 * <p>JWT validation will live here: once a token is verified, this filter sets both headers from
 * its claims.
 */
@Component
public class IdentityHeadersFilter implements GlobalFilter, Ordered {

    public static final String USER_ID = "X-User-Id";
    public static final String USER_ROLES = "X-User-Roles";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerWebExchange stripped = exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.remove(USER_ID);
                    headers.remove(USER_ROLES);
                }))
                .build();
        return chain.filter(stripped);
    }

    @Override
    public int getOrder() {
        // Before every route filter, so no other filter ever sees a forged identity.
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
