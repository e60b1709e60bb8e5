package io.msmeatlas.launcher;

import io.msmeatlas.infra.EmbeddedPostgresServer;
import io.msmeatlas.infra.EmbeddedRedisServer;
import io.msmeatlas.infra.LocalCertificates;
import io.msmeatlas.infra.Ports;
import io.msmeatlas.infra.TlsFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The whole platform on one machine: Kafka in a JVM of its own, PostgreSQL and Redis as child
 * processes of this one (their data under the data directory), and every service in a JVM of its
 * own, started in parallel.
 */
final class Platform implements AutoCloseable {

    private final PlatformConfig config;
    private final Consumer<String> out;
    private final EmbeddedPostgresServer postgres;
    private final KafkaProcess kafka;
    private final EmbeddedRedisServer redis;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Set<String> only;
    private String adminPassword;

    Platform(PlatformConfig config, Consumer<String> out) {
        this(config, out, Set.of());
    }

    /** Only the named services (all when empty), for tests that need a few: each JVM costs start-up time. */
    Platform(PlatformConfig config, Consumer<String> out, Set<String> only) {
        this.config = config;
        this.out = out;
        this.only = Set.copyOf(only);
        TlsFiles tls = config.tls() ? config.tlsFiles() : null;
        this.postgres = new EmbeddedPostgresServer(config.dataDir().resolve("postgres"), config.postgresPort(),
                PlatformConfig.DATABASE, tls);
        this.kafka = new KafkaProcess(config.dataDir().resolve("kafka"), config.kafkaPort(),
                config.kafkaControllerPort(), config.logDir().resolve("kafka.log"), tls);
        this.redis = new EmbeddedRedisServer(config.redisPort(), tls);
    }

