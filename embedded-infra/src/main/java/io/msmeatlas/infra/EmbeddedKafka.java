package io.msmeatlas.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A single-node KRaft Kafka broker in this JVM, with its log in a directory of our choosing so that
 * history survives a restart, and {@link #stop()}/{@link #start()} on the same ports so tests can
 * take the broker away and bring it back.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final TlsFiles tls;
    private KafkaRaftServer server;

    public EmbeddedKafka(Path logDir, int port, int controllerPort) {
        this(logDir, port, controllerPort, null);
    }

    /**
     * With {@code tls}, both listeners (clients' and the controller's) speak TLS only, presenting
     * that identity: no plaintext port is open.
     */
    public EmbeddedKafka(Path logDir, int port, int controllerPort, TlsFiles tls) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.tls = tls;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** What a client needs besides {@code bootstrap.servers}: nothing, or TLS trusting the local CA. */
    public Map<String, Object> clientProperties() {
        return tls == null ? Map.of() : tls.kafkaClientProperties();
    }

    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        Ports.requireFree(port, "Kafka");
        Ports.requireFree(controllerPort, "Kafka controller");
        KafkaConfig config = new KafkaConfig(properties(), false);
        format(config);
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        started.startup();
        server = started;
        return this;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        String protocol = tls == null ? "PLAINTEXT" : "SSL";
        props.put("listeners", protocol + "://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", protocol + "://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", protocol);
        props.put("listener.security.protocol.map", protocol + ":" + protocol + ",CONTROLLER:" + protocol);
        if (tls != null) {
            props.put("ssl.keystore.type", "PKCS12");
            props.put("ssl.keystore.location", tls.keyStore().toAbsolutePath().toString());
            props.put("ssl.keystore.password", tls.keyStorePassword());
            props.put("ssl.key.password", tls.keyStorePassword());
            // The broker is the controller's client too: it trusts the CA and checks the host name.
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.location", tls.caCertificate().toAbsolutePath().toString());
            props.put("ssl.client.auth", "none");
        }
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        // Topics are created on purpose by their owners, with the partition count they need.
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.retention.hours", "-1");
        return props;
    }

    /** Formats the log directory the first time; a formatted one keeps its cluster id and data. */
    private void format(KafkaConfig config) {
        try {
            Files.createDirectories(logDir);
            Formatter formatter = new Formatter()
                    .setNodeId(1)
                    .setClusterId("msmeatlas-local-0000000")
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setIgnoreFormatted(true)
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            formatter.addDirectory(logDir.toAbsolutePath().toString());
            formatter.run();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create Kafka log directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }
}
