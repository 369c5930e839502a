package org.medcab.updates.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.lab.TestPki;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Downloads over https from a real TLS server on the loopback whose certificate a test CA signed: the server is
 * verified (a gateway that does not trust that CA refuses the download) and the package arrives intact.
 */
class HttpsDownloadTest {
    @TempDir
    Path dir;
    private HttpsServer server;
    private byte[] dp;
    private SSLSocketFactory jvmDefault;
    private TestPki pki;

    @BeforeEach
    void serve() throws Exception {
        pki = TestPki.create(dir);
        // The server's key store, from the key and certificate the test CA made for "localhost".
        Path serverStore = dir.resolve("server.p12");
        Process p = new ProcessBuilder(TestPki.openssl().orElseThrow().toString(), "pkcs12", "-export",
                "-in", pki.file("server.crt").toString(), "-inkey", pki.file("server.key").toString(),
                "-out", serverStore.toString(), "-passout", "pass:" + TestPki.PASSWORD).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        KeyStore keys = load(serverStore);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, TestPki.PASSWORD.toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        dp = TestPackages.dp("p", "1.0.0");
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/p.dp", x -> {
            x.sendResponseHeaders(200, dp.length);
            x.getResponseBody().write(dp);
            x.close();
        });
        server.start();
        jvmDefault = HttpsURLConnection.getDefaultSSLSocketFactory();
    }

    @AfterEach
    void stop() {
        HttpsURLConnection.setDefaultSSLSocketFactory(jvmDefault);
        server.stop(0);
    }

    @Test
    void aServerTheGatewayTrustsDeliversThePackage() throws Exception {
        trust(pki.trustStoreOf("ca"));
        Path target = dir.resolve("in.dp");
        String digest = new PackageDownload(1 << 20, 5000).fetch(uri(), target, percent -> { });
        assertArrayEquals(dp, Files.readAllBytes(target));
        assertEquals(PackageDownload.sha256(target), digest);
    }

    @Test
    void aServerOfAnotherAuthorityIsRefused() throws Exception {
        trust(pki.trustStoreOf("other-ca"));
        assertThrows(IOException.class,
                () -> new PackageDownload(1 << 20, 5000).fetch(uri(), dir.resolve("x.dp"), percent -> { }));
        assertEquals(false, Files.exists(dir.resolve("x.dp")) && Files.size(dir.resolve("x.dp")) > 0);
    }

    private URI uri() {
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/p.dp");
    }

    /** What the gateway's JVM trusts (its default trust store, in a cabinet). */
    private static void trust(Path trustStore) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(trustStore));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, TestPki.PASSWORD.toCharArray());
        }
        return store;
    }
}
