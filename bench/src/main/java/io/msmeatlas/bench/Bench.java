package io.msmeatlas.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/bench.sh}: starts the platform (or targets a running one), runs P1–P5 and S1 after a
 * warm-up each, and writes the results to {@code bench/results/}. Every figure is a ratio to a baseline
 * measured in the same run, so a noisy shared machine moves both sides alike.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {SearchBench.class, MatchBench.class},
        description = "Benchmarks MSMEAtlas against same-run baselines (issue 9) and writes bench/results/latest.md|json.")
public final class Bench implements Callable<Integer> {

    @Option(names = "--quick", description = "Small sizes: the whole run in well under 10 minutes.")
    boolean quick;

    @Option(names = "--url", description = "Benchmark a running platform at this gateway URL instead of starting one. "
            + "Its gateway must exempt this machine from the rate limit (run-local.sh --rate-limit-exempt 127.0.0.1/32).")
    String url;

    @Option(names = "--auth-url", defaultValue = "http://localhost:3001", description = "With --url (default: ${DEFAULT-VALUE}).")
    String authUrl;

    @Option(names = "--listings-url", defaultValue = "http://localhost:3002", description = "With --url (default: ${DEFAULT-VALUE}).")
    String listingsUrl;

    @Option(names = "--projections-url", defaultValue = "http://localhost:3006", description = "With --url (default: ${DEFAULT-VALUE}).")
    String projectionsUrl;

    @Option(names = "--valuation-url", defaultValue = "http://localhost:3003", description = "With --url, for P5 (default: ${DEFAULT-VALUE}).")
    String valuationUrl;

    @Option(names = "--matching-url", defaultValue = "http://localhost:3004", description = "With --url, for P5 (default: ${DEFAULT-VALUE}).")
    String matchingUrl;

    @Option(names = "--notifications-url", defaultValue = "http://localhost:3005", description = "With --url, for P5 (default: ${DEFAULT-VALUE}).")
    String notificationsUrl;

    @Option(names = "--lag-exporter-url", defaultValue = "http://localhost:3007", description = "With --url, for P5 (default: ${DEFAULT-VALUE}).")
    String lagExporterUrl;

    @Option(names = "--kafka", defaultValue = "localhost:9092", description = "With --url: Kafka bootstrap (default: ${DEFAULT-VALUE}).")
    String kafka;

    @Option(names = "--jdbc-url", defaultValue = "jdbc:postgresql://localhost:5432/msmeatlas",
            description = "With --url: the platform's PostgreSQL, user postgres (default: ${DEFAULT-VALUE}).")
    String jdbcUrl;

    @Option(names = "--project-root", defaultValue = ".", description = "The checkout (for the launcher and service jars).")
    Path projectRoot;

    @Option(names = "--launcher-jar", description = "The launcher's executable jar (default: launcher/target/launcher-*-exec.jar).")
    Path launcherJar;

    @Option(names = "--results-dir", description = "Where results go (default: <project-root>/bench/results).")
    Path resultsDir;

    @Option(names = "--ready-timeout", defaultValue = "300", description = "Seconds for the platform to start.")
    long readyTimeoutSeconds;

    @Option(names = "--clients", description = "Concurrent clients for P1 and P4 (default 16).")
    Integer clients;

    @Option(names = "--warmup-seconds", description = "Warm-up per load run (default 15, quick 5).")
    Integer warmupSeconds;

    @Option(names = "--measure-seconds", description = "Measured period per load run (default 60, quick 20).")
    Integer measureSeconds;

    @Option(names = "--p2-samples", description = "Commands timed to visibility (default 2000, quick 200).")
    Integer p2Samples;

    @Option(names = "--p2-clients", description = "Concurrent clients in P2 (default 4).")
    Integer p2Clients;

    @Option(names = "--p3-events", description = "Events produced for the rebuild (default 100000, quick 10000).")
    Integer p3Events;

    @Option(names = "--ab-requests", description = "Requests for S1's ab run (default 1000).")
    Integer abRequests;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Scenarios.Sizes sizes = new Scenarios.Sizes(
                or(clients, 16),
                Duration.ofSeconds(or(warmupSeconds, quick ? 5 : 15)),
                Duration.ofSeconds(or(measureSeconds, quick ? 20 : 60)),
                or(p2Samples, quick ? 200 : 2000),
                or(p2Clients, 4),
                or(p3Events, quick ? 10_000 : 100_000),
                or(abRequests, 1000));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Report report = new Report();
        describeMachine(report);
        report.settings.put("started", stamp);
        report.settings.put("mode", quick ? "quick" : "full");
        report.settings.put("sizes", sizes);
        report.settings.put("target", url == null ? "platform started by the runner (launcher jar, free ports)" : url);
        Path results = resultsDir != null ? resultsDir : projectRoot.resolve("bench").resolve("results");

