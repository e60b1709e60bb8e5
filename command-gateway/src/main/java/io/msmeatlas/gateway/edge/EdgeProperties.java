package io.msmeatlas.gateway.edge;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what clients may send ({@code atlas.max-request-body}, {@code atlas.max-request-line},
 * {@code atlas.max-request-headers}, {@code atlas.cors.allowed-origins}); defaults are in {@code application.yml}.
 */
@ConfigurationProperties("atlas")
public record EdgeProperties(DataSize maxRequestBody, DataSize maxRequestLine, DataSize maxRequestHeaders, Cors cors) {

    public EdgeProperties {
        maxRequestLine = maxRequestLine == null ? DataSize.ofKilobytes(8) : maxRequestLine;
        maxRequestHeaders = maxRequestHeaders == null ? DataSize.ofKilobytes(16) : maxRequestHeaders;
        cors = cors == null ? new Cors(List.of()) : cors;
    }

    /** @param allowedOrigins exact origins (scheme://host[:port]) a browser may call from; empty = none */
    public record Cors(List<String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
        }
    }
}
