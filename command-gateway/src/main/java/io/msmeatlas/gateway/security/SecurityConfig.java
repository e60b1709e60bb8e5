package io.msmeatlas.gateway.security;

import io.msmeatlas.gateway.errors.ProblemResponseWriter;
import io.msmeatlas.gateway.identity.IdentityHeadersFilter;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * A stateless OAuth2 resource server: every request outside {@link PublicRoutes} needs a valid access
 * token from the auth service. No sessions, CSRF (no cookies to ride on), form or basic login.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    // Both end up in request headers, so only plain values pass.
    /** About 2 KiB each: bounded well inside a 128 MiB heap. */
    private static final long VERIFIED_TOKENS_CACHED = 2_000;
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Pattern ROLE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            ProblemResponseWriter problems) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        ServerAuthenticationEntryPointFailureHandler failures = new ServerAuthenticationEntryPointFailureHandler(
                entryPoint);
        // By default a failure to check a token (JWKS unreachable) escapes as a 500.
        failures.setRethrowAuthenticationServiceException(false);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // SecurityHeadersFilter sets them on every response, including those written before this chain.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .matchers(PublicRoutes.MATCHER).permitAll()
                        .anyExchange().authenticated())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder))
                        .bearerTokenConverter(ignoringPublicRoutes(new ServerBearerTokenAuthenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .authenticationFailureHandler(failures))
                .build();
    }

    /**
     * Verifies RS256/ES256 signatures against the auth service's JWKS (cached; fetched again when a
     * token names an unknown {@code kid}, which is how key rotation reaches the gateway), then exp
     * (required), iss, aud, and the shape of sub and roles.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(AuthProperties auth, HttpClientSslConfigurer tls) {
        // An https:// JWKS URI is trusted as the routes' services are (spring.cloud.gateway...httpclient.ssl).
        HttpClient jwksClient = tls.configureSsl(HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) auth.jwksTimeout().toMillis())
                .responseTimeout(auth.jwksTimeout()));
        WebClient webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(jwksClient))
                .filter(new JwksRefetchThrottle(auth.jwksRefetchCooldown(), Clock.systemUTC()))
                .build();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(auth.jwksUri().toString())
                .jwsAlgorithms(algorithms -> {
                    algorithms.clear();
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .webClient(webClient)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(auth.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps,
                new JwtIssuerValidator(auth.issuer()),
                new JwtAudienceValidator(auth.audience()),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB,
                        sub -> sub instanceof String s && SUBJECT.matcher(s).matches()),
                new JwtClaimValidator<Object>(IdentityHeadersFilter.ROLES_CLAIM, SecurityConfig::validRoles)));
        // Nimbus reports keys it could not fetch as IllegalStateException, which Spring Security lets
        // escape as a 500; as a JwtException it becomes an authentication failure (401).
        ReactiveJwtDecoder checked = token -> decoder.decode(token).onErrorMap(error -> !(error instanceof JwtException),
                error -> new JwtException("Could not check the token: " + error.getMessage(), error));
        return new CachingJwtDecoder(checked, auth.clockSkew(), VERIFIED_TOKENS_CACHED, Clock.systemUTC());
    }

    /** Absent means no roles; present, it must be a list of role names. */
    private static boolean validRoles(Object roles) {
        return roles == null || roles instanceof List<?> list
                && list.stream().allMatch(role -> role instanceof String s && ROLE.matcher(s).matches());
    }

    /** A public call (say, a refresh sent with an expired access token attached) must not fail on that token. */
    private static ServerAuthenticationConverter ignoringPublicRoutes(ServerAuthenticationConverter bearer) {
        return exchange -> PublicRoutes.MATCHER.matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.empty() : bearer.convert(exchange));
    }
}
