package org.medcab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority made with openssl: a CA, a broker certificate for
 * "localhost" only, a client certificate, and the Java stores a gateway is configured with.
 * Further client certificates (one per MQTT identity) come from {@link #client(String)}.
 */
public final class TestPki {
    public static final String PASSWORD = "changeit";

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    public static Optional<Path> openssl() {
        return Executables.find("openssl");
    }

    /** @throws IOException when openssl is missing (check {@link #openssl()} first) or fails */
    public static TestPki create(Path dir) throws IOException, InterruptedException {
        if (openssl().isEmpty()) {
            throw new IOException("openssl is not installed (Debian: apt-get install openssl)");
        }
        TestPki pki = new TestPki(dir);
        pki.authority("ca");
        pki.authority("other-ca");
        pki.leaf("server", "/CN=server", "ca", "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n");
        pki.client("client");
        pki.trustStore("ca");
        pki.trustStore("other-ca");
        return pki;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** A PKCS12 trust store holding the certificate of authority {@code ca}. */
    public Path trustStoreOf(String ca) {
        return dir.resolve(ca + "-trust.p12");
    }

    /** The key store of the certificate made at creation, common name "client". */
    public Path clientKeyStore() {
        return dir.resolve("client.p12");
    }

    /**
     * A client certificate signed by "ca" with this common name (what Mosquitto's
     * {@code use_identity_as_username} makes the user name): PEM files {@code <file>.crt} and
     * {@code <file>.key}, and a PKCS12 key store {@code <file>.p12} (password {@link #PASSWORD}),
     * where {@code <file>} is the name with '/' replaced by '_'.
     *
     * @return the key store
     */
    public Path client(String commonName) throws IOException, InterruptedException {
        String file = commonName.replace('/', '_');
        // openssl's -subj separates name parts with '/': one inside the CN is escaped.
        leaf(file, "/CN=" + commonName.replace("/", "\\/"), "ca", "extendedKeyUsage=clientAuth\n");
        openssl("pkcs12", "-export", "-in", file + ".crt", "-inkey", file + ".key", "-out", file + ".p12",
                "-passout", "pass:" + PASSWORD);
        return dir.resolve(file + ".p12");
    }

    private void authority(String name) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/CN=medcab test " + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void leaf(String name, String subject, String ca, String extensions) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
    }

    private void trustStore(String ca) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(ca + ".crt"));
             OutputStream out = Files.newOutputStream(trustStoreOf(ca))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(ca, CertificateFactory.getInstance("X.509").generateCertificate(in));
            store.store(out, PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(openssl().orElseThrow().toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " did not finish within 20 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " failed: " + Files.readString(log));
        }
    }
}
