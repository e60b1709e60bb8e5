package io.msmeatlas.launcher;

import io.msmeatlas.infra.Ports;
import java.nio.file.Path;
import java.time.Duration;

/** Where everything listens and lives. Defaults are the documented local ports. */
record PlatformConfig(
        Path projectRoot,
        Path dataDir,
        int gatewayPort,
        int authPort,
        int listingsPort,
        int projectionsPort,
        int valuationPort,
        int matchingPort,
        int notificationsPort,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int redisPort,
        String serviceHeap,
        Duration readyTimeout,
        String rateLimitExemptCidrs,
        boolean autoApproveListings,
        int lagExporterPort) {

    static final String DATABASE = "msmeatlas";
    static final String ADMIN_EMAIL = "admin@msmeatlas.local";

    /** Everything on free ports, as tests and tools that run beside a local platform need. */
    static PlatformConfig onFreePorts(Path projectRoot, Path dataDir, String rateLimitExemptCidrs) {
        return new PlatformConfig(projectRoot, dataDir, Ports.findFree(), Ports.findFree(), Ports.findFree(),
                Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree(),
                Ports.findFree(), Ports.findFree(), Ports.findFree(), "128m",
                Duration.ofSeconds(240), rateLimitExemptCidrs, false, Ports.findFree());
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + DATABASE;
    }
}
