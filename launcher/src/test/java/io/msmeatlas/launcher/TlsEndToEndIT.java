package io.msmeatlas.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.infra.TlsFiles;
import io.msmeatlas.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code run-local --tls}, end to end: a platform of its own (the gateway and the services a listing
 * needs, to keep it to a minute) with a CA made at start, every connection encrypted. A sign-up, a
 * draft and a read of it through the gateway can only work if the gateway reaches auth, listings and
 * projections over HTTPS and those reach PostgreSQL, Kafka and Redis over TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsEndToEndIT {

    private static final Duration EVENTUAL = Duration.ofSeconds(90);
    private static final String DRAFT = """
            {"title":"%s","legalName":"Shree Precision Components Pvt Ltd",
             "contact":{"name":"Anil Kulkarni","email":"anil@example.in","phone":"+919800000001"},
             "sectorCode":"25","state":"Maharashtra","city":"Pune","yearEstablished":2009,"employees":42,
             "legalStructure":"PRIVATE_LIMITED","plantAndMachineryInvestment":"32000000.00",
             "financials":[{"fiscalYear":2025,"revenue":"84000000.00","ebitda":"9500000.00"},
                           {"fiscalYear":2024,"revenue":"79000000.00","ebitda":"8100000.00"}],
             "askingPrice":"65000000.00","currency":"INR","dealType":"FULL_SALE","reasonForSale":"Founder retiring",
             "highlights":["Supplies two auto OEMs","ISO 9001"],"description":"Precision machining for auto OEMs."}""";

    private final JsonMapper json = JsonMapper.builder().build();
    private Path data;
    private Platform platform;
    private TlsFiles tls;
    private HttpClient https;

    @BeforeAll
    void start() throws IOException {
        data = Files.createTempDirectory("atlas-tls-e2e");
        PlatformConfig config = PlatformConfig.onFreePorts(Path.of("..").toAbsolutePath().normalize(), data,
                "127.0.0.1/32", true);
        platform = new Platform(config, System.out::println, Set.of("auth", "listings", "projections", "command-gateway"));
        platform.start();
        tls = config.tlsFiles();
        // Trusts the local CA only; the JDK client checks the host name against the certificate.
        https = HttpClient.newBuilder().sslContext(tls.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() throws IOException {
        if (platform != null) {
            platform.close();
        }
        if (data == null) {
            return;
        }
        // Its data and its CA go with it.
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void the_gateway_answers_over_https_with_a_certificate_from_the_local_ca() throws Exception {
        HttpResponse<String> health = https.send(get(platform.gatewayUrl() + "/health"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(platform.gatewayUrl()).startsWith("https://localhost:");
        assertThat(health.statusCode()).isEqualTo(200);
        Certificate presented = health.sslSession().orElseThrow().getPeerCertificates()[0];
        presented.verify(tls.caCertificateX509().getPublicKey());
        assertThat(presented).isEqualTo(tls.chain()[0]);
        assertThat(((X509Certificate) presented).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");

        HttpClient trustingTheJdkOnly = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> trustingTheJdkOnly.send(get(platform.gatewayUrl() + "/health"),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void the_gateway_does_not_answer_plain_http() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String url = "http://localhost:" + platform.config().gatewayPort() + "/health";

        assertThatThrownBy(() -> plain.send(get(url), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void a_seller_signs_up_drafts_a_listing_and_reads_it_back_through_the_gateway() {
        String token = signUpSeller();
        String title = "TLS job shop " + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> created = send("POST", "/api/msme/listings", DRAFT.formatted(title), token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();

        // Through Kafka (the outbox relay's producer, then the projections' Kafka Streams), both over TLS.
        JsonNode view = await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> read = send("GET", "/api/msme/listings/" + id, null, token);
            return read.statusCode() == 200 ? json.readTree(read.body()) : null;
        }, v -> v != null);
        assertThat(view.get("title").asString()).isEqualTo(title);
        assertThat(view.get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void auth_reaches_redis_over_tls_and_redis_has_no_plain_text_port() throws IOException {
        // The gateway's direct probe: the gateway's health client over HTTPS, auth's own Redis check over TLS.
        HttpResponse<String> authHealth = send("GET", "/direct/auth/health", null, null);
        assertThat(authHealth.statusCode()).as(authHealth.body()).isEqualTo(200);
        assertThat(json.readTree(authHealth.body()).at("/components/redis/status").asString()).isEqualTo("UP");

        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), platform.config().redisPort())) {
            plain.setSoTimeout(5000);
            assertThat(ping(plain)).isNotEqualTo("+PONG");
        }
    }

    @Test
    void every_service_connection_to_postgresql_is_encrypted_and_unencrypted_ones_are_refused() throws SQLException {
        signUpSeller();
        try (Connection db = DriverManager.getConnection(platform.config().jdbcUrl(), "postgres", "");
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("""
                        select count(*) filter (where s.ssl) as encrypted, count(*) filter (where not s.ssl) as plain
                        from pg_stat_activity a join pg_stat_ssl s on s.pid = a.pid
                        where a.backend_type = 'client backend' and a.client_addr is not null""")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("encrypted")).as("the services' pools and this connection").isGreaterThan(2);
            assertThat(rs.getLong("plain")).isZero();
        }
        String unencrypted = "jdbc:postgresql://localhost:" + platform.config().postgresPort() + "/"
                + PlatformConfig.DATABASE + "?sslmode=disable";
        assertThatThrownBy(() -> DriverManager.getConnection(unencrypted, "postgres", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("no encryption");
    }

    @Test
    void kafka_answers_tls_clients_only() throws Exception {
        Map<String, Object> secure = new HashMap<>(platform.kafka().clientProperties());
        secure.put("bootstrap.servers", platform.kafka().bootstrapServers());
        try (Admin admin = Admin.create(secure)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(Topics.LISTING_EVENTS);
        }
        Map<String, Object> plaintext = Map.of("bootstrap.servers", platform.kafka().bootstrapServers(),
                "request.timeout.ms", 2000, "default.api.timeout.ms", 3000);
        try (Admin admin = Admin.create(plaintext)) {
            assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes()
                    .get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    private String signUpSeller() {
        String email = "tls-seller-" + UUID.randomUUID() + "@example.in";
        String password = "Correct-horse-42-battery";
        HttpResponse<String> registered = send("POST", "/api/auth/register", "{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\",\"displayName\":\"TLS seller\",\"role\":\"SELLER\"}", null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> login = send("POST", "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json.readTree(login.body()).get("accessToken").asString();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
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
