package io.msmeatlas.launcher;

import io.msmeatlas.infra.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The platform's Kafka broker as a JVM of its own ({@link KafkaBroker}), its log under the data
 * directory so history survives restarts. A process, not a thread of the launcher, so that a chaos
 * run can kill it (SIGKILL, no clean shutdown) and start it again on the same ports.
 */
final class KafkaProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final Path log;
    private final TlsFiles tls;
    private Process process;

    /** With {@code tls}, the broker listens with TLS only (see {@link io.msmeatlas.infra.EmbeddedKafka}). */
    KafkaProcess(Path logDir, int port, int controllerPort, Path log, TlsFiles tls) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.log = log;
        this.tls = tls;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** What a client needs besides {@code bootstrap.servers}: nothing, or TLS trusting the local CA. */
    Map<String, Object> clientProperties() {
        return tls == null ? Map.of() : tls.kafkaClientProperties();
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker and returns once it answers; does nothing if it runs. */
    synchronized KafkaProcess start() {
        if (isRunning()) {
            return this;
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8"));
        command.addAll(ownLauncher());
        command.addAll(List.of("kafka", "--log-dir", logDir.toString(), "--port", Integer.toString(port),
                "--controller-port", Integer.toString(controllerPort)));
        if (tls != null) {
            command.addAll(List.of("--tls-dir", tls.directory().toString()));
        }
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("Kafka could not be started: " + e.getMessage(), e);
        }
        awaitReady();
        return this;
    }

    /** SIGTERM: a clean shutdown (the broker flushes and closes its logs). */
    synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        process.destroy();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGKILL: the broker dies mid-flight, as on a crash or a lost machine. */
    synchronized void kill() {
        if (!isRunning()) {
            return;
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    private void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> config = new HashMap<>(clientProperties());
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with code " + process.exitValue() + " while starting; see " + log);
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                pause();
            }
        }
        throw new IllegalStateException("Kafka was not ready after " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** This program again: its executable jar, or (in the build's tests) its classpath and main class. */
    private static List<String> ownLauncher() {
        String classpath = System.getProperty("java.class.path");
        if (classpath.endsWith(".jar") && !classpath.contains(java.io.File.pathSeparator)) {
            return List.of("-jar", classpath);
        }
        return List.of("-cp", classpath, LocalPlatform.class.getName());
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
