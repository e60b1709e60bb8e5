package io.msmeatlas.projections.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Peers over HTTPS, as instances that serve HTTPS call each other (ClusterConfiguration). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerClientTlsTest {

    private static final String PASSWORD = "peer-test";

    private HttpsServer peer;
    private SSLContext trustingThePeer;

    @BeforeAll
    void startHttpsPeer(@TempDir Path dir) throws Exception {
        KeyStore identity = selfSignedForLocalhost(dir.resolve("peer.p12"));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, PASSWORD.toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        peer = HttpsServer.create(new InetSocketAddress("localhost", 0), 0);
        peer.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        peer.createContext("/", exchange -> {
            byte[] body = ("{\"scheme\":\"https\",\"partitions\":\""
                    + exchange.getRequestHeaders().getFirst(ClusterRequest.PARTITIONS_HEADER) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        peer.start();

        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("peer", identity.getCertificate("peer"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        trustingThePeer = SSLContext.getInstance("TLS");
        trustingThePeer.init(null, trustManagers.getTrustManagers(), null);
    }

    @AfterAll
    void stop() {
        if (peer != null) {
            peer.stop(0);
        }
    }

    @Test
    void with_a_tls_context_the_query_goes_over_https_to_a_peer_it_trusts() {
        PeerClient peers = new PeerClient(Duration.ofSeconds(5), Duration.ofSeconds(5), trustingThePeer);

        PeerResponse response = peers.get(host(), new PeerRequest("/api/msme/listings/lst-1", Map.of()), Set.of(2));

        assertThat(response).isInstanceOfSatisfying(PeerResponse.Answered.class, answered -> {
            assertThat(answered.status()).isEqualTo(200);
            assertThat(new String(answered.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"scheme\":\"https\",\"partitions\":\"2\"}");
        });
    }

    @Test
    void a_peer_whose_certificate_is_not_trusted_is_unreachable_so_another_replica_is_asked() throws Exception {
        PeerClient peers = new PeerClient(Duration.ofSeconds(5), Duration.ofSeconds(5), SSLContext.getDefault());

        PeerResponse response = peers.get(host(), new PeerRequest("/api/msme/listings/lst-1", Map.of()), Set.of(2));

        assertThat(response).isInstanceOfSatisfying(PeerResponse.Unreachable.class,
                unreachable -> assertThat(unreachable.cause()).isInstanceOf(SSLHandshakeException.class));
    }

    @Test
    void without_a_tls_context_peers_are_asked_in_plain_http_which_an_https_peer_does_not_answer() {
        PeerClient plain = new PeerClient(Duration.ofSeconds(2), Duration.ofSeconds(2));

        PeerResponse response = plain.get(host(), new PeerRequest("/api/msme/listings/lst-1", Map.of()), Set.of(2));

        assertThat(response).isNotInstanceOf(PeerResponse.Answered.class);
    }

    private HostInfo host() {
        return new HostInfo("localhost", peer.getAddress().getPort());
    }

    /** A self-signed certificate for {@code localhost}, made with the JDK's keytool. */
    private static KeyStore selfSignedForLocalhost(Path file) throws Exception {
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "peer", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD))
                .redirectErrorStream(true).start();
        keytool.getOutputStream().close();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
