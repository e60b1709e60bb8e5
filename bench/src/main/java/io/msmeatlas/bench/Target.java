package io.msmeatlas.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where the platform under test listens. */
record Target(String gatewayUrl, String authUrl, String listingsUrl, String projectionsUrl,
        String kafkaBootstrap, String jdbcUrl) {

    /** Each service's base URL, for /actuator/prometheus. */
    Map<String, String> services() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("command-gateway", gatewayUrl);
        services.put("auth", authUrl);
        services.put("listings", listingsUrl);
        services.put("projections", projectionsUrl);
        return services;
    }
}
