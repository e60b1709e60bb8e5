package io.msmeatlas.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A service running in its own JVM, as in production, with its output in a log file. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServiceSpec spec;
    private final Path log;
    private final URI health;
    private final HttpClient http;
    private Process process;

    private ServiceProcess(ServiceSpec spec, Path log, URI health, HttpClient http) {
        this.spec = spec;
        this.log = log;
        this.health = health;
        this.http = http;
    }

    static ServiceProcess start(ServiceSpec spec, PlatformConfig config) {
        Path jar = executableJar(config.projectRoot(), spec.module());
        Path log = config.logDir().resolve(spec.name() + ".log");
        URI health = URI.create(config.serviceUrl(spec.port()) + "/actuator/health");
        // In a TLS run the services serve HTTPS only, with a certificate from the local CA.
        HttpClient http = config.tls()
                ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
                        .sslContext(config.tlsFiles().clientContext()).build()
                : HTTP;
        ServiceProcess service = new ServiceProcess(spec, log, health, http);
        List<String> command = new ArrayList<>(List.of(javaBinary(),
                "-Xmx" + config.serviceHeap(), "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Dfile.encoding=UTF-8", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("PORT", Integer.toString(spec.port()));
        builder.environment().putAll(spec.environment());
        try {
            Files.createDirectories(log.getParent());
            service.process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(spec.name() + " could not be started: " + e.getMessage(), e);
        }
        return service;
    }

    String name() {
        return spec.name();
    }

    int port() {
        return spec.port();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits until /actuator/health answers UP; fails naming the service if it exits or times out. */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + " while starting. Last lines of " + log + ":\n" + tail(40));
            }
            if (isHealthy()) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(spec.name() + " was not healthy after " + timeout.toSeconds()
                + " s. Last lines of " + log + ":\n" + tail(40));
    }

    /** SIGTERM first so the service shuts down gracefully; SIGKILL only if it does not. */
    void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no graceful shutdown, as on a crash. */
    void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean isHealthy() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for services", e);
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for services", e);
        }
    }

    static Path executableJar(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> missingJar(module, target));
        } catch (IOException e) {
            throw missingJar(module, target);
        }
    }

    private static IllegalStateException missingJar(String module, Path target) {
        return new IllegalStateException("No executable jar for " + module + " in " + target
                + ". Build first: ./mvnw -B -DskipTests package");
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
