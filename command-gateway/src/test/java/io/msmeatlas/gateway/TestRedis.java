package io.msmeatlas.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** One real Redis for the test JVM, on a free port; can be stopped and started again on that port. */
final class TestRedis {

    private static final TestRedis SHARED = new TestRedis(freePort());

    private final int port;
    private RedisServer server;

    private TestRedis(int port) {
        this.port = port;
    }

    static TestRedis shared() {
        SHARED.start();
        return SHARED;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    // The redis-server process must not outlive the test JVM.
                    .onShutdownForceStop(true)
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
