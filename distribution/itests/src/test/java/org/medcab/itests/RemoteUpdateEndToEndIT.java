package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.medcab.demo.HospitalData;
import org.medcab.lab.ChildProcess;
import org.medcab.updatetools.SignMain;
import org.medcab.updatetools.UpdateMain;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The Done-means of remote updates: a running simulated cabinet (gateway process, simulator process on a
 * socat line, real Mosquitto) has its rules bundle updated remotely with a package signed by medcab-sign and
 * sent by medcab-update in chunks; the next birth message reports the new version; a package signed by an
 * untrusted key is refused over MQTT and the new version keeps running; inventory events keep coming. The
 * updated rules keep their configuration: a warning period of 45 days instead of 30 still makes a unit that
 * expires in 40 days yellow after the update.
 */
public class RemoteUpdateEndToEndIT {
    private static final String SITE = "ward3";
    private static final String GATEWAY = "cab-remote";
    private static final String PREFIX = "medcab/" + SITE + "/" + GATEWAY + "/";
    private static final String RULES = "org.medcab.feature.rules";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private ProcessCabinet cabinet;
    private HospitalSubscriber hospital;
    private Path dir;

    @Before
    public void startCabinet() throws Exception {
        dir = temp.getRoot().toPath();
        cabinet = ProcessCabinet.start(dir, SITE, GATEWAY);
        hospital = cabinet.hospital;
        // IT's key, trusted by this gateway, as the README tells IT to do it.
        assertEquals(0, SignMain.run(new String[] {"keygen", "--id", "it-2026", "--dir", dir.resolve("keys").toString()}));
        assertEquals(0, SignMain.run(new String[] {"keygen", "--id", "stranger", "--dir", dir.resolve("stranger").toString()}));
        String trusted = Files.readString(dir.resolve("keys/it-2026.pub")).trim();
        Files.writeString(cabinet.config.resolve("org.medcab.updates.config"),
                "trustedKeys=[\"" + trusted.replace("=", "\\=") + "\"]\nhealthTimeoutSeconds=I\"20\"\n");
        Files.writeString(cabinet.config.resolve("org.medcab.rules.config"), "warningDays=I\"45\"\n");
        ChildProcess gateway = cabinet.startGateway();
        assertTrue(gateway.awaitLine(l -> l.contains("installed " + RULES + " 0.1.0"), Duration.ofSeconds(120)));
    }

    @After
    public void stopCabinet() {
        if (cabinet != null) {
            cabinet.close();
        }
    }

    @Test
    public void rulesUpdatedRemotelyShowInTheNextBirthAndAnUntrustedPackageIsRefused() throws Exception {
        hospital.await(0, m -> m.topic().equals(PREFIX + "birth"), 120, "birth");
        // One unit of zone A1 expires in 40 days: yellow only because the configured warning period is 45 days.
        HospitalData data = HospitalData.of(HospitalData.tags(Files.readString(cabinet.scenarioFile)), LocalDate.now());
        JsonObject unit = null;
        for (JsonElement e : data.items().getAsJsonArray("items")) {
            if (unit == null && e.getAsJsonObject().get("gtin").getAsString().equals(data.mainDrug("A1"))) {
                unit = e.getAsJsonObject().deepCopy();
            }
        }
        unit.addProperty("expiry", LocalDate.now().plusDays(40).toString());
        unit.remove("productionDate");
        JsonArray items = new JsonArray();
        items.add(unit);
        JsonObject itemsBody = new JsonObject();
        itemsBody.add("items", items);
        command("catalog", data.catalog());
        command("items", itemsBody);
        hospital.await(0, m -> isExpiring(m, "A1"), 180, "zone A1 expiring with a 45-day warning period");

        Path dp = dir.resolve("org.medcab.feature.rules_0.1.1.dp");
        Files.write(dp, DeploymentPackages.shippedPackageAt(RULES, "org.medcab.rules", "0.1.1", Map.of(), List.of()));
        assertEquals(0, SignMain.run(new String[] {"sign", "--key", dir.resolve("keys/it-2026.key").toString(), dp.toString()}));
        int mark = hospital.size();
        String out = tool("deploy", dp.toString(), "--chunk-size", "4096");
        assertTrue(out, out.lines().anyMatch(l -> l.startsWith("ok ") && l.contains("version=0.1.1")));
        HospitalSubscriber.Message birth = hospital.await(mark, m -> m.topic().equals(PREFIX + "birth")
                && rulesVersion(m).equals("0.1.1"), 120, "birth message reporting org.medcab.rules 0.1.1");
        assertEquals("medcab/birth/1", birth.json().get("schema").getAsString());
        int updated = hospital.indexOf(birth);
        hospital.await(updated, m -> isExpiring(m, "A1"), 180, "zone A1 still expiring after the update: configuration kept");

        // Signed by a key the gateway does not trust: refused, 0.1.1 keeps running.
        Path bad = dir.resolve("org.medcab.feature.rules_0.1.2.dp");
        Files.write(bad, DeploymentPackages.shippedPackageAt(RULES, "org.medcab.rules", "0.1.2", Map.of(), List.of()));
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

    private static boolean isExpiring(HospitalSubscriber.Message m, String zone) {
        return m.topic().equals(PREFIX + "events/zone-status") && m.json().get("zone").getAsString().equals(zone)
                && m.json().get("condition").getAsString().equals("expiring");
    }

    /** Sends a command as the HIS and waits for its ok. */
    private void command(String name, JsonObject fields) throws Exception {
        JsonObject reply = hospital.command(PREFIX, name, fields, UUID.randomUUID().toString(), 60);
        assertEquals(reply.toString(), "ok", reply.get("status").getAsString());
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
        List<String> args = new ArrayList<>(List.of("--broker", cabinet.broker.url(), "--site", SITE, "--gateway", GATEWAY,
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
}
