package io.msmeatlas.gateway.security;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/** The only requests that need no access token; everything else does. */
final class PublicRoutes {

    static final ServerWebExchangeMatcher MATCHER = new OrServerWebExchangeMatcher(
            pathMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh"),
            pathMatchers(HttpMethod.GET, "/api/auth/.well-known/jwks.json",
                    "/health", "/health/all", "/direct/*/health",
                    "/actuator/health/**", "/actuator/prometheus",
                    // The API documentation: each service's OpenAPI document and the Swagger UI over them.
                    "/v3/api-docs/*", "/swagger-ui.html", "/swagger-ui/**"));

    private PublicRoutes() {
    }
}
