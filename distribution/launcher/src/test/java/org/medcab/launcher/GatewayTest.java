package org.medcab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

/** The launcher on a real Equinox, with small generated bundles standing in for the layout's. */
class GatewayTest {
    @TempDir
    Path home;

    private Gateway gateway;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("bundles"));
        Files.writeString(home.resolve(FrameworkSettings.PROPERTIES_FILE), "org.osgi.framework.storage=var/osgi\n");
        bundle("a.jar", "test.a", "1.0.0", null);
        bundle("b.jar", "test.b", "1.0.0", null);
        bundle("a-fragment.jar", "test.a.fragment", "1.0.0", "Fragment-Host: test.a");
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void startsEveryBundleAndAttachesFragments() throws Exception {
        Gateway.Started started = start();
        assertEquals(List.of(), started.problems());
        assertEquals(2, started.active());
        assertEquals(1, started.fragments());
        BundleContext context = started.framework().getBundleContext();
        assertEquals(Bundle.ACTIVE, find(context, "test.a").getState());
        assertEquals(Bundle.ACTIVE, find(context, "test.b").getState());
        assertEquals(Bundle.RESOLVED, find(context, "test.a.fragment").getState());
        assertTrue(log().contains("gateway started"), log());
    }

    @Test
    void aBundleThatCannotResolveIsNamedWithItsMissingPackageAndTheOthersRun() throws Exception {
        bundle("c.jar", "test.c", "1.0.0", "Import-Package: org.example.missing");
        Gateway.Started started = start();
        assertEquals(2, started.active());
        assertEquals(1, started.problems().size());
        String problem = started.problems().get(0);
        assertTrue(problem.contains("test.c") && problem.contains("org.example.missing"), problem);
        assertTrue(log().contains("1 NOT STARTED"), log());
        assertTrue(log().contains("ERROR launcher - test.c 1.0.0 did not start"), log());
    }

    @Test
    void aRestartKeepsInstalledBundlesAndFollowsTheFolder() throws Exception {
        Gateway.Started first = start();
        long idOfA = find(first.framework().getBundleContext(), "test.a").getBundleId();
        gateway.stop(Duration.ofSeconds(10));

        // Same storage: nothing changed, so nothing is reinstalled.
        Gateway.Started second = start();
        BundleContext context = second.framework().getBundleContext();
        assertEquals(idOfA, find(context, "test.a").getBundleId());
        gateway.stop(Duration.ofSeconds(10));

        // An upgrade replaces a jar (same file name, new content) and removes another.
        bundle("a.jar", "test.a", "1.1.0", null);
        Files.delete(home.resolve("bundles/b.jar"));
        Gateway.Started third = start();
        context = third.framework().getBundleContext();
        Bundle a = find(context, "test.a");
        assertEquals(idOfA, a.getBundleId());
        assertEquals(new Version(1, 1, 0), a.getVersion());
        assertEquals(Bundle.ACTIVE, a.getState());
        assertNull(findOrNull(context, "test.b"));
        assertEquals(Bundle.RESOLVED, find(context, "test.a.fragment").getState());
        assertEquals(List.of(), third.problems());
    }

    @Test
    void stopStopsTheFrameworkAndCanBeRepeated() throws Exception {
        Gateway.Started started = start();
        gateway.stop(Duration.ofSeconds(10));
        assertEquals(Bundle.RESOLVED, started.framework().getState());
        gateway.stop(Duration.ofSeconds(10));
        assertTrue(gateway.isStopping());
        assertTrue(log().contains("gateway stopped"), log());
    }

    private Gateway.Started start() throws Exception {
        FrameworkSettings settings = FrameworkSettings.load(LauncherOptions.parse(new String[0], home, home));
        gateway = new Gateway(settings, new ConsoleLog("launcher", new PrintStream(console, true, StandardCharsets.UTF_8)));
        return gateway.start();
    }

    private String log() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static Bundle find(BundleContext context, String symbolicName) {
        Bundle b = findOrNull(context, symbolicName);
        assertNotNull(b, symbolicName + " is not installed");
        return b;
    }

    private static Bundle findOrNull(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }

    private void bundle(String file, String symbolicName, String version, String extraHeader) throws IOException {
        Manifest m = new Manifest();
        Attributes main = m.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        if (extraHeader != null) {
            String[] kv = extraHeader.split(": ", 2);
            main.putValue(kv[0], kv[1]);
        }
        try (OutputStream out = Files.newOutputStream(home.resolve("bundles").resolve(file))) {
            new JarOutputStream(out, m).close(); // a manifest is all a bundle needs to install and start
        }
    }
}
