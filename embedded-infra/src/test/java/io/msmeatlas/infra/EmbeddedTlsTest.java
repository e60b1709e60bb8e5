package io.msmeatlas.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The embedded servers in TLS mode: clients trusting the local CA get in, unencrypted ones do not. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedTlsTest {

    private Path dir;
    private TlsFiles tls;

    @BeforeAll
    void makeCertificates(@TempDir Path dir) {
        this.dir = dir;
        tls = LocalCertificates.ensure(dir.resolve("tls"));
    }

    @Test
    void redis_answers_over_tls_and_not_in_plain_text() throws IOException {
        try (EmbeddedRedisServer redis = new EmbeddedRedisServer(Ports.findFree(), tls).start()) {
            assertThat(redis.url()).startsWith("rediss://localhost:");
            try (SSLSocket socket = (SSLSocket) tls.clientContext().getSocketFactory()
                    .createSocket("localhost", redis.port())) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                assertThat(ping(socket)).isEqualTo("+PONG");
            }
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), redis.port())) {
                plain.setSoTimeout(5000);
                assertThat(ping(plain)).isNotEqualTo("+PONG");
            }
        }
    }

    @Test
    void postgres_admits_verified_encrypted_connections_only() throws SQLException {
        try (EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(dir.resolve("pg"), Ports.findFree(),
                "atlas", tls).start()) {
            assertThat(postgres.jdbcUrl()).contains("sslmode=verify-full");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select ssl, version from pg_stat_ssl where pid = pg_backend_pid()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean("ssl")).isTrue();
                assertThat(rs.getString("version")).startsWith("TLSv1.");
            }
            String plain = "jdbc:postgresql://localhost:" + postgres.port() + "/atlas?sslmode=disable";
            assertThatThrownBy(() -> DriverManager.getConnection(plain, EmbeddedPostgresServer.USER, "").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no encryption");
        }
    }

    @Test
    void kafka_serves_tls_clients_and_has_no_plaintext_listener() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), Ports.findFree(), Ports.findFree(), tls)
                .start()) {
            Map<String, Object> secure = new HashMap<>(kafka.clientProperties());
            secure.put("bootstrap.servers", kafka.bootstrapServers());
            try (Admin admin = Admin.create(secure)) {
                admin.createTopics(List.of(new NewTopic("over-tls", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("over-tls");
            }
            Map<String, Object> plain = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "request.timeout.ms", 2000, "default.api.timeout.ms", 3000);
            try (Admin admin = Admin.create(plain)) {
                assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes()
                        .get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(
                                org.apache.kafka.common.errors.TimeoutException.class);
            }
        }
    }

    /** Sends PING and returns the first line of the answer, or what the connection did instead. */
    private static String ping(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        } catch (IOException e) {
            return "failed: " + e;
        }
    }
}
