package io.msmeatlas.gateway.identity;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells services who is calling: {@code X-User-Id} is the verified token's {@code sub},
 * {@code X-User-Roles} its {@code roles}, comma-separated. Whatever a client sends under those names
 * is dropped first, so on a public route (no token) neither header reaches a service. So are the
 * headers services only send each other ({@code X-Projections-Partitions}, which asks a projections
 * instance for its raw share of a query).
 *
 * <p>Trust model: services are reachable only from the gateway (network policy), so they take these
 * headers as proven and make their own role and ownership decisions from them. A service exposed
 * any other way would believe a forged header.
 */
@Component
public class IdentityHeadersFilter implements GlobalFilter, Ordered {

    public static final String USER_ID = "X-User-Id";
    public static final String USER_ROLES = "X-User-Roles";
    public static final String ROLES_CLAIM = "roles";
    /** Between projections instances only: never from a client. */
    public static final String PROJECTIONS_PARTITIONS = "X-Projections-Partitions";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> ((JwtAuthenticationToken) principal).getToken())
                .map(jwt -> withIdentity(exchange, jwt))
                .switchIfEmpty(Mono.fromSupplier(() -> withIdentity(exchange, null)))
                .flatMap(chain::filter);
    }

    private static ServerWebExchange withIdentity(ServerWebExchange exchange, Jwt jwt) {
        return exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.remove(USER_ID);
                    headers.remove(USER_ROLES);
                    headers.remove(PROJECTIONS_PARTITIONS);
                    if (jwt != null) {
                        // The decoder has checked both claims' shape.
                        List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
                        headers.set(USER_ID, jwt.getSubject());
                        headers.set(USER_ROLES, roles == null ? "" : String.join(",", roles));
                    }
                }))
                .build();
    }

    @Override
    public int getOrder() {
        // Before every route filter, so no other filter ever sees a forged identity.
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
