package io.msmeatlas.infra;

import java.io.IOException;
import redis.embedded.RedisServer;

/** A real Redis server on loopback; nothing in it needs to survive a restart (limits, refresh tokens). */
public final class EmbeddedRedisServer implements AutoCloseable {

    private final int port;
    private RedisServer redis;

    public EmbeddedRedisServer(int port) {
        this.port = port;
    }

    public synchronized EmbeddedRedisServer start() {
        if (redis != null) {
            return this;
        }
        Ports.requireFree(port, "Redis");
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(false)
                    .build();
            server.start();
            redis = server;
        } catch (IOException e) {
            throw new IllegalStateException("Redis did not start on port " + port + ": " + e.getMessage(), e);
        }
        return this;
    }

    public synchronized void stop() {
        if (redis == null) {
            return;
        }
        try {
            redis.stop();
        } catch (IOException e) {
            throw new IllegalStateException("Redis did not stop cleanly", e);
        } finally {
            redis = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }
}
