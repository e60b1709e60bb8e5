package io.msmeatlas.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made on this machine, for local runs with TLS: a CA and one server
 * certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1} that it signs, both EC P-256.
 *
 * <p>Made with the JDK's own {@code keytool} (no extra library), in the directory given, which is
 * meant to be under the platform's data directory: never in the repository. The CA's private key
 * is deleted once it has signed, so nothing else can ever be signed by a CA someone may have chosen
 * to trust; a new CA is made when the server certificate nears its end or a file is missing.
 */
public final class LocalCertificates {

    public static final List<String> DNS_NAMES = List.of("localhost");
    public static final List<String> IP_ADDRESSES = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");
    static final int CA_VALIDITY_DAYS = 100;
    static final int SERVER_VALIDITY_DAYS = 90;
    /** A certificate with less than this left is replaced rather than reused. */
    static final Duration RENEW_BEFORE = Duration.ofDays(7);

    private static final String KEY_ALGORITHM = "EC";
    private static final String CURVE = "secp256r1";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final String STOREPASS = "ATLAS_STOREPASS";

    private LocalCertificates() {
    }

    /** The files in {@code directory}, made now unless a complete, valid set is already there. */
    public static TlsFiles ensure(Path directory) {
        TlsFiles files = new TlsFiles(directory);
        if (reusable(files, Instant.now())) {
            return files;
        }
        try {
            generate(files);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make the local CA in " + directory + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** Whether every file is there and the chain is sound, names these hosts and lasts another week. */
    static boolean reusable(TlsFiles files, Instant now) {
        if (!Files.isRegularFile(files.caCertificate()) || !Files.isRegularFile(files.certificate())
                || !Files.isRegularFile(files.privateKey()) || !Files.isRegularFile(files.keyStore())
                || !Files.isRegularFile(files.keyStorePasswordFile())) {
            return false;
        }
        try {
            X509Certificate ca = files.caCertificateX509();
            X509Certificate server = files.chain()[0];
            server.verify(ca.getPublicKey());
            Date later = Date.from(now.plus(RENEW_BEFORE));
            server.checkValidity(later);
            ca.checkValidity(later);
            return subjectAlternativeNames(server).containsAll(expectedNames());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The names a certificate is valid for, as {@code dns:<name>} and {@code ip:<address>}. */
    static Set<String> subjectAlternativeNames(X509Certificate certificate) throws GeneralSecurityException {
        Set<String> names = new HashSet<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries != null) {
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                if (type == 2) {
                    names.add("dns:" + entry.get(1));
                } else if (type == 7) {
                    names.add("ip:" + normalizedIp(String.valueOf(entry.get(1))));
                }
            }
        }
        return names;
    }

    private static Set<String> expectedNames() {
        Set<String> names = new HashSet<>();
        DNS_NAMES.forEach(name -> names.add("dns:" + name));
        IP_ADDRESSES.forEach(ip -> names.add("ip:" + normalizedIp(ip)));
        return names;
    }

    /** One spelling per address ({@code ::1} and {@code 0:0:0:0:0:0:0:1} alike); literals need no lookup. */
    private static String normalizedIp(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: " + literal, e);
        }
    }

    private static void generate(TlsFiles files) throws IOException {
        Path dir = files.directory();
        Files.createDirectories(dir);
        setPermissions(dir, "rwx------");
        Path caStore = dir.resolve("ca.p12");
        Path request = dir.resolve("server.csr");
        Path signed = dir.resolve("server-signed.crt");
        for (Path old : List.of(caStore, request, signed, files.caCertificate(), files.certificate(),
                files.privateKey(), files.keyStore(), files.keyStorePasswordFile())) {
            Files.deleteIfExists(old);
        }
        String password = randomPassword();
        writeSecret(files.keyStorePasswordFile(), password + "\n");
        // The two key pairs do not depend on each other: made side by side, as each keytool is a JVM start.
        CompletableFuture<Void> caKeys = CompletableFuture.runAsync(() -> keytool("-genkeypair", "-alias", "ca",
                "-dname", "CN=MSMEAtlas local CA", "-keyalg", KEY_ALGORITHM, "-groupname", CURVE,
                "-validity", Integer.toString(CA_VALIDITY_DAYS),
                "-ext", "BC:c=ca:true,pathlen:0", "-ext", "KU:c=keyCertSign,cRLSign",
                "-keystore", caStore.toString(), "-storetype", "PKCS12", "-storepass:env", STOREPASS)
                .runUnchecked(password));
        try {
            keytool("-genkeypair", "-alias", "server", "-dname", "CN=localhost",
                    "-keyalg", KEY_ALGORITHM, "-groupname", CURVE, "-validity", Integer.toString(SERVER_VALIDITY_DAYS),
                    "-keystore", files.keyStore().toString(), "-storetype", "PKCS12", "-storepass:env", STOREPASS)
                    .run(password);
            keytool("-certreq", "-alias", "server", "-file", request.toString(),
                    "-keystore", files.keyStore().toString(), "-storepass:env", STOREPASS)
                    .run(password);
            join(caKeys);
            keytool("-gencert", "-alias", "ca", "-infile", request.toString(), "-outfile", signed.toString(), "-rfc",
                    "-validity", Integer.toString(SERVER_VALIDITY_DAYS), "-ext", "SAN=" + sanExtension(),
                    "-ext", "KU:c=digitalSignature", "-ext", "EKU=serverAuth,clientAuth",
                    "-keystore", caStore.toString(), "-storepass:env", STOREPASS)
                    .run(password);
            installChain(files, caStore, signed, password);
        } finally {
            // The CA signs once: its key never outlives this method.
            caKeys.exceptionally(failed -> null).join();
            Files.deleteIfExists(caStore);
            Files.deleteIfExists(request);
            Files.deleteIfExists(signed);
        }
    }

    /** Puts the signed chain beside the key in the PKCS#12 store, and writes the CA, chain and key as PEM. */
    private static void installChain(TlsFiles files, Path caStore, Path signed, String password) throws IOException {
        try {
            Certificate server;
            try (InputStream in = Files.newInputStream(signed)) {
                server = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            Certificate ca = load(caStore, password).getCertificate("ca");
            Files.writeString(files.caCertificate(), pem("CERTIFICATE", ca.getEncoded()), StandardCharsets.US_ASCII);
            KeyStore store = load(files.keyStore(), password);
            PrivateKey key = (PrivateKey) store.getKey("server", password.toCharArray());
            store.setKeyEntry("server", key, password.toCharArray(), new Certificate[] {server, ca});
            try (OutputStream out = Files.newOutputStream(files.keyStore())) {
                store.store(out, password.toCharArray());
            }
            setPermissions(files.keyStore(), "rw-------");
            writeSecret(files.privateKey(), pem("PRIVATE KEY", key.getEncoded()));
            Files.writeString(files.certificate(), pem("CERTIFICATE", server.getEncoded())
                    + pem("CERTIFICATE", ca.getEncoded()), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot install the signed certificate: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static void join(CompletableFuture<Void> step) throws IOException {
        try {
            step.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        }
    }

    private static String sanExtension() {
        List<String> names = new ArrayList<>();
        DNS_NAMES.forEach(name -> names.add("dns:" + name));
        IP_ADDRESSES.forEach(ip -> names.add("ip:" + ip));
        return String.join(",", names);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Created readable by its owner only, before anything is written into it. */
    private static void writeSecret(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    private static Keytool keytool(String... args) {
        return new Keytool(args);
    }

    /** One keytool run; the store password goes through the environment, never the command line. */
    private record Keytool(String... args) {

        void runUnchecked(String password) {
            try {
                run(password);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void run(String password) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put(STOREPASS, password);
            Process process = builder.start();
            // Nothing to answer: a prompt (a missing argument) fails at once instead of waiting.
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("keytool " + args[0] + " did not finish");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while running keytool", e);
            }
            if (process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed (" + process.exitValue() + "): " + output.strip());
            }
        }
    }
}
