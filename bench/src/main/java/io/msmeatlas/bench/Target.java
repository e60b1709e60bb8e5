package io.msmeatlas.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where the platform under test listens. */
record Target(String gatewayUrl, String authUrl, String listingsUrl, String projectionsUrl,
        String kafkaBootstrap, String jdbcUrl, Map<String, String> otherServices) {

    /** Each service's base URL, for /actuator/prometheus (the scenarios' four, then valuation, matching, ...). */
    Map<String, String> services() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("command-gateway", gatewayUrl);
        services.put("auth", authUrl);
        services.put("listings", listingsUrl);
        services.put("projections", projectionsUrl);
        services.putAll(otherServices);
        return services;
    }

    /** The services no scenario calls, sampled for P5 all the same. */
    static Map<String, String> others(String valuation, String matching, String notifications, String lagExporter) {
        Map<String, String> others = new LinkedHashMap<>();
        others.put("valuation", valuation);
        others.put("matching", matching);
        others.put("notifications", notifications);
        others.put("lag-exporter", lagExporter);
        return others;
    }
}