    /** Starts everything or, if any part fails, stops what did start and throws naming the part. */
    void start() {
        requirePortsFree();
        try {
            adminPassword = AdminPassword.loadOrCreate(config.dataDir());
            if (config.tls()) {
                // Made (or reused while valid) at run time, under the data directory: never in the repository.
                LocalCertificates.ensure(config.tlsFiles().directory());
            }
            startInfrastructure();
            startServices();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String adminPassword() {
        return adminPassword;
    }

    KafkaProcess kafka() {
        return kafka;
    }

    PlatformConfig config() {
        return config;
    }

    String gatewayUrl() {
        return config.serviceUrl(config.gatewayPort());
    }

    ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    void killService(String name) {
        service(name).kill();
    }

    /** A clean restart of PostgreSQL on the same port and data directory. */
    void restartPostgres() {
        postgres.stop();
        postgres.start();
    }

    void stopRedis() {
        redis.stop();
    }

    void startRedis() {
        redis.start();
    }

    /** Starts a stopped (or killed) service again with its original settings and waits until it is healthy. */
    synchronized ServiceProcess restart(String name) {
        ServiceProcess old = service(name);
        old.stop(Duration.ofSeconds(25));
        ServiceSpec spec = specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        ServiceProcess started = ServiceProcess.start(spec, config);
        services.set(services.indexOf(old), started);
        started.awaitHealthy(config.readyTimeout());
        return started;
    }

    @Override
    public void close() {
        // The edge first, so no new requests arrive while the rest drain, then the rest together.
        services.stream().filter(s -> s.name().equals("command-gateway"))
                .forEach(s -> s.stop(Duration.ofSeconds(25)));
        CompletableFuture.allOf(services.stream()
                .map(s -> CompletableFuture.runAsync(() -> s.stop(Duration.ofSeconds(25))))
                .toArray(CompletableFuture[]::new)).join();
        quietly(redis::stop);
        quietly(kafka::stop);
        quietly(postgres::stop);
    }

    private void requirePortsFree() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(config.kafkaPort(), "Kafka");
        ports.put(config.kafkaControllerPort(), "Kafka controller");
        ports.put(config.postgresPort(), "PostgreSQL");
        ports.put(config.redisPort(), "Redis");
        ports.put(config.authPort(), "auth");
        ports.put(config.listingsPort(), "listings");
        ports.put(config.projectionsPort(), "projections");
        ports.put(config.valuationPort(), "valuation");
        ports.put(config.matchingPort(), "matching");
        ports.put(config.notificationsPort(), "notifications");
        ports.put(config.lagExporterPort(), "lag-exporter");
        ports.put(config.gatewayPort(), "command-gateway");
        ports.forEach(Ports::requireFree);
    }

    private void startInfrastructure() {
        join(CompletableFuture.allOf(
                CompletableFuture.runAsync(postgres::start),
                CompletableFuture.runAsync(kafka::start),
                CompletableFuture.runAsync(redis::start)));
        out.accept("  Kafka       " + kafka.bootstrapServers() + (config.tls() ? "   (TLS only)" : "")
                + "   (topics: msme.<context>.events)");
        out.accept("  PostgreSQL  " + postgres.jdbcUrl() + "   (user postgres, trust auth on loopback)");
        out.accept("  Redis       " + redis.url());
        out.accept("  Data        " + config.dataDir().toAbsolutePath() + "   (logs in " + config.logDir() + ")");
        if (config.tls()) {
            out.accept("  TLS         local CA " + config.tlsFiles().caCertificate()
                    + "   (HTTPS only; Kafka, PostgreSQL and Redis over TLS)");
        }
        out.accept("  Admin       " + PlatformConfig.ADMIN_EMAIL + "   (password in "
                + AdminPassword.file(config.dataDir()) + ")");
        out.accept("  Moderation  " + (config.autoApproveListings()
                ? "off: submitted listings are published at once (--auto-approve)"
                : "on: the admin approves submitted listings (POST /api/msme/listings/{id}/approve)"));
    }

    private void startServices() {
        for (ServiceSpec spec : specs()) {
            services.add(ServiceProcess.start(spec, config));
        }
        join(CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(() -> {
                    service.awaitHealthy(config.readyTimeout());
                    out.accept("  " + pad(service.name()) + " " + config.serviceUrl(service.port()) + "   healthy");
                }))
                .toArray(CompletableFuture[]::new)));
    }

    List<ServiceSpec> specs() {
        return allSpecs().stream().filter(spec -> only.isEmpty() || only.contains(spec.name()))
                .map(spec -> config.tls() ? withTls(spec) : spec)
                .toList();
    }

    /**
     * The variables that switch TLS on in any service (docs/operations.md, TLS): HTTPS with the local
     * identity, the local CA trusted for peers, Redis and Kafka. PostgreSQL's TLS is in the JDBC URL,
     * Redis' in its {@code rediss://} URL and the peers' in their {@code https://} URLs.
     */
    private ServiceSpec withTls(ServiceSpec spec) {
        TlsFiles tls = config.tlsFiles();
        Map<String, String> environment = new LinkedHashMap<>(Map.of(
                "ATLAS_TLS_ENABLED", "true",
                "ATLAS_TLS_CERTIFICATE", "file:" + tls.certificate(),
                "ATLAS_TLS_PRIVATE_KEY", "file:" + tls.privateKey(),
                "ATLAS_TLS_CA", "file:" + tls.caCertificate(),
                "KAFKA_SECURITY_PROTOCOL", "SSL"));
        environment.putAll(spec.environment());
        return new ServiceSpec(spec.name(), spec.module(), spec.port(), Map.copyOf(environment));
    }

    private List<ServiceSpec> allSpecs() {
        String kafkaServers = "localhost:" + config.kafkaPort();
        String jdbcUrl = config.jdbcUrl();
        String redisUrl = redis.url();
        return List.of(
                new ServiceSpec("auth", "auth", config.authPort(), Map.of(
                        "DATABASE_URL", jdbcUrl,
                        "KAFKA_BOOTSTRAP_SERVERS", kafkaServers,
                        "REDIS_URL", redisUrl,
                        "AUTH_BOOTSTRAP_ADMIN_EMAIL", PlatformConfig.ADMIN_EMAIL,
                        "AUTH_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)),
                new ServiceSpec("listings", "listings", config.listingsPort(), Map.of(
                        "DATABASE_URL", jdbcUrl,
                        "KAFKA_BOOTSTRAP_SERVERS", kafkaServers,
                        "LISTINGS_AUTO_APPROVE", Boolean.toString(config.autoApproveListings()))),
                new ServiceSpec("projections", "projections", config.projectionsPort(), Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", kafkaServers,
                        "PROJECTIONS_STATE_DIR", config.dataDir().resolve("projections").toAbsolutePath().toString())),
                new ServiceSpec("valuation", "valuation", config.valuationPort(), Map.of(
                        "DATABASE_URL", jdbcUrl,
                        "KAFKA_BOOTSTRAP_SERVERS", kafkaServers)),
                new ServiceSpec("matching", "matching", config.matchingPort(), Map.of(
                        "DATABASE_URL", jdbcUrl,
                        "KAFKA_BOOTSTRAP_SERVERS", kafkaServers)),
                new ServiceSpec("notifications", "notifications", config.notificationsPort(), Map.of(
                        "DATABASE_URL", jdbcUrl,
                        "KAFKA_BOOTSTRAP_SERVERS", kafkaServers,
                        "REDIS_URL", redisUrl,
                        "PUBLIC_URL", config.serviceUrl(config.gatewayPort()))),
                // Consumer lag of every group, in offsets and seconds, for Prometheus (docs/operations.md).
                new ServiceSpec("lag-exporter", "lag-exporter", config.lagExporterPort(), Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", kafkaServers)),
                new ServiceSpec("command-gateway", "command-gateway", config.gatewayPort(), Map.of(
                        "AUTH_URL", config.serviceUrl(config.authPort()),
                        "LISTINGS_URL", config.serviceUrl(config.listingsPort()),
                        "PROJECTIONS_URL", config.serviceUrl(config.projectionsPort()),
                        "VALUATION_URL", config.serviceUrl(config.valuationPort()),
                        "MATCHING_URL", config.serviceUrl(config.matchingPort()),
                        "NOTIFICATIONS_URL", config.serviceUrl(config.notificationsPort()),
                        "REDIS_URL", redisUrl,
                        "RATE_LIMIT_EXEMPT_CIDRS", config.rateLimitExemptCidrs())));
    }

    private static void join(CompletableFuture<Void> all) {
        try {
            all.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static String pad(String name) {
        return String.format("%-15s", name);
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("While stopping: " + e.getMessage());
        }
    }
}
