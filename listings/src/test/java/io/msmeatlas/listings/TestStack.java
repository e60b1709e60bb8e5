package io.msmeatlas.listings;

import io.msmeatlas.infra.EmbeddedKafka;
import io.msmeatlas.infra.EmbeddedPostgresServer;
import io.msmeatlas.infra.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One real PostgreSQL and one real Kafka broker per test JVM, shared by every Spring context. */
public final class TestStack {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;

    private TestStack() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        start();
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        start();
        return postgres;
    }

    public static synchronized EmbeddedKafka kafka() {
        start();
        return kafka;
    }

    private static void start() {
        if (postgres != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("listings-test");
            postgres = new EmbeddedPostgresServer(dir.resolve("pg"), Ports.findFree(), "msmeatlas").start();
            kafka = new EmbeddedKafka(dir.resolve("kafka"), Ports.findFree(), Ports.findFree()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.stop();
                postgres.stop();
            }));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
