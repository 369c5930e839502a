package org.medcab.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.felix.cm.file.ConfigurationHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.launcher.Main;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The assembled layout (target/medcab), exactly as it ships: its bundles run, its configuration is read. */
class LayoutTest {
    private static final Path LAYOUT = Path.of(System.getProperty("medcab.layout", "target/medcab"));

    @TempDir
    Path run;

    @Test
    void everyShippedBundleRunsAndFileInstallReadsTypedConfiguration() throws Exception {
        Path config = run.resolve("config");
        copyTree(LAYOUT.resolve("config"), config);
        // A technician's reader file, as the example says to: one level up from examples/.
        Files.copy(config.resolve("examples/org.medcab.rs485.reader-r1.config"), config.resolve("org.medcab.rs485.reader-r1.config"));

        Framework framework = Main.launch("--home", LAYOUT.toString(), "--config", config.toString(),
                "--storage", run.resolve("storage").toString());
        try {
            BundleContext context = framework.getBundleContext();
            Map<String, String> wrong = new TreeMap<>();
            for (Path jar : jars(LAYOUT.resolve("bundles"))) {
                Bundle b = context.getBundle(jar.toAbsolutePath().normalize().toUri().toString());
                assertNotNull(b, jar + " is not installed");
                boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
                int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
                if (b.getState() != expected) {
                    wrong.put(b.getSymbolicName(), "state " + b.getState());
                }
            }
            assertEquals(Map.of(), wrong, "bundles of the layout not running");
            assertNotNull(context.getServiceReference("org.osgi.service.component.runtime.ServiceComponentRuntime"),
                    "Declarative Services (SCR) is not running");

            Dictionary<?, ?> inventory = awaitConfiguration(context, "(service.pid=org.medcab.inventory)");
            assertEquals(3, assertInstanceOf(Integer.class, inventory.get("stablePasses")));
            Dictionary<?, ?> mqtt = awaitConfiguration(context, "(service.pid=org.medcab.mqtt)");
            assertEquals("tcp://localhost:1883", mqtt.get("brokerUrl"));
            Dictionary<?, ?> reader = awaitConfiguration(context, "(service.factoryPid=org.medcab.rs485.reader)");
            assertEquals(1, assertInstanceOf(Integer.class, reader.get("address")));
            assertEquals(20, assertInstanceOf(Integer.class, reader.get("outputPowerDbm")));
            assertArrayEquals(new String[] {"0=A1", "1=A2"}, assertInstanceOf(String[].class, reader.get("zones")));
            assertEquals("(bus.id=bus1)", reader.get("bus.target"));
            assertEquals("bus1", reader.get("busId"));
            // config/examples/ holds a bus example too: sub-folders are not read.
            assertEquals(0, listConfigurations(context, "(service.factoryPid=org.medcab.rs485.bus)").size());
            assertEquals(1, listConfigurations(context, "(service.factoryPid=org.medcab.rs485.reader)").size());
        } finally {
            framework.stop();
            framework.waitForStop(20_000);
        }
    }

    @Test
    void aReaderFileDeletedWhileTheGatewayWasStoppedLeavesNoReaderBehind() throws Exception {
        Path config = Files.createDirectories(run.resolve("config"));
        Path readerFile = config.resolve("org.medcab.rs485.reader-r1.config");
        Files.copy(LAYOUT.resolve("config/examples/org.medcab.rs485.reader-r1.config"), readerFile);
        String[] args = {"--home", LAYOUT.toString(), "--config", config.toString(), "--storage", run.resolve("storage").toString()};
        String reader = "(service.factoryPid=org.medcab.rs485.reader)";

        Framework first = Main.launch(args);
        try {
            awaitConfiguration(first.getBundleContext(), reader);
        } finally {
            first.stop();
            first.waitForStop(20_000);
        }
        Files.delete(readerFile); // the technician takes the reader out while the cabinet is off

        Framework second = Main.launch(args);
        try {
            // Give FileInstall's first scan (synchronous at start) and one poll a chance to bring it back.
            Thread.sleep(1500);
            assertEquals(List.of(), listConfigurations(second.getBundleContext(), reader));
        } finally {
            second.stop();
            second.waitForStop(20_000);
        }
    }

