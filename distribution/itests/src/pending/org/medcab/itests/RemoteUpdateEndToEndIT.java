package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.medcab.demo.GatewayConfigFiles;
import org.medcab.demo.Installation;
import org.medcab.lab.ChildProcess;
import org.medcab.lab.MosquittoBroker;
import org.medcab.lab.PtyPair;
import org.medcab.updatetools.SignMain;
import org.medcab.updatetools.UpdateMain;

import com.google.gson.JsonElement;

/**
 * PENDING: needs the MQTT command dispatcher (cmd/* to CommandHandler services, replies on reply/*) and the
 * fresh birth message on a bundle change. To enable: move this file to src/test/java/org/medcab/itests/ and
 * add to this module's pom
 * {@code <dependency><groupId>org.medcab</groupId><artifactId>update-tools</artifactId><version>${project.version}</version><scope>test</scope></dependency>}.
 *
 * <p>The Done-means of remote updates: a running simulated cabinet (gateway process, simulator process on a
 * socat line, real Mosquitto) has its rules bundle updated remotely with a package signed by medcab-sign and
 * sent by medcab-update in chunks; the next birth message reports the new version; a package signed by an
 * untrusted key is refused over MQTT and the new version keeps running; inventory events keep coming.
 */
public class RemoteUpdateEndToEndIT {
    private static final String SITE = "ward3";
    private static final String GATEWAY = "cab-remote";
    private static final String PREFIX = "medcab/" + SITE + "/" + GATEWAY + "/";
    private static final String RULES = "org.medcab.feature.rules";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<AutoCloseable> running = new ArrayList<>();
    private HospitalSubscriber hospital;
    private MosquittoBroker broker;
    private Path dir;

    @Before
    public void startCabinet() throws Exception {
        Path layout = GatewayBundles.layout();
        dir = temp.getRoot().toPath();
        Path scenarioFile = layout.resolve("scenarios/demo-cabinet.json");
        broker = MosquittoBroker.start(Files.createDirectories(dir.resolve("broker")), false);
        running.add(broker);
        PtyPair line = PtyPair.open(dir, "ttyGateway", "ttySimulator");
        running.add(line);
        ChildProcess simulator = ChildProcess.start("simulator", List.of(layout.resolve("bin/medcab-simulator").toString(),
                "--port", line.b().toString(), "--scenario", scenarioFile.toString()), System.out, "[simulator] ");
        running.add(() -> simulator.stop(Duration.ofSeconds(5)));
        assertTrue(simulator.awaitLine(l -> l.contains("simulator ready"), Duration.ofSeconds(30)));
        hospital = new HospitalSubscriber(broker.url(), PREFIX + "#");
        running.add(hospital);

        // IT's key, trusted by this gateway, as the README tells IT to do it.
        assertEquals(0, SignMain.run(new String[] {"keygen", "--id", "it-2026", "--dir", dir.resolve("keys").toString()}));
        assertEquals(0, SignMain.run(new String[] {"keygen", "--id", "stranger", "--dir", dir.resolve("stranger").toString()}));
        String trusted = Files.readString(dir.resolve("keys/it-2026.pub")).trim();
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.copy(layout.resolve("config/org.medcab.inventory.config"), config.resolve("org.medcab.inventory.config"));
        Files.writeString(config.resolve("org.medcab.updates.config"),
                "trustedKeys=[\"" + trusted.replace("=", "\\=") + "\"]\nhealthTimeoutSeconds=I\"20\"\n");
        GatewayConfigFiles.write(GatewayConfigFiles.files(Installation.parse(Files.readString(scenarioFile)),
                line.a(), new GatewayConfigFiles.HospitalLink(broker.url(), SITE, GATEWAY)), config);
        ChildProcess gateway = ChildProcess.start("gateway", List.of(layout.resolve("bin/medcab").toString(),
                "--config", config.toString(), "--storage", dir.resolve("storage").toString(),
                "--deploy", Files.createDirectories(dir.resolve("deploy")).toString()), System.out, "[gateway] ");
        running.add(0, () -> gateway.stop(Duration.ofSeconds(10)));
        assertTrue(gateway.awaitLine(l -> l.contains("installed " + RULES + " 0.1.0"), Duration.ofSeconds(120)));
    }

    @After
    public void stopCabinet() {
        for (AutoCloseable part : running) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("stopping a part of the test cabinet failed: " + e);
            }
        }
    }

    @Test
    public void rulesUpdatedRemotelyShowInTheNextBirthAndAnUntrustedPackageIsRefused() throws Exception {
        hospital.await(0, m -> m.topic().equals(PREFIX + "events/inventory"), 120, "first inventory event");

        Path dp = dir.resolve("org.medcab.feature.rules_0.1.1.dp");
        Files.write(dp, DeploymentPackages.dp(RULES, "0.1.1", List.of(DeploymentPackages.rewrite(shippedRulesBundle(),
                Map.of("Bundle-Version", "0.1.1"), Map.of()))));
        assertEquals(0, SignMain.run(new String[] {"sign", "--key", dir.resolve("keys/it-2026.key").toString(), dp.toString()}));
        int mark = hospital.size();
        String out = tool("deploy", dp.toString(), "--chunk-size", "4096");
        assertTrue(out, out.lines().anyMatch(l -> l.startsWith("ok ") && l.contains("version=0.1.1")));
        HospitalSubscriber.Message birth = hospital.await(mark, m -> m.topic().equals(PREFIX + "birth")
                && rulesVersion(m).equals("0.1.1"), 120, "birth message reporting org.medcab.rules 0.1.1");
        assertEquals("medcab/birth/1", birth.json().get("schema").getAsString());

        // Signed by a key the gateway does not trust: refused, 0.1.1 keeps running.
        Path bad = dir.resolve("org.medcab.feature.rules_0.1.2.dp");
        Files.write(bad, DeploymentPackages.dp(RULES, "0.1.2", List.of(DeploymentPackages.rewrite(shippedRulesBundle(),
                Map.of("Bundle-Version", "0.1.2"), Map.of()))));
        assertEquals(0, SignMain.run(new String[] {"sign", "--key", dir.resolve("stranger/stranger.key").toString(),
                "--id", "it-2026", bad.toString()}));
        String refused = tool("deploy", bad.toString(), "--chunk-size", "4096");
        assertTrue(refused, refused.lines().anyMatch(l -> l.startsWith("failed ") && l.contains("phase=verify")
                && l.contains("running=0.1.1")));
        String list = tool("list");
        assertTrue(list, list.contains(RULES) && list.contains("0.1.1") && list.contains("healthy"));
        mark = hospital.size();
        hospital.await(mark, m -> m.topic().equals(PREFIX + "events/inventory"), 120, "inventory event after the refusal");
    }

    private String rulesVersion(HospitalSubscriber.Message birth) {
        for (JsonElement b : birth.json().getAsJsonArray("bundles")) {
            if (b.getAsJsonObject().get("name").getAsString().equals("org.medcab.rules")) {
                return b.getAsJsonObject().get("version").getAsString();
            }
        }
        return "";
    }

    /** Runs medcab-update in this JVM and returns what it printed. */
    private String tool(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("--broker", broker.url(), "--site", SITE, "--gateway", GATEWAY,
                "--timeout", "120"));
        args.addAll(List.of(command));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true));
        try {
            UpdateMain.run(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString();
        System.out.print(out);
        return out;
    }

    private static byte[] shippedRulesBundle() throws Exception {
        return DeploymentPackages.shippedBundle(RULES, "org.medcab.rules");
    }
}
