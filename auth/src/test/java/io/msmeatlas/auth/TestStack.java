package io.msmeatlas.auth;

import io.msmeatlas.infra.EmbeddedKafka;
import io.msmeatlas.infra.EmbeddedPostgresServer;
import io.msmeatlas.infra.EmbeddedRedisServer;
import io.msmeatlas.infra.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One real PostgreSQL, Kafka broker and Redis per test JVM, shared by every Spring context. */
public final class TestStack {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;
    private static EmbeddedRedisServer redis;

    private TestStack() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        start();
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("atlas.auth.redis.url", () -> "redis://127.0.0.1:" + redis.port());
    }

    public static synchronized EmbeddedKafka kafka() {
        start();
        return kafka;
    }

    public static synchronized EmbeddedRedisServer redis() {
        start();
        return redis;
    }

    private static void start() {
        if (postgres != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("auth-test");
            postgres = new EmbeddedPostgresServer(dir.resolve("pg"), Ports.findFree(), "msmeatlas").start();
            kafka = new EmbeddedKafka(dir.resolve("kafka"), Ports.findFree(), Ports.findFree()).start();
            redis = new EmbeddedRedisServer(Ports.findFree()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                redis.stop();
                kafka.stop();
                postgres.stop();
            }));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
