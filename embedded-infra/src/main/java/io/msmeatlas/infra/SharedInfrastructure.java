package io.msmeatlas.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real PostgreSQL, Kafka broker and Redis per test JVM, each started on first use on free ports
 * and stopped when the JVM exits, so every Spring context of a module's tests shares them.
 */
public final class SharedInfrastructure {

    private static Path dir;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;
    private static EmbeddedRedisServer redis;

    private SharedInfrastructure() {
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = new EmbeddedPostgresServer(dir().resolve("pg"), Ports.findFree(), "msmeatlas").start();
        }
        return postgres;
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = new EmbeddedKafka(dir().resolve("kafka"), Ports.findFree(), Ports.findFree()).start();
        }
        return kafka;
    }

    public static synchronized EmbeddedRedisServer redis() {
        if (redis == null) {
            redis = new EmbeddedRedisServer(Ports.findFree()).start();
        }
        return redis;
    }

    private static Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("msmeatlas-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedInfrastructure::stopAll, "stop-test-infrastructure"));
        }
        return dir;
    }

    private static synchronized void stopAll() {
        if (redis != null) {
            redis.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }
}
