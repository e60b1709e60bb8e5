package io.msmeatlas.launcher;

import io.msmeatlas.infra.Ports;
import io.msmeatlas.infra.TlsFiles;
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
        int lagExporterPort,
        boolean tls) {

    static final String DATABASE = "msmeatlas";
    static final String ADMIN_EMAIL = "admin@msmeatlas.local";

    /** Everything on free ports, as tests and tools that run beside a local platform need. */
    static PlatformConfig onFreePorts(Path projectRoot, Path dataDir, String rateLimitExemptCidrs) {
        return onFreePorts(projectRoot, dataDir, rateLimitExemptCidrs, false);
    }

    static PlatformConfig onFreePorts(Path projectRoot, Path dataDir, String rateLimitExemptCidrs, boolean tls) {
        return new PlatformConfig(projectRoot, dataDir, Ports.findFree(), Ports.findFree(), Ports.findFree(),
                Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree(),
                Ports.findFree(), Ports.findFree(), Ports.findFree(), "128m",
                Duration.ofSeconds(240), rateLimitExemptCidrs, false, Ports.findFree(), tls);
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    /** The local CA and the servers' identity of a TLS run, made at start under the data directory. */
    TlsFiles tlsFiles() {
        return new TlsFiles(dataDir.resolve("tls").toAbsolutePath());
    }

    /** {@code https} for a TLS run: every service serves it, and nothing else. */
    String scheme() {
        return tls ? "https" : "http";
    }

    String serviceUrl(int port) {
        return scheme() + "://localhost:" + port;
    }

    String jdbcUrl() {
        String url = "jdbc:postgresql://localhost:" + postgresPort + "/" + DATABASE;
        return tls ? url + "?sslmode=verify-full&sslrootcert=" + tlsFiles().caCertificate() : url;
    }
}
