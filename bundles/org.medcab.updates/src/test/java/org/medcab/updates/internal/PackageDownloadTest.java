package org.medcab.updates.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** Downloads from a real HTTP server on the loopback. */
class PackageDownloadTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private byte[] dp;

    @BeforeEach
    void serve() throws IOException {
        dp = TestPackages.dp("p", "1.0.0");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/p.dp", x -> {
            x.sendResponseHeaders(200, dp.length);
            x.getResponseBody().write(dp);
            x.close();
        });
        server.createContext("/moved", x -> {
            x.getResponseHeaders().add("Location", "http://example.org/evil.dp");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void downloadsHashesAndReportsProgress() throws IOException {
        List<Integer> percents = new ArrayList<>();
        Path target = dir.resolve("in.dp");
        String digest = new PackageDownload(1 << 20, 5000).fetch(uri("/p.dp"), target, percents::add);
        assertArrayEquals(dp, Files.readAllBytes(target));
        assertEquals(PackageDownload.sha256(target), digest);
        assertEquals(100, percents.get(percents.size() - 1));
    }

    @Test
    void tooLargeMissingAndRedirectedAreRefused() {
        IOException big = assertThrows(IOException.class,
                () -> new PackageDownload(100, 5000).fetch(uri("/p.dp"), dir.resolve("a"), p -> { }));
        assertTrue(big.getMessage().contains("maxPackageBytes"));
        IOException missing = assertThrows(IOException.class,
                () -> new PackageDownload(1 << 20, 5000).fetch(uri("/none.dp"), dir.resolve("b"), p -> { }));
        assertTrue(missing.getMessage().contains("404"));
        IOException moved = assertThrows(IOException.class,
                () -> new PackageDownload(1 << 20, 5000).fetch(uri("/moved"), dir.resolve("c"), p -> { }));
        assertTrue(moved.getMessage().contains("302"));
    }
}
