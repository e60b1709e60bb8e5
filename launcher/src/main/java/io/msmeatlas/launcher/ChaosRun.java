package io.msmeatlas.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/chaos.sh}: drives thousands of listing commands through the gateway from several
 * clients while it kills the Kafka broker, kills the listings and the projections services, restarts
 * PostgreSQL and stops Redis, each at a random point of its slot, then checks every acknowledged
 * command against the event store, the topic and the read model ({@link ChaosCheck}). Writes a
 * report and exits non-zero on any lost or duplicated event, any read-model mismatch or any 5xx other
 * than a 503/504 while a dependency was down.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Fault-injection run: commands under load while Kafka, services, PostgreSQL and Redis fail.")
final class ChaosRun implements Callable<Integer> {

    @Option(names = "--commands", defaultValue = "10000", description = "Commands to send (default: ${DEFAULT-VALUE}).")
    int commands;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--fault-seconds", defaultValue = "10", description = "How long each fault lasts (default: ${DEFAULT-VALUE}).")
    int faultSeconds;

    @Option(names = "--seed", defaultValue = "20261205", description = "Random seed for commands and fault timing.")
    long seed;

    @Option(names = "--report-dir", defaultValue = "build/chaos", description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--project-root", defaultValue = ".", description = "Where the service modules' target/ folders are.")
    Path projectRoot;

    @Option(names = "--keep-data", description = "Keep the run's data directory (service logs, event store, Kafka log) to look into.")
    boolean keepData;

    /** One injected fault and how long the platform took to answer commands again after it was undone. */
    record Fault(String name, double injectedAtSeconds, double lastedSeconds, double healSeconds) {
    }

    /** The faults, in order; each gets an equal slot of the run and starts at a random point of it. */
    private enum Kind {
        KILL_KAFKA("kill -9 the Kafka broker, then start it"),
        KILL_LISTINGS("kill -9 the listings service, then start it"),
        KILL_PROJECTIONS("kill -9 the projections service, then start it"),
        RESTART_POSTGRES("restart PostgreSQL"),
        STOP_REDIS("stop Redis for a while, then start it");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("atlas-chaos");
        PlatformConfig config = PlatformConfig.onFreePorts(projectRoot.toAbsolutePath().normalize(), data, "127.0.0.1/32");
        Platform platform = new Platform(config, System.out::println);
        long startedAt = System.nanoTime();
        try {
            platform.start();
            Outcome outcome = runOn(platform);
            return outcome.passed() ? 0 : 1;
        } finally {
            platform.close();
            if (keepData) {
                System.out.println("Data and service logs kept in " + data);
            } else {
                deleteTree(data);
            }
        }
    }

    /** What a run found, and where its report is. */
    record Outcome(ChaosCheck.Result result, boolean quiet, List<Fault> faults, int commandsSent, Path report) {

        boolean passed() {
            return result.passed() && quiet;
        }
    }

    /**
     * The run against a started platform (the end-to-end tests run a short one on theirs). Every fault
     * is injected, at its point of the first {@code commands}, while the clients keep sending; they stop
     * once both the commands are sent and the last fault has healed. Each part is back when it returns.
     */
    Outcome runOn(Platform platform) throws Exception {
        long startedAt = System.nanoTime();
        ChaosClients clients = new ChaosClients(platform.gatewayUrl());
        String admin = clients.login(PlatformConfig.ADMIN_EMAIL, platform.adminPassword());
        List<Fault> faults = new ArrayList<>();
        AtomicBoolean faulting = new AtomicBoolean(true);
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            try {
                clients.run(this.clients, commands, faulting::get, admin, seed);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Random random = new Random(seed);
            Kind[] kinds = Kind.values();
            for (int i = 0; i < kinds.length && !load.isDone(); i++) {
                // Slot i covers commands (i + 1)/(n + 2) .. (i + 2)/(n + 2) of the run: none in the first or last.
                double slotStart = (i + 1.0) / (kinds.length + 2);
                double at = slotStart + random.nextDouble() * 0.5 / (kinds.length + 2);
                while (clients.sent() < at * commands && !load.isDone()) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                faults.add(inject(kinds[i], platform, admin, startedAt));
            }
        } finally {
            faulting.set(false);
        }
        load.get();
        double loadSeconds = (System.nanoTime() - startedAt) / 1e9;
        System.out.println("Load done; waiting for the outbox to drain and the read model to catch up...");
        ChaosCheck check = new ChaosCheck(platform.config(), platform.gatewayUrl(), platform.kafka().bootstrapServers());
        boolean quiet = check.awaitQuiet(Duration.ofMinutes(5), admin);
        ChaosCheck.Result result = check.check(clients.log(), admin);
        Path report = report(clients, faults, result, quiet, loadSeconds);
        System.out.println(Files.readString(report));
        System.out.println("Report: " + report.toAbsolutePath());
        return new Outcome(result, quiet, faults, clients.log().size(), report);
    }

    private Fault inject(Kind kind, Platform platform, String admin, long startedAt) throws Exception {
        double at = (System.nanoTime() - startedAt) / 1e9;
        System.out.printf("[%6.1f s] fault: %s%n", at, kind.description);
        long faultStart = System.nanoTime();
        switch (kind) {
            case KILL_KAFKA -> platform.kafka().kill();
            case KILL_LISTINGS -> platform.killService("listings");
            case KILL_PROJECTIONS -> platform.killService("projections");
            case RESTART_POSTGRES -> platform.restartPostgres();
            case STOP_REDIS -> platform.stopRedis();
        }
        if (kind != Kind.RESTART_POSTGRES) {
            TimeUnit.SECONDS.sleep(faultSeconds);
        }
        switch (kind) {
            case KILL_KAFKA -> platform.kafka().start();
            case KILL_LISTINGS -> platform.restart("listings");
            case KILL_PROJECTIONS -> platform.restart("projections");
            case STOP_REDIS -> platform.startRedis();
            default -> {
            }
        }
        double lasted = (System.nanoTime() - faultStart) / 1e9;
        long undone = System.nanoTime();
        awaitHealed(platform, admin);
        double heal = (System.nanoTime() - undone) / 1e9;
        System.out.printf("[%6.1f s] healed %.1f s after the fault was undone%n", (System.nanoTime() - startedAt) / 1e9, heal);
        return new Fault(kind.description, at, lasted, heal);
    }

    /** Healed: every service is up and a read through the gateway succeeds. */
    private void awaitHealed(Platform platform, String admin) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (status(platform.gatewayUrl() + "/health/all", null) == 200
                    && status(platform.gatewayUrl() + "/api/msme/listings?limit=1", admin) == 200) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("The platform did not heal within 5 minutes");
    }

