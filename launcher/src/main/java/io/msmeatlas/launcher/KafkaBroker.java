package io.msmeatlas.launcher;

import io.msmeatlas.infra.EmbeddedKafka;
import io.msmeatlas.infra.TlsFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run-local kafka}: one KRaft broker in this JVM until SIGTERM. The platform runs its broker
 * this way, as a process of its own ({@link KafkaProcess}), so that it can be killed like a real one.
 */
@Command(name = "kafka", hidden = true, description = "Runs the platform's Kafka broker (started by the platform itself).")
final class KafkaBroker implements Callable<Integer> {

    static final String READY = "Kafka broker ready";

    @Option(names = "--log-dir", required = true)
    Path logDir;

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--controller-port", required = true)
    int controllerPort;

    @Option(names = "--tls-dir", description = "Listen with TLS only, with the identity in this directory (LocalCertificates).")
    Path tlsDir;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedKafka kafka = new EmbeddedKafka(logDir, port, controllerPort, tlsDir == null ? null : new TlsFiles(tlsDir))
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            stopped.countDown();
        }, "stop-kafka"));
        System.out.println(READY + " on " + kafka.bootstrapServers());
        stopped.await();
        return 0;
    }
}
