package io.msmeatlas.launcher;

import java.nio.file.Path;
import java.time.Duration;

/** Where everything listens and lives. Defaults are the documented local ports. */
record PlatformConfig(
        Path projectRoot,
        Path dataDir,
        int gatewayPort,
        int listingsPort,
        int projectionsPort,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int redisPort,
        String serviceHeap,
        Duration readyTimeout) {

    static final String DATABASE = "msmeatlas";

    Path logDir() {
        return dataDir.resolve("logs");
    }
}