    private int status(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private Path report(ChaosClients clients, List<Fault> faults, ChaosCheck.Result result, boolean quiet,
            double loadSeconds) throws IOException {
        Map<ChaosClients.Outcome, Integer> outcomes = new EnumMap<>(ChaosClients.Outcome.class);
        clients.log().forEach(c -> outcomes.merge(c.outcome(), 1, Integer::sum));
        StringBuilder md = new StringBuilder("# Chaos run\n\n");
        md.append(String.format("%d commands from %d clients in %.0f s (seed %d); %d faults, each about %d s.%n%n",
                clients.log().size(), this.clients, loadSeconds, seed, faults.size(), faultSeconds));
        md.append("## Verdict: ").append(result.passed() && quiet ? "PASSED" : "FAILED").append("\n\n");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("commands sent (incl. retries of creates)", clients.log().size());
        outcomes.forEach((outcome, count) -> figures.put("  " + outcome.name().toLowerCase().replace('_', ' '), count));
        figures.put("HTTP statuses", new java.util.TreeMap<>(clients.statuses()));
        figures.put("acknowledged commands that changed a listing", result.acknowledgedChanges());
        figures.put("listings", result.listings());
        figures.put("events in the event store", result.storedEvents());
        figures.put("records on " + ChaosCheck.TOPIC, result.topicRecords());
        figures.put("lost", result.lost());
        figures.put("duplicated on the topic", result.duplicated());
        figures.put("out of order on the topic", result.outOfOrder());
        figures.put("read-model mismatches", result.readModelMismatches());
        figures.put("valuations stored / listing versions valued twice", result.valuations() + " / "
                + result.duplicatedValuations());
        figures.put("notifications stored / duplicated", result.notifications() + " / " + result.duplicatedNotifications());
        figures.put("5xx other than 503/504", result.unexpectedFailures());
        figures.put("503 without Retry-After", result.refusalsWithoutRetryAfter());
        figures.put("outbox drained and read model caught up after the run", quiet);
        md.append("| figure | value |\n|---|---|\n");
        figures.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        md.append("\n## Faults\n\n| fault | at (s) | lasted (s) | healed after (s) |\n|---|---|---|---|\n");
        for (Fault fault : faults) {
            md.append(String.format("| %s | %.1f | %.1f | %.1f |%n", fault.name(), fault.injectedAtSeconds(),
                    fault.lastedSeconds(), fault.healSeconds()));
        }
        md.append("\nHealed = every service healthy and a search through the gateway answers 200, measured from the ")
                .append("moment the fault was undone.\n");
        if (!result.problems().isEmpty()) {
            md.append("\n## Discrepancies (first 100)\n\n");
            result.problems().stream().limit(100).forEach(problem -> md.append("- ").append(problem).append('\n'));
        }
        Files.createDirectories(reportDir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path report = reportDir.resolve("chaos-" + stamp + ".md");
        Files.writeString(report, md);
        Files.writeString(reportDir.resolve("chaos-latest.md"), md);
        return report;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind harms nothing.
        }
    }
}
