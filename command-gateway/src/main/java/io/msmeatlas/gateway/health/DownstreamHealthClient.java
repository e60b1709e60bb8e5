package io.msmeatlas.gateway.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.msmeatlas.gateway.errors.DownstreamFailure;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Calls a service's {@code /actuator/health}, giving up after 2 s. */
@Component
class DownstreamHealthClient {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final WebClient webClient;

    /** https:// services are trusted as the routes' are (spring.cloud.gateway...httpclient.ssl). */
    DownstreamHealthClient(HttpClientSslConfigurer tls) {
        this.webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(tls.configureSsl(HttpClient.create())))
                .build();
    }

    /** The service's health as UP or DOWN with a reason; never fails. */
    Mono<ServiceHealth> check(URI baseUrl) {
        String url = baseUrl.toString();
        return get(baseUrl)
                .exchangeToMono(DownstreamHealthClient::whyNotUp)
                .timeout(TIMEOUT)
                .onErrorResume(error -> Mono.just(Optional.of(DownstreamFailure.of(error).reason())))
                .elapsed()
                .map(timed -> timed.getT2()
                        .map(reason -> ServiceHealth.down(timed.getT1(), url, reason))
                        .orElseGet(() -> ServiceHealth.up(timed.getT1(), url)));
    }

    /** The service's own health response, status and body as they are. */
    Mono<ResponseEntity<byte[]>> fetch(URI baseUrl) {
        return get(baseUrl)
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(body -> {
                            // Only the content type: framing headers belong to the other connection.
                            ResponseEntity.BodyBuilder entity = ResponseEntity.status(response.statusCode());
                            response.headers().contentType().ifPresent(entity::contentType);
                            return entity.body(body);
                        }))
                .timeout(TIMEOUT);
    }

    private WebClient.RequestHeadersSpec<?> get(URI baseUrl) {
        URI health = UriComponentsBuilder.fromUri(baseUrl).path("/actuator/health").build().toUri();
        return webClient.get().uri(health).accept(MediaType.APPLICATION_JSON);
    }

    /** Empty when the service answered UP, else the reason it is not. */
    private static Mono<Optional<String>> whyNotUp(ClientResponse response) {
        return response.bodyToMono(ActuatorHealth.class)
                .mapNotNull(ActuatorHealth::status)
                // A body that is not actuator JSON says nothing about health: judge by the status code.
                .onErrorResume(unreadable -> Mono.empty())
                .defaultIfEmpty("")
                .map(status -> {
                    if (response.statusCode().is2xxSuccessful() && ServiceHealth.UP.equals(status)) {
                        return Optional.empty();
                    }
                    String httpStatus = "HTTP " + response.statusCode().value();
                    return Optional.of(status.isEmpty() ? httpStatus : "reported " + status + " (" + httpStatus + ")");
                });
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ActuatorHealth(String status) {
    }
}
