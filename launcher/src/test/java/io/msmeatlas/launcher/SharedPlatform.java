package io.msmeatlas.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One platform (real jars, embedded Kafka, PostgreSQL and Redis) for every end-to-end test class of
 * this JVM, started on first use and stopped when the JVM exits: starting it costs a minute. A test
 * that takes a part of it down brings that part back before it ends.
 */
final class SharedPlatform {

    private static Platform platform;

    private SharedPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            Path data;
            try {
                data = Files.createTempDirectory("atlas-e2e");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Many calls from one address: the limiter itself is specified in the gateway's own tests.
            PlatformConfig config = PlatformConfig.onFreePorts(Path.of("..").toAbsolutePath().normalize(), data,
                    "127.0.0.1/32");
            Platform started = new Platform(config, System.out::println);
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-e2e-platform"));
            platform = started;
        }
        return platform;
    }
}
