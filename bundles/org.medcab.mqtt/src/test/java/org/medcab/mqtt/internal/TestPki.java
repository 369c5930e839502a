package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away certificate authority made with openssl: a CA, a broker certificate for
 * "localhost" only, a client certificate, and the Java stores a gateway is configured with.
 */
final class TestPki {
    static final String PASSWORD = "changeit";

    final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** Skips the calling test when openssl is not installed. */
    static TestPki create(Path dir) throws IOException, InterruptedException {
        Optional<Path> openssl = List.of("/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl")
                .stream().map(Path::of).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(openssl.isPresent(), "openssl is not installed: TLS tests skipped");
        TestPki pki = new TestPki(dir);
        pki.authority("ca");
        pki.authority("other-ca");
        pki.leaf("server", "ca", "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n");
        pki.leaf("client", "ca", "extendedKeyUsage=clientAuth\n");
        pki.openssl("pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:" + PASSWORD);
        pki.trustStore("ca");
        pki.trustStore("other-ca");
        return pki;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** A PKCS12 trust store holding the certificate of authority {@code ca}. */
    Path trustStoreOf(String ca) {
        return dir.resolve(ca + "-trust.p12");
    }

    Path clientKeyStore() {
        return dir.resolve("client.p12");
    }

    private void authority(String name) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/CN=medcab test " + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void leaf(String name, String ca, String extensions) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
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
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        p.waitFor(20, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), () -> command + " failed: " + read(dir.resolve("openssl.log")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
