package io.msmeatlas.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The local CA of {@code run-local --tls}: one set made with keytool, then checked as a client would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalCertificatesTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private Path dir;
    private TlsFiles tls;
    private Instant madeAt;

    @BeforeAll
    void make(@TempDir Path dir) {
        this.dir = dir;
        madeAt = Instant.now();
        tls = LocalCertificates.ensure(dir.resolve("tls"));
    }

    @Test
    void the_server_certificate_is_signed_by_the_ca_and_valid_for_the_loopback_names() throws Exception {
        X509Certificate ca = tls.caCertificateX509();
        X509Certificate[] chain = tls.chain();
        X509Certificate server = chain[0];

        assertThat(chain).hasSize(2);
        assertThat(chain[1]).isEqualTo(ca);
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(server)), pkix);
        assertThat(ca.getBasicConstraints()).as("the CA may sign").isGreaterThanOrEqualTo(0);
        assertThat(server.getBasicConstraints()).as("the server may not").isEqualTo(-1);
        assertThat(server.getExtendedKeyUsage()).contains(SERVER_AUTH);
        assertThat(LocalCertificates.subjectAlternativeNames(server))
                .containsExactlyInAnyOrder("dns:localhost", "ip:127.0.0.1", "ip:0:0:0:0:0:0:0:1");
        assertThat(server.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void the_certificates_are_valid_from_now_for_their_stated_periods() {
        X509Certificate ca = tls.caCertificateX509();
        X509Certificate server = tls.chain()[0];
        Instant done = Instant.now();

        for (X509Certificate certificate : List.of(ca, server)) {
            assertThat(certificate.getNotBefore().toInstant())
                    .isBetween(madeAt.minusSeconds(5), done);
        }
        assertThat(server.getNotAfter().toInstant()).isBetween(
                madeAt.plus(Duration.ofDays(LocalCertificates.SERVER_VALIDITY_DAYS)).minusSeconds(5),
                done.plus(Duration.ofDays(LocalCertificates.SERVER_VALIDITY_DAYS)));
        assertThat(ca.getNotAfter()).as("the CA outlives what it signed").isAfter(server.getNotAfter());
    }

    @Test
    void the_private_key_belongs_to_the_certificate_is_readable_by_its_owner_only_and_the_ca_key_is_gone()
            throws Exception {
        String pem = Files.readString(tls.privateKey(), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        byte[] message = "signed by the server".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(tls.chain()[0].getPublicKey());
        verifier.update(message);

        assertThat(verifier.verify(signature)).isTrue();
        for (Path secret : List.of(tls.privateKey(), tls.keyStore(), tls.keyStorePasswordFile())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString())
                    .isEqualTo("rw-------");
        }
        try (var files = Files.list(tls.directory())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("ca.crt", "server.crt", "server.key", "server.p12",
                            "server.p12.password");
        }
    }

    @Test
    void a_client_trusting_only_the_ca_completes_a_handshake_for_localhost_and_refuses_another_name()
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            store.load(in, tls.keyStorePassword().toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, tls.keyStorePassword().toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);

        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> acceptTwo(server));

            try (SSLSocket client = (SSLSocket) tls.clientContext().getSocketFactory()
                    .createSocket("localhost", server.getLocalPort())) {
                checkHostName(client);
                client.startHandshake();
                assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(tls.chain()[0]);
            }
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    SSLSocket client = (SSLSocket) tls.clientContext().getSocketFactory()
                            .createSocket(plain, "msmeatlas.example", server.getLocalPort(), true)) {
                checkHostName(client);
                assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    @Test
    void a_complete_set_is_reused_and_one_missing_a_file_or_near_its_end_is_made_again(@TempDir Path other) {
        TlsFiles first = LocalCertificates.ensure(other);
        X509Certificate firstCa = first.caCertificateX509();

        assertThat(LocalCertificates.ensure(other).caCertificateX509()).isEqualTo(firstCa);
        assertThat(LocalCertificates.reusable(first, Instant.now())).isTrue();
        assertThat(LocalCertificates.reusable(first,
                Instant.now().plus(Duration.ofDays(LocalCertificates.SERVER_VALIDITY_DAYS)).minus(Duration.ofDays(6))))
                .as("less than a week left").isFalse();

        assertThat(first.privateKey().toFile().delete()).isTrue();
        TlsFiles second = LocalCertificates.ensure(other);

        assertThat(second.caCertificateX509()).isNotEqualTo(firstCa);
        assertThat(LocalCertificates.reusable(second, Instant.now())).isTrue();
    }

    private static void checkHostName(SSLSocket client) {
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);
    }

    private static void acceptTwo(SSLServerSocket server) {
        for (int i = 0; i < 2; i++) {
            try (SSLSocket accepted = (SSLSocket) server.accept()) {
                accepted.startHandshake();
                accepted.getOutputStream().flush();
            } catch (Exception refusedByTheClient) {
                // The second client refuses our certificate: nothing to serve.
            }
        }
    }
}
