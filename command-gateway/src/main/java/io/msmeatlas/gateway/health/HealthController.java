package io.msmeatlas.gateway.health;

import io.msmeatlas.gateway.AtlasServices;
import io.msmeatlas.gateway.errors.DownstreamFailure;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's own health, the health of every configured service at once, and each service's
 * actuator health reached through the gateway.
 */
@RestController
class HealthController {

    private final AtlasServices services;
    private final DownstreamHealthClient client;
    private final String name;

    HealthController(AtlasServices services, DownstreamHealthClient client,
            @Value("${spring.application.name}") String name) {
        this.services = services;
        this.client = client;
        this.name = name;
    }

    @GetMapping("/health")
    GatewayHealth health() {
        return new GatewayHealth(ServiceHealth.UP, name);
    }

    @GetMapping("/health/all")
    Mono<ResponseEntity<PlatformHealth>> all() {
        return Flux.fromIterable(services.services().entrySet())
                // Sequential merge: probes run in parallel, results keep the configured order.
                .flatMapSequential(service -> client.check(service.getValue())
                        .map(health -> Map.entry(service.getKey(), health)))
                .collect(() -> initialReport(), (report, entry) -> report.put(entry.getKey(), entry.getValue()))
                .map(report -> {
                    boolean allUp = report.values().stream().allMatch(ServiceHealth::isUp);
                    PlatformHealth body = new PlatformHealth(allUp ? ServiceHealth.UP : ServiceHealth.DOWN, report);
                    return ResponseEntity.status(allUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
                });
    }

    @GetMapping("/direct/{service}/health")
    Mono<ResponseEntity<byte[]>> direct(@PathVariable String service) {
        URI baseUrl = services.baseUrl(service).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "Unknown service",
                "No service is called '" + service + "'. Known: " + String.join(", ", services.services().keySet())
                        + "."));
        return client.fetch(baseUrl).onErrorMap(error -> unreachable(service, error));
    }

    private Map<String, ServiceHealth> initialReport() {
        Map<String, ServiceHealth> report = new LinkedHashMap<>();
        report.put(name, ServiceHealth.up(0, null));
        return report;
    }

    private static ErrorResponseException unreachable(String service, Throwable error) {
        DownstreamFailure failure = DownstreamFailure.of(error);
        HttpStatus status = failure == DownstreamFailure.TIMEOUT ? HttpStatus.GATEWAY_TIMEOUT
                : HttpStatus.SERVICE_UNAVAILABLE;
        ErrorResponseException problem = problem(status, status.getReasonPhrase(),
                service + " did not answer its health check (" + failure.reason() + ").");
        problem.getBody().setProperty("service", service);
        return problem;
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return new ErrorResponseException(status, body, null);
    }

    record GatewayHealth(String status, String service) {
    }

    record PlatformHealth(String status, Map<String, ServiceHealth> services) {
    }
}