    @Test
    void binMedcabStartsWithItsOwnFoldersAndStopsCleanlyOnSigterm() throws Exception {
        Path config = Files.createDirectories(run.resolve("config"));
        Process gateway = new ProcessBuilder(LAYOUT.resolve("bin/medcab").toString(),
                "--config", config.toString(), "--storage", run.resolve("storage").toString())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> read(gateway.getInputStream(), lines));
        try {
            String started = awaitLine(lines, "INFO launcher - gateway started", Duration.ofSeconds(30));
            long nonFragments = jars(LAYOUT.resolve("bundles")).size();
            assertTrue(started.contains(": " + nonFragments + " bundles active") && !started.contains("NOT STARTED"),
                    started);
            assertTrue(started.contains("config " + config) && started.contains("storage " + run.resolve("storage")),
                    started);
        } finally {
            // SIGTERM, as systemd or the demo sends it. Through the handle: Process.destroy() would also close
            // our end of its output, and the shutdown lines would be lost.
            gateway.toHandle().destroy();
            assertTrue(gateway.waitFor(30, TimeUnit.SECONDS), "the gateway did not stop on SIGTERM");
            reading.get(10, TimeUnit.SECONDS);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("INFO launcher - gateway stopped")), String.join("\n", lines));
        assertEquals(143, gateway.exitValue(), "exit status after SIGTERM");
    }

    @Test
    void theExampleBusConfigurationHasTheAgreedTypes() throws IOException {
        try (InputStream in = Files.newInputStream(LAYOUT.resolve("config/examples/org.medcab.rs485.bus-bus1.config"))) {
            Dictionary<?, ?> bus = ConfigurationHandler.read(in);
            assertEquals("bus1", bus.get("id"));
            assertInstanceOf(String.class, bus.get("port"));
            for (String key : List.of("baud", "responseTimeoutMillis", "retries", "reopenIntervalMillis")) {
                assertInstanceOf(Integer.class, bus.get(key), key);
            }
        }
    }

    @Test
    void theDemoCabinetShipsWithTheLayout() throws IOException {
        Path scenario = LAYOUT.resolve("scenarios/demo-cabinet.json");
        assertTrue(Files.isRegularFile(scenario), scenario + " was not extracted from the simulator bundle");
        JsonObject json = JsonParser.parseString(Files.readString(scenario)).getAsJsonObject();
        assertTrue(json.getAsJsonArray("readers").size() > 0, "the demo cabinet has no readers");
    }

    @Test
    void scriptsAreExecutableAndTheSimulatorHasItsClassPath() throws IOException {
        for (String script : List.of("medcab", "medcab-demo", "medcab-simulator", "medcab-his")) {
            assertTrue(Files.isExecutable(LAYOUT.resolve("bin").resolve(script)), script);
        }
        List<String> simulator = jars(LAYOUT.resolve("lib/simulator")).stream()
                .map(p -> p.getFileName().toString().replaceAll("-[0-9][^-]*\\.jar$", "")).sorted().toList();
        assertEquals(List.of("gson", "jSerialComm", "org.medcab.reader.protocol", "org.medcab.simulator", "slf4j-api",
                "slf4j-simple"), simulator);
        assertTrue(Files.isRegularFile(LAYOUT.resolve("lib/launcher.jar")));
        assertTrue(Files.isRegularFile(LAYOUT.resolve("framework/org.eclipse.osgi.jar")));
        assertTrue(Files.isDirectory(LAYOUT.resolve("deploy")));
    }

    @Test
    void binMedcabHisRunsOnItsOwnClassPath() throws Exception {
        List<String> his = jars(LAYOUT.resolve("lib/his")).stream()
                .map(p -> p.getFileName().toString().replaceAll("-[0-9][^-]*\\.jar$", "")).sorted().toList();
        assertEquals(List.of("gson", "his-client", "org.eclipse.paho.client.mqttv3", "org.medcab.identifiers"), his);
        Process help = new ProcessBuilder(LAYOUT.resolve("bin/medcab-his").toString(), "--help").redirectErrorStream(true).start();
        String output = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(30, TimeUnit.SECONDS), "bin/medcab-his --help did not end");
        assertEquals(0, help.exitValue(), output);
        assertTrue(output.startsWith("medcab-his: the hospital side of the medcab MQTT interface"), output);
        for (String subcommand : List.of("watch", "send", "catalog", "items", "par-levels", "pick", "pick-cancel",
                "dispense-order")) {
            assertTrue(output.contains("\n  " + subcommand + " "), subcommand + " missing from:\n" + output);
        }
    }

    private static Dictionary<?, ?> awaitConfiguration(BundleContext context, String filter) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Dictionary<?, ?>> found = listConfigurations(context, filter);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no configuration " + filter + " within 10 s (is ConfigurationAdmin running?"
                        + " did FileInstall read the file?)");
            }
            Thread.sleep(100);
        }
    }

    /** ConfigurationAdmin through reflection: its classes inside the framework are not the test's. */
    private static List<Dictionary<?, ?>> listConfigurations(BundleContext context, String filter) throws Exception {
        // getAll: the test's own class path holds another copy of org.osgi.service.cm (from the configadmin jar),
        // which would make the framework hide the service as "not assignable" from the system bundle.
        ServiceReference<?>[] refs = context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
        if (refs == null) {
            return List.of(); // not registered yet
        }
        ServiceReference<?> ref = refs[0];
        Object admin = context.getService(ref);
        try {
            Class<?> adminType = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
            Class<?> configurationType = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
            Method list = adminType.getMethod("listConfigurations", String.class);
            Method properties = configurationType.getMethod("getProperties");
            Object[] configurations = (Object[]) list.invoke(admin, filter);
            List<Dictionary<?, ?>> result = new ArrayList<>();
            for (Object c : configurations == null ? new Object[0] : configurations) {
                result.add((Dictionary<?, ?>) properties.invoke(c));
            }
            return result;
        } finally {
            context.ungetService(ref);
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void read(InputStream in, List<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println("[bin/medcab] " + line);
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static String awaitLine(List<String> lines, String part, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String l : lines) {
                    if (l.contains(part)) {
                        return l;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no line with '" + part + "' within " + timeout + ":\n" + String.join("\n", lines));
                }
                lines.wait(left);
            }
        }
    }
}
