package io.msmeatlas.launcher;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/run-local.sh}: the whole platform on embedded infrastructure, until Ctrl-C or SIGTERM. */
@Command(name = "run-local", mixinStandardHelpOptions = true, subcommands = {KafkaBroker.class, ChaosRun.class},
        description = "Starts MSMEAtlas on this machine: embedded Kafka, PostgreSQL and Redis, one JVM per service.")
public final class LocalPlatform implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "${env:ATLAS_DATA_DIR:-.atlas-data}",
            description = "Kafka, PostgreSQL and projection data, and service logs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fresh", description = "Delete the data directory first and start empty.")
    boolean fresh;

    @Option(names = "--gateway-port", defaultValue = "${env:GATEWAY_PORT:-3000}")
    int gatewayPort;

    @Option(names = "--auth-port", defaultValue = "${env:AUTH_PORT:-3001}")
    int authPort;

    @Option(names = "--listings-port", defaultValue = "${env:LISTINGS_PORT:-3002}")
    int listingsPort;

    @Option(names = "--projections-port", defaultValue = "${env:PROJECTIONS_PORT:-3006}")
    int projectionsPort;

    @Option(names = "--valuation-port", defaultValue = "${env:VALUATION_PORT:-3003}")
    int valuationPort;

    @Option(names = "--matching-port", defaultValue = "${env:MATCHING_PORT:-3004}")
    int matchingPort;

    @Option(names = "--notifications-port", defaultValue = "${env:NOTIFICATIONS_PORT:-3005}")
    int notificationsPort;

    @Option(names = "--lag-exporter-port", defaultValue = "${env:LAG_EXPORTER_PORT:-3007}",
            description = "Consumer lag of every group for Prometheus (default: ${DEFAULT-VALUE}).")
    int lagExporterPort;

    @Option(names = "--kafka-port", defaultValue = "${env:KAFKA_PORT:-9092}")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "${env:KAFKA_CONTROLLER_PORT:-9093}")
    int kafkaControllerPort;

    @Option(names = "--postgres-port", defaultValue = "${env:POSTGRES_PORT:-5432}")
    int postgresPort;

    @Option(names = "--redis-port", defaultValue = "${env:REDIS_PORT:-6379}")
    int redisPort;

    @Option(names = "--heap", defaultValue = "128m", description = "Heap cap of each service JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--ready-timeout", defaultValue = "180", description = "Seconds to wait for every service to be healthy.")
    long readyTimeoutSeconds;

    @Option(names = "--rate-limit-exempt", defaultValue = "",
            description = "Client networks the gateway does not rate-limit, e.g. 127.0.0.1/32 for a load generator.")
    String rateLimitExempt;

    @Option(names = "--auto-approve",
            description = "Publish listings without admin review (moderation off), for a small deployment or a demo.")
    boolean autoApprove;

    @Option(names = "--tls",
            description = "TLS everywhere: a local CA made under the data directory; every service serves HTTPS only "
                    + "and reaches Kafka, PostgreSQL, Redis and its peers over TLS (docs/operations.md, TLS).")
    boolean tls;

    @Option(names = "--project-root", defaultValue = ".", description = "Where the service modules' target/ folders are.")
    Path projectRoot;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalPlatform()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        if (fresh) {
            deleteRecursively(dataDir);
        }
        PlatformConfig config = new PlatformConfig(projectRoot, dataDir, gatewayPort, authPort, listingsPort, projectionsPort,
                valuationPort, matchingPort, notificationsPort, kafkaPort, kafkaControllerPort, postgresPort, redisPort, heap, Duration.ofSeconds(readyTimeoutSeconds), rateLimitExempt,
                autoApprove, lagExporterPort, tls);
        Platform platform = new Platform(config, System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping MSMEAtlas...");
            platform.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "shutdown"));
        System.out.println("Starting MSMEAtlas (data in " + dataDir.toAbsolutePath() + ")");
        try {
            platform.start();
        } catch (RuntimeException e) {
            System.err.println("MSMEAtlas did not start: " + e.getMessage());
            return 1;
        }
        System.out.printf("MSMEAtlas ready on %s (in %.1f s). Ctrl-C stops everything.%n",
                platform.gatewayUrl(), (System.nanoTime() - started) / 1e9);
        if (tls) {
            System.out.println("Trust the local CA to call it: curl --cacert " + config.tlsFiles().caCertificate() + " "
                    + platform.gatewayUrl() + "/health");
        }
        stopped.await();
        return 0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
