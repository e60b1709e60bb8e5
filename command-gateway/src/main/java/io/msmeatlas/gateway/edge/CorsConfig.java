package io.msmeatlas.gateway.edge;

import io.msmeatlas.gateway.ratelimit.RateLimitFilter;
import io.msmeatlas.gateway.requestid.RequestIdFilter;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Cross-origin access for the origins in {@code atlas.cors.allowed-origins} only; a cross-origin request
 * from any other origin is refused (403). Runs before rate limiting and authentication, so preflights
 * need no token and 401/429 answers still carry the CORS headers a browser needs to read them.
 * Tokens travel in {@code Authorization}, never cookies, so credentials stay off.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    CorsWebFilter corsWebFilter(EdgeProperties edge) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(edge.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        cors.addAllowedHeader(CorsConfiguration.ALL);
        // ETag and the consistency headers: a browser client needs them for If-Match and read-your-writes.
        cors.setExposedHeaders(List.of(RequestIdFilter.HEADER, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
                HttpHeaders.ETAG, "X-Consistency-Token", "X-Consistency",
                RateLimitFilter.LIMIT, RateLimitFilter.REMAINING, RateLimitFilter.RESET));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return new CorsWebFilter(source);
    }
}
