package io.msmeatlas.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A local CA's certificate and one server identity signed by it, as files in one directory (made by
 * {@link LocalCertificates}). Every server of a local platform presents the same identity, valid for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1}; every client trusts only the CA.
 */
public record TlsFiles(Path directory) {

    /** The CA's certificate (PEM): what clients trust, e.g. {@code curl --cacert}. */
    public Path caCertificate() {
        return directory.resolve("ca.crt");
    }

    /** The server's certificate chain (PEM): its own certificate, then the CA's. */
    public Path certificate() {
        return directory.resolve("server.crt");
    }

    /** The server's private key (PEM, unencrypted PKCS#8), readable by its owner only. */
    public Path privateKey() {
        return directory.resolve("server.key");
    }

    /** The same key and chain as a PKCS#12 store, for servers that want a key store (Kafka). */
    public Path keyStore() {
        return directory.resolve("server.p12");
    }

    Path keyStorePasswordFile() {
        return directory.resolve("server.p12.password");
    }

    public String keyStorePassword() {
        try {
            return Files.readString(keyStorePasswordFile(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + keyStorePasswordFile(), e);
        }
    }

    public X509Certificate caCertificateX509() {
        return (X509Certificate) readCertificates(caCertificate())[0];
    }

    /** The server's chain, its own certificate first. */
    public X509Certificate[] chain() {
        Certificate[] read = readCertificates(certificate());
        X509Certificate[] chain = new X509Certificate[read.length];
        for (int i = 0; i < read.length; i++) {
            chain[i] = (X509Certificate) read[i];
        }
        return chain;
    }

    /** What a Kafka client needs to reach a broker presenting this identity: TLS, trusting the CA. */
    public Map<String, Object> kafkaClientProperties() {
        return Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", caCertificate().toAbsolutePath().toString());
    }

    /** A client context that trusts this CA and nothing else (host names are checked by the caller's client). */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCertificateX509());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a TLS client context from " + caCertificate(), e);
        }
    }

    private static Certificate[] readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
    }
}
