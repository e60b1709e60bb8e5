package io.msmeatlas.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole platform as {@code scripts/run-local.sh} starts it, run from the launcher's executable jar
 * in a child process (its Platform classes are package-private): free ports, a fresh data directory,
 * the load generator's address exempt from the per-IP rate limit. SIGTERM stops it and everything it started.
 */
final class PlatformProcess implements AutoCloseable {

    private static final String READY = "MSMEAtlas ready";

    private final Process process;
    private final Target target;
    private final Path log;

    private PlatformProcess(Process process, Target target, Path log) {
        this.process = process;
        this.target = target;
        this.log = log;
    }

    static PlatformProcess start(Path launcherJar, Path projectRoot, Path dataDir, Duration readyTimeout)
            throws IOException {
        int[] ports = freePorts(12);
        int gateway = ports[0], auth = ports[1], listings = ports[2], projections = ports[3];
        int kafka = ports[4], kafkaController = ports[5], postgres = ports[6], redis = ports[7];
        int valuation = ports[8], matching = ports[9], notifications = ports[10], lagExporter = ports[11];
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("launcher.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                launcherJar.toAbsolutePath().toString(),
                "--project-root", projectRoot.toAbsolutePath().normalize().toString(),
                "--data-dir", dataDir.toAbsolutePath().toString(),
                "--gateway-port", Integer.toString(gateway), "--auth-port", Integer.toString(auth),
                "--listings-port", Integer.toString(listings), "--projections-port", Integer.toString(projections),
                "--valuation-port", Integer.toString(valuation), "--matching-port", Integer.toString(matching),
                "--notifications-port", Integer.toString(notifications),
                "--lag-exporter-port", Integer.toString(lagExporter),
                "--kafka-port", Integer.toString(kafka), "--kafka-controller-port", Integer.toString(kafkaController),
                "--postgres-port", Integer.toString(postgres), "--redis-port", Integer.toString(redis),
                "--ready-timeout", Long.toString(readyTimeout.toSeconds()),
                // One load generator makes thousands of requests a second from one address.
                "--rate-limit-exempt", "127.0.0.1/32"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Target target = new Target("http://localhost:" + gateway, "http://localhost:" + auth,
                "http://localhost:" + listings, "http://localhost:" + projections, "localhost:" + kafka,
                "jdbc:postgresql://localhost:" + postgres + "/msmeatlas",
                Target.others("http://localhost:" + valuation, "http://localhost:" + matching,
                        "http://localhost:" + notifications, "http://localhost:" + lagExporter));
        PlatformProcess platform = new PlatformProcess(process, target, log);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter file = new PrintWriter(Files.newBufferedWriter(log), true)) {
                String line;
                while ((line = out.readLine()) != null) {
                    file.println(line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 30) {
                            tail.removeFirst();
                        }
                    }
                    if (line.contains(READY)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("The launcher exited before it was ready"));
        }, "launcher-output");
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(readyTimeout.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (Exception e) {
            platform.close();
            String lines;
            synchronized (tail) {
                lines = String.join("\n", tail);
            }
            throw new IllegalStateException("The platform did not start ("
                    + (e instanceof TimeoutException ? "timed out" : e.getMessage()) + "); launcher log " + log
                    + ", last lines:\n" + lines, e);
        }
        return platform;
    }

    Target target() {
        return target;
    }

    /** The launcher's process: its descendants are the platform's services and servers. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    Path log() {
        return log;
    }

    /** SIGTERM (the launcher stops its services and infrastructure in its shutdown hook); SIGKILL as a last resort. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Distinct free ports, all held open until every one is chosen so none is handed out twice. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
