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
    private final TlsFiles tls;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(Path dataDir, int port, String database) {
        this(dataDir, port, database, null);
    }

    /**
     * With {@code tls}, the server presents that identity and refuses every TCP connection that is
     * not encrypted ({@code hostssl} lines only); {@link #jdbcUrl()} then asks for
     * {@code sslmode=verify-full} against the CA.
     */
    public EmbeddedPostgresServer(Path dataDir, int port, String database, TlsFiles tls) {
        this.dataDir = dataDir;
        this.port = port;
        this.database = database;
        this.tls = tls;
    }

    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            return this;
        }
        Ports.requireFree(port, "PostgreSQL");
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Our owner stops us, after the services that use us; zonky's own hook would go first.
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on");
            if (tls != null) {
                builder.setServerConfig("ssl", "on")
                        .setServerConfig("ssl_cert_file", tls.certificate().toAbsolutePath().toString())
                        .setServerConfig("ssl_key_file", tls.privateKey().toAbsolutePath().toString())
                        .setServerConfig("ssl_min_protocol_version", "TLSv1.2")
                        .setServerConfig("hba_file", writeTlsOnlyHba().toAbsolutePath().toString());
            }
            postgres = builder.start();
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
        return jdbcUrl(database);
    }

    private String jdbcUrl(String databaseName) {
        String url = "jdbc:postgresql://localhost:" + port + "/" + databaseName;
        return tls == null ? url
                : url + "?sslmode=verify-full&sslrootcert=" + tls.caCertificate().toAbsolutePath();
    }

    /**
     * Outside the data directory (initdb wants it empty on a first start, and a later plain run keeps
     * its own pg_hba.conf): loopback only, encrypted only, trusted as in plain local runs.
     */
    private Path writeTlsOnlyHba() throws IOException {
        Path hba = tls.directory().resolve("pg_hba.conf");
        Files.writeString(hba, """
                # Written by EmbeddedPostgresServer for TLS runs: no line admits an unencrypted TCP connection.
                local   all all                trust
                hostssl all all 127.0.0.1/32   trust
                hostssl all all ::1/128        trust
                """);
        return hba;
    }

    public int port() {
        return port;
    }

    private void createDatabaseIfMissing() {
        String admin = jdbcUrl("postgres");
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