        Path dataDir = null;
        PlatformProcess platform = null;
        Target target;
        if (url == null) {
            dataDir = Files.createTempDirectory("atlas-bench");
            Path jar = launcherJar != null ? launcherJar : findLauncherJar();
            System.out.println("Starting the platform from " + jar + " (data in " + dataDir + ")...");
            long t0 = System.nanoTime();
            platform = PlatformProcess.start(jar, projectRoot, dataDir, Duration.ofSeconds(readyTimeoutSeconds));
            report.notes.put("platform start (s)", Scenarios.fmt((System.nanoTime() - t0) / 1e9));
            target = platform.target();
        } else {
            target = new Target(url.replaceAll("/$", ""), authUrl, listingsUrl, projectionsUrl, kafka, jdbcUrl,
                    Target.others(valuationUrl, matchingUrl, notificationsUrl, lagExporterUrl));
        }
        PlatformProcess started = platform;
        Path startedData = dataDir;
        Thread cleanup = new Thread(() -> stop(started, startedData), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup); // Ctrl-C must not leave the platform running
        try {
            run(target, sizes, report, new CpuAccount(Optional.ofNullable(platform).map(PlatformProcess::handle),
                    Optional.ofNullable(dataDir)));
        } finally {
            report.machine.put("load average at end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            List<Path> written = report.write(results, stamp);
            System.out.println(report.markdown());
            System.out.println("Results: " + written + " (and latest.md / latest.json)");
            Runtime.getRuntime().removeShutdownHook(cleanup);
            stop(started, startedData);
        }
        return report.failures.isEmpty() ? 0 : 1;
    }

    private void run(Target target, Scenarios.Sizes sizes, Report report, CpuAccount cpu) throws Exception {
        AtlasClient client = new AtlasClient(target.gatewayUrl());
        client.signUpSeller();
        Scenarios scenarios = new Scenarios(target, client, sizes, cpu);
        HeapSampler sampler = new HeapSampler(target.services(), new AtlasClient(target.gatewayUrl()));
        sampler.start();
        try {
            step(report, "P1", () -> scenarios.p1Commands(report.runs, report.notes));
            step(report, "P2", () -> scenarios.p2Visibility(report.runs));
            step(report, "P4", () -> scenarios.p4Reads(report.runs, report.notes));
            step(report, "P3", () -> scenarios.p3Rebuild(report.runs, report.notes));
        } finally {
            sampler.close();
        }
        report.memory.putAll(sampler.results());
        // Where the time goes: each service's own mean per request over the run, beside the client-observed means above.
        report.notes.put("listings' own mean per POST /api/msme/listings, whole run (ms)",
                Scenarios.fmt(sampler.serverMeanMs("listings", "POST", "/api/msme/listings")));
        report.notes.put("projections' own mean per GET /api/msme/listings/{id}, whole run (ms)",
                Scenarios.fmt(sampler.serverMeanMs("projections", "GET", "/api/msme/listings/{id}")));
        int health = client.status(target.gatewayUrl() + "/health/all");
        double peak = report.memory.values().stream().mapToDouble(HeapSampler.ServiceMemory::peakHeapMiB).max().orElse(Double.NaN);
        String worst = report.memory.values().stream().max(Comparator.comparingDouble(HeapSampler.ServiceMemory::peakHeapMiB))
                .map(HeapSampler.ServiceMemory::service).orElse("?");
        long failedScrapes = report.memory.values().stream().mapToLong(HeapSampler.ServiceMemory::failedScrapes).sum();
        report.rows.add(new Report.Row("P5", "peak heap per service during P1–P4 (all services up after: /health/all "
                + health + ")", "max " + Scenarios.fmt(peak) + " MiB (" + worst + ")", "128 MiB per service",
                peak / 128, "every service ≤ 128 MiB, no OOM", peak <= 128 && health == 200, failedScrapes));
        step(report, "S1", scenarios::s1ApacheBench);
        report.rows.sort(Comparator.comparing(Report.Row::id));
    }

    private interface Step {
        Report.Row run() throws Exception;
    }

    /** A scenario that throws is reported as such and the others still run. */
    private static void step(Report report, String id, Step step) {
        System.out.println("Running " + id + "...");
        try {
            report.rows.add(step.run());
        } catch (Exception e) {
            e.printStackTrace();
            report.failures.add(id + ": " + e);
            report.rows.add(new Report.Row(id, "failed to run: " + e.getMessage(), "not run", "—", Double.NaN, "—", false, 1));
        }
    }

    private static void stop(PlatformProcess platform, Path dataDir) {
        if (platform != null) {
            System.out.println("Stopping the platform...");
            platform.close();
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("Could not delete " + dataDir + ": " + e.getMessage());
            }
        }
    }

    private Path findLauncherJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(projectRoot.resolve("launcher/target"), "launcher-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("No launcher/target/launcher-*-exec.jar under " + projectRoot.toAbsolutePath()
                + "; build first (scripts/bench.sh does)");
    }

    private static void describeMachine(Report report) {
        String cpu = "unknown";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // Not Linux: the rest still says what ran.
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        report.machine.put("cpu", cpu);
        report.machine.put("cores", Runtime.getRuntime().availableProcessors());
        report.machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + os.getArch());
        report.machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            report.machine.put("memory GiB", Math.round(sun.getTotalMemorySize() / 1e9));
        }
        report.machine.put("load average at start", os.getSystemLoadAverage());
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
