package io.msmeatlas.launcher;

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
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int redisPort,
        String serviceHeap,
        Duration readyTimeout,
        String rateLimitExemptCidrs,
        boolean autoApproveListings) {

    static final String DATABASE = "msmeatlas";
    static final String ADMIN_EMAIL = "admin@msmeatlas.local";

    Path logDir() {
        return dataDir.resolve("logs");
    }
}
