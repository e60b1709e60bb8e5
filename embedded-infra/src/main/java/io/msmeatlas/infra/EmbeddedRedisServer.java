package io.msmeatlas.infra;

import java.io.IOException;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real Redis server on loopback; nothing in it needs to survive a restart (limits, refresh tokens).
 * The packaged Linux x86-64 binary (Redis 6.2) is built with TLS, against the system's OpenSSL 3.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private final int port;
    private final TlsFiles tls;
    private RedisServer redis;

    public EmbeddedRedisServer(int port) {
        this(port, null);
    }

    /** With {@code tls}, the port speaks TLS only (Redis' plain port is closed: {@code port 0}). */
    public EmbeddedRedisServer(int port, TlsFiles tls) {
        this.port = port;
        this.tls = tls;
    }

    public synchronized EmbeddedRedisServer start() {
        if (redis != null) {
            return this;
        }
        Ports.requireFree(port, "Redis");
        try {
            RedisServerBuilder builder = RedisServer.newRedisServer()
                    .port(tls == null ? port : 0)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(false);
            if (tls != null) {
                builder.setting("tls-port " + port)
                        .setting("tls-cert-file " + tls.certificate().toAbsolutePath())
                        .setting("tls-key-file " + tls.privateKey().toAbsolutePath())
                        .setting("tls-ca-cert-file " + tls.caCertificate().toAbsolutePath())
                        // Clients prove nothing with certificates; they check the server's.
                        .setting("tls-auth-clients no");
            }
            RedisServer server = builder.build();
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

    /** {@code rediss://} with TLS, else {@code redis://}. */
    public String url() {
        return (tls == null ? "redis" : "rediss") + "://localhost:" + port;
    }
}
