package io.msmeatlas.gateway;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The downstream services by name ({@code atlas.services.<name>: <base url>}). Routes refer to
 * these URLs from {@code application.yml}; health checks and direct probes cover every entry, so
 * adding a service is a configuration change.
 */
@ConfigurationProperties("atlas")
public record AtlasServices(Map<String, URI> services) {

    public AtlasServices {
        // Keeps the configured order, which is the order health reports list them in.
        services = services == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public Optional<URI> baseUrl(String name) {
        return Optional.ofNullable(services.get(name));
    }
}
