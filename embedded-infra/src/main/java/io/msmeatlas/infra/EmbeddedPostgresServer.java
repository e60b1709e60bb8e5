package io.msmeatlas.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky's packaged binaries) whose data directory is kept between runs.
 * Local runs trust loopback connections; deployed ones use a real server and real credentials.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final Path dataDir;
    private final int port;
    private final String database;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(Path dataDir, int port, String database) {
        this.dataDir = dataDir;
        this.port = port;
        this.database = database;
    }

    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            return this;
        }
        Ports.requireFree(port, "PostgreSQL");
        try {
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Our owner stops us, after the services that use us; zonky's own hook would go first.
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + ": " + e.getMessage(), e);
        }
        createDatabaseIfMissing();
        return this;
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    private void createDatabaseIfMissing() {
        String admin = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(admin, USER, "");
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + database.replace("'", "''") + "'")) {
                if (!rs.next()) {
                    statement.execute("create database \"" + database.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + ": " + e.getMessage(), e);
        }
    }
}
