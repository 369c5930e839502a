package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.ReplyStatus;
import org.medcab.hospital.UplinkMessage;
import org.medcab.inventory.InventoryListener;
import org.medcab.lab.PtyPair;
import org.medcab.simulator.Scenario;
import org.medcab.updates.FeatureHealth;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;

/**
 * Remote updates inside Equinox with the shipped bundle set, Felix Deployment Admin and a simulated cabinet
 * counting all the while: the rules package (installed at start from the layout's packages/) is updated with
 * a signed package sent in chunks and by URL, every bad update is refused or rolled back with a clear reply
 * (bad signature, tampered, wrong digest, corrupt, misnamed, a bundle that does not resolve, a component that
 * fails to activate, the feature's own health probe saying no) while the previous version keeps running, an install interrupted by a crash is undone at the next start,
 * and after every step the inventory completes another cycle.
 *
 * <p>The command handlers are called directly with a small {@link CommandRequest}, as the MQTT command
 * dispatcher would after schema validation.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UpdatesInFrameworkIT {
    private static final String RULES = "org.medcab.feature.rules";
    private static final String RULES_BUNDLE = "org.medcab.rules";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private DeploymentAdmin deploymentAdmin;

    private static boolean shippedInstallChecked;
    private final KeyPair trusted = ed25519();
    private final KeyPair stranger = ed25519();
    private final AtomicInteger cycles = new AtomicInteger();
    private final BlockingQueue<UplinkMessage> uplinked = new LinkedBlockingQueue<>();
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private HttpServer http;
    private PtyPair line;
    private int requests;

    @Configuration
    public Option[] config() {
        return CoreOptions.options(CoreOptions.composite(GatewayBundles.options(true, false)),
                CoreOptions.bundle(GatewayBundles.labBundle().toUri().toString()),
                CoreOptions.frameworkProperty("medcab.packages.dir").value(GatewayBundles.layout().resolve("packages").toString()));
    }

    @Before
    public void cabinetAndUpdater() throws Exception {
        if (!shippedInstallChecked) {
            assertNotNull("the shipped rules package was not installed at start", awaitPackage(RULES, "0.1.0"));
            shippedInstallChecked = true;
        }
        // Each test starts from the shipped rules package, whatever the one before left.
        DeploymentPackage now = deploymentAdmin.getDeploymentPackage(RULES);
        if (now == null || !now.getVersion().toString().equals("0.1.0")) {
            if (now != null) {
                now.uninstall();
            }
            try (InputStream in = Files.newInputStream(GatewayBundles.layout().resolve("packages").resolve(RULES + ".dp"))) {
                deploymentAdmin.installDeploymentPackage(in);
            }
        }

        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", x -> {
            byte[] body = served.get(x.getRequestURI().getPath());
            if (body == null) {
                x.sendResponseHeaders(404, -1);
            } else {
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
            }
            x.close();
        });
        http.start();

        // Capture what the updater reports upwards (outranks any link that may be there).
        Hashtable<String, Object> ranking = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 1000));
        registrations.add(context.registerService(HospitalUplink.class, uplinked::add, ranking));
        registrations.add(context.registerService(InventoryListener.class, r -> cycles.incrementAndGet(), null));

        long before = handlerReference("deploy").getProperty(Constants.SERVICE_ID) instanceof Long l ? l : 0;
        configure("org.medcab.updates", Map.of(
                "trustedKeys", new String[] {"it-2026=" + Base64.getEncoder().encodeToString(trusted.getPublic().getEncoded())},
                "allowedUrlPrefixes", new String[] {"http://127.0.0.1:" + http.getAddress().getPort() + "/"},
                "healthTimeoutSeconds", 5));
        awaitTrue("the updates component did not restart with its configuration",
                () -> (Long) handlerReference("deploy").getProperty(Constants.SERVICE_ID) > before);

        Scenario scenario = Scenario.demo();
        line = PtyPair.open(Files.createTempDirectory("medcab-updates-"), "ttyGateway", "ttySimulator");
        Dictionary<String, Object> sim = new Hashtable<>(Map.of("port", line.b().toString(), "scenario", ""));
        configurationAdmin.getFactoryConfiguration("org.medcab.simulator", "demo", "?").update(sim);
        configurationAdmin.getFactoryConfiguration("org.medcab.rs485.bus", "bus1", "?")
                .update(new Hashtable<>(Map.of("id", "bus1", "port", line.a().toString(), "baud", 115200)));
        for (Scenario.Reader r : scenario.readers()) {
            String[] zones = r.antennas().stream().map(a -> a.port() + "=" + a.zone()).toArray(String[]::new);
            configurationAdmin.getFactoryConfiguration("org.medcab.rs485.reader", r.id(), "?").update(new Hashtable<>(Map.of(
                    "id", r.id(), "busId", "bus1", "address", r.address(), "zones", zones,
                    "outputPowerDbm", r.outputPowerDbm(), "bus.target", "(bus.id=bus1)")));
        }
        awaitTrue("no inventory cycle within 90 s", () -> cycles.get() > 0, 90);
    }

    @After
    public void stop() throws Exception {
        registrations.forEach(ServiceRegistration::unregister);
        if (http != null) {
            http.stop(0);
        }
        org.osgi.service.cm.Configuration[] all = configurationAdmin.listConfigurations(null);
        for (org.osgi.service.cm.Configuration c : all == null ? new org.osgi.service.cm.Configuration[0] : all) {
            c.delete();
        }
        if (line != null) {
            line.close();
        }
    }

    @Test
    public void signedUpdatesInstallAndEveryBadOneLeavesThePreviousVersionRunning() throws Exception {
        // A good update, sent in chunks over MQTT with one chunk lost and resent.
        byte[] v011 = rulesPackage("0.1.1", Map.of(), List.of());
        String transfer = "rules-0.1.1";
        int size = 4096;
        int total = (v011.length + size - 1) / size;
        for (int i = 0; i < total; i++) {
            if (i != 1) {
                sendChunk(transfer, i, total, Arrays.copyOfRange(v011, i * size, Math.min(v011.length, (i + 1) * size)));
            }
        }
        JsonObject status = call("deploy-status", payload("deploy-status", Map.of("transferId", transfer))).result();
        assertEquals(status.toString(), "[1]", status.getAsJsonArray("missing").toString());
        assertEquals(ReplyStatus.REJECTED, deployStatus(deploy("0.1.1", v011, sign(trusted, v011), transferSource(transfer))));
        sendChunk(transfer, 1, total, Arrays.copyOfRange(v011, size, Math.min(v011.length, 2 * size)));
        Outcome installed = await(deploy("0.1.1", v011, sign(trusted, v011), transferSource(transfer)));
        assertEquals(installed.toString(), ReplyStatus.OK, installed.last.status());
        assertEquals("0.1.0", installed.last.result().get("previousVersion").getAsString());
        assertTrue("no progress replies", installed.phases.containsAll(List.of("verify", "install", "health")));
        assertRulesRun("0.1.1");

        // The same by URL, a newer version: download progress is reported.
        byte[] v012 = rulesPackage("0.1.2", Map.of(), List.of());
        Outcome byUrl = await(deploy("0.1.2", v012, sign(trusted, v012), urlSource("/rules-0.1.2.dp", v012)));
        assertEquals(byUrl.toString(), ReplyStatus.OK, byUrl.last.status());
        assertTrue(byUrl.phases.contains("download"));
        assertRulesRun("0.1.2");

        // Refused before anything is fetched.
        assertRejected("/signature/keyId", deploy("0.1.3", v011, sign(stranger, v011), "other-key", urlSource("/a.dp", v011)));
        assertRejected("/source/url", deploy("0.1.3", v011, sign(trusted, v011), "it-2026",
                source("url", "http://updates.elsewhere.example/rules.dp")));
        assertRulesRun("0.1.2");

        byte[] v013 = rulesPackage("0.1.3", Map.of(), List.of());
        // Signed by a key the gateway does not trust, claiming a trusted key id.
        assertFailed("verify", "does not match", deploy("0.1.3", v013, sign(stranger, v013), urlSource("/s.dp", v013)));
        // Tampered after signing (the digest given is the tampered file's).
        byte[] tampered = v013.clone();
        tampered[tampered.length / 2] ^= 0x55;
        assertFailed("verify", null, deploy("0.1.3", tampered, sign(trusted, v013), urlSource("/t.dp", tampered)));
        // Signed correctly, but the digest in the request is not the package's.
        JsonObject wrongDigest = deploy("0.1.3", v013, sign(trusted, v013), urlSource("/d.dp", v013));
        wrongDigest.addProperty("sha256", DeploymentPackages.sha256(v012));
        assertFailed("verify", "SHA-256", wrongDigest);
        // A corrupt archive, correctly signed and digested.
        byte[] corrupt = Arrays.copyOf(v013, v013.length - 300);
        assertFailed("verify", "corrupt package archive", deploy("0.1.3", corrupt, sign(trusted, corrupt), urlSource("/c.dp", corrupt)));
        // A package whose name or version differs from the request's.
        assertFailed("verify", "request names", deploy("0.1.4", v013, sign(trusted, v013), urlSource("/n.dp", v013)));
        // Its bundle does not resolve: installed, not healthy, rolled back.
        byte[] unresolved = rulesPackage("0.1.5", Map.of(Constants.IMPORT_PACKAGE, "org.medcab.nowhere;version=\"[1,2)\""), List.of());
        assertFailed("health", "not resolved", deploy("0.1.5", unresolved, sign(trusted, unresolved), urlSource("/u.dp", unresolved)));
        // One of its components fails to activate: rolled back, the failing bundle removed with it.
        byte[] failing = rulesPackage("0.1.6", Map.of(), List.of(failingBundle()));
        assertFailed("health", "this component never activates", deploy("0.1.6", failing, sign(trusted, failing), urlSource("/f.dp", failing)));
        assertNull("the failing bundle stayed", bundle("org.medcab.itests.failing"));
        // The feature's own health probe says no within the timeout: rolled back.
        ServiceRegistration<FeatureHealth> probe = context.registerService(FeatureHealth.class, new FeatureHealth() {
            @Override public boolean healthy() { return bundle(RULES_BUNDLE).getVersion().toString().equals("0.1.2"); }
            @Override public String reason() { return "no zone evaluated yet"; }
        }, new Hashtable<>(Map.of(FeatureHealth.FEATURE, RULES)));
        try {
            byte[] sick = rulesPackage("0.1.8", Map.of(), List.of());
            assertFailed("health", "no zone evaluated yet", deploy("0.1.8", sick, sign(trusted, sick), urlSource("/h.dp", sick)));
        } finally {
            probe.unregister();
        }

        // deploy-list: the shipped package, its bundle, healthy.
        JsonArray packages = call("deploy-list", payload("deploy-list", Map.of())).result().getAsJsonArray("packages");
        JsonObject rules = null;
        for (var p : packages) {
            if (p.getAsJsonObject().get("name").getAsString().equals(RULES)) {
                rules = p.getAsJsonObject();
            }
        }
        assertNotNull(packages.toString(), rules);
        assertEquals("0.1.2", rules.get("version").getAsString());
        assertTrue(rules.toString(), rules.get("healthy").getAsBoolean());
        assertEquals(RULES_BUNDLE, rules.getAsJsonArray("bundles").get(0).getAsJsonObject().get("symbolicName").getAsString());

        // uninstall: the package and its bundle go; the cabinet keeps counting.
        JsonObject removed = call("uninstall", payload("uninstall", Map.of("package", RULES))).result();
        assertEquals("0.1.2", removed.get("version").getAsString());
        assertNull(deploymentAdmin.getDeploymentPackage(RULES));
        assertNull(bundle(RULES_BUNDLE));
        assertRejected("/package", payload("uninstall", Map.of("package", RULES)), "uninstall");
        awaitAnotherCycle();
    }

    @Test
    public void anInstallInterruptedByACrashIsUndoneAtTheNextStart() throws Exception {
        byte[] v011 = rulesPackage("0.1.1", Map.of(), List.of());
        assertEquals(ReplyStatus.OK, await(deploy("0.1.1", v011, sign(trusted, v011), urlSource("/g.dp", v011))).last.status());

        // What a crash half-way through installing 0.1.7 leaves: the journal, and a package Deployment Admin
        // took in whose bundle does not resolve.
        Bundle updates = bundle("org.medcab.updates");
        Path journal = updates.getBundleContext().getDataFile("journal.json").toPath();
        updates.stop();
        Files.writeString(journal, "{\"package\":\"" + RULES + "\",\"version\":\"0.1.7\",\"previous\":\"0.1.1\"}");
        byte[] half = rulesPackage("0.1.7", Map.of(Constants.IMPORT_PACKAGE, "org.medcab.nowhere"), List.of());
        deploymentAdmin.installDeploymentPackage(new ByteArrayInputStream(half));
        assertEquals("0.1.7", deploymentAdmin.getDeploymentPackage(RULES).getVersion().toString());

        uplinked.clear();
        updates.start();
        // Other bundles speak through the same uplink (the catalog's unregistered-item alarms): take the update event.
        UplinkMessage event = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (event == null && System.nanoTime() < deadline) {
            UplinkMessage next = uplinked.poll(1, TimeUnit.SECONDS);
            if (next != null && next.schema().equals("medcab/update-event/1")) {
                event = next;
            }
        }
        assertNotNull("no update event after the recovery", event);
        assertEquals("medcab/update-event/1", event.schema());
        assertEquals("events/update", event.subtopic());
        assertEquals("recovered", event.body().get("event").getAsString());
        assertEquals("0.1.7", event.body().get("version").getAsString());
        assertEquals("0.1.1", event.body().get("running").getAsString());
        assertFalse("journal left behind", Files.exists(journal));
        assertRulesRun("0.1.1");
    }

    // ---- the cabinet and the rules package

    private void assertRulesRun(String version) throws Exception {
        DeploymentPackage dp = deploymentAdmin.getDeploymentPackage(RULES);
        assertNotNull("rules package missing", dp);
        assertEquals(version, dp.getVersion().toString());
        Bundle rules = bundle(RULES_BUNDLE);
        assertNotNull("rules bundle missing", rules);
        assertEquals(version, rules.getVersion().toString());
        assertEquals(RULES_BUNDLE + " state", Bundle.ACTIVE, rules.getState());
        awaitAnotherCycle();
    }

    /** The cabinet is still counting: one more cycle completes. */
    private void awaitAnotherCycle() throws Exception {
        int seen = cycles.get();
        awaitTrue("inventory stopped counting (" + seen + " cycles)", () -> cycles.get() > seen, 60);
    }

    private static byte[] rulesPackage(String version, Map<String, String> headers, List<byte[]> more) throws IOException {
        return DeploymentPackages.shippedPackageAt(RULES, RULES_BUNDLE, version, headers, more);
    }

    private byte[] failingBundle() throws IOException {
        String cls = "org/medcab/itests/failing/FailingComponent.class";
        byte[] code;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(cls)) {
            code = in.readAllBytes();
        }
        String xml = "<?xml version=\"1.0\"?><scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\""
                + " name=\"failing\" immediate=\"true\"><implementation class=\"org.medcab.itests.failing.FailingComponent\"/>"
                + "</scr:component>";
        return DeploymentPackages.bundle("org.medcab.itests.failing", "1.0.0",
                Map.of("Service-Component", "OSGI-INF/failing.xml"),
                Map.of(cls, code, "OSGI-INF/failing.xml", xml.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- commands as the dispatcher would hand them over

    private static final class Request implements CommandRequest {
        final String command;
        final String id;
        final JsonObject payload;
        final BlockingQueue<CommandReply> followUps = new LinkedBlockingQueue<>();

        Request(String command, String id, JsonObject payload) {
            this.command = command;
            this.id = id;
            this.payload = payload;
        }

        @Override public String command() { return command; }
        @Override public String requestId() { return id; }
        @Override public String correlationId() { return id; }
        @Override public JsonObject payload() { return payload.deepCopy(); }
        @Override public Instant received() { return Instant.now(); }
        @Override public void followUp(CommandReply reply) { followUps.add(reply); }
    }

    private record Outcome(CommandReply last, List<String> phases) {
    }

    private JsonObject payload(String command, Map<String, Object> fields) {
        JsonObject p = new JsonObject();
        p.addProperty("schema", "medcab/cmd/" + command + "/1");
        p.addProperty("requestId", "it-" + (++requests));
        fields.forEach((k, v) -> {
            if (v instanceof Number n) {
                p.addProperty(k, n);
            } else if (v instanceof JsonObject o) {
                p.add(k, o);
            } else {
                p.addProperty(k, v.toString());
            }
        });
        return p;
    }

    private JsonObject deploy(String version, byte[] dp, String signature, JsonObject source) {
        return deploy(version, dp, signature, "it-2026", source);
    }

    private JsonObject deploy(String version, byte[] dp, String signature, String keyId, JsonObject source) {
        JsonObject sig = new JsonObject();
        sig.addProperty("keyId", keyId);
        sig.addProperty("value", signature);
        return payload("deploy", Map.of("package", RULES, "version", version, "sha256", DeploymentPackages.sha256(dp),
                "signature", sig, "source", source));
    }

    private JsonObject urlSource(String path, byte[] body) {
        served.put(path, body);
        return source("url", "http://127.0.0.1:" + http.getAddress().getPort() + path);
    }

    private static JsonObject transferSource(String transferId) {
        return source("transferId", transferId);
    }

    private static JsonObject source(String key, String value) {
        JsonObject s = new JsonObject();
        s.addProperty(key, value);
        return s;
    }

    private void sendChunk(String transfer, int index, int total, byte[] data) throws Exception {
        CommandReply reply = call("deploy-chunk", payload("deploy-chunk", Map.of("transferId", transfer, "index", index,
                "total", total, "sha256", DeploymentPackages.sha256(data), "data", Base64.getEncoder().encodeToString(data))));
        assertEquals(ReplyStatus.OK, reply.status());
    }

    private CommandReply call(String command, JsonObject payload) throws Exception {
        CommandHandler handler = context.getService(handlerReference(command));
        return handler.handle(new Request(command, payload.get("requestId").getAsString(), payload));
    }

    private ReplyStatus deployStatus(JsonObject payload) throws Exception {
        try {
            return call("deploy", payload).status();
        } catch (CommandRejectedException e) {
            return ReplyStatus.REJECTED;
        }
    }

    /** Sends a deploy and waits for its final reply. */
    private Outcome await(JsonObject payload) throws Exception {
        CommandHandler handler = context.getService(handlerReference("deploy"));
        Request request = new Request("deploy", payload.get("requestId").getAsString(), payload);
        CommandReply first = handler.handle(request);
        assertEquals(first.toString(), ReplyStatus.ACCEPTED, first.status());
        List<String> phases = new ArrayList<>();
        while (true) {
            CommandReply reply = request.followUps.poll(60, TimeUnit.SECONDS);
            assertNotNull("no final reply to " + payload + " within 60 s (phases " + phases + ")", reply);
            phases.add(reply.result().get("phase").getAsString());
            if (reply.status() != ReplyStatus.PROGRESS) {
                return new Outcome(reply, phases);
            }
        }
    }

    private void assertFailed(String phase, String problemPart, JsonObject payload) throws Exception {
        Outcome outcome = await(payload);
        assertEquals(outcome.toString(), ReplyStatus.FAILED, outcome.last.status());
        JsonObject result = outcome.last.result();
        assertEquals(result.toString(), phase, result.get("phase").getAsString());
        if (problemPart != null) {
            assertTrue(result.toString(), result.get("problem").getAsString().contains(problemPart));
        }
        assertEquals(result.toString(), "0.1.2", result.get("running").getAsString());
        assertRulesRun("0.1.2");
    }

    private void assertRejected(String field, JsonObject payload) throws Exception {
        assertRejected(field, payload, "deploy");
    }

    private void assertRejected(String field, JsonObject payload, String command) throws Exception {
        try {
            CommandReply reply = call(command, payload);
            fail(command + " was not rejected: " + reply);
        } catch (CommandRejectedException e) {
            assertEquals(e.getMessage(), field, e.field());
        }
    }

    // ---- framework helpers

    private ServiceReference<CommandHandler> handlerReference(String command) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var refs = context.getServiceReferences(CommandHandler.class, "(" + CommandHandler.COMMAND + "=" + command + ")");
            if (!refs.isEmpty()) {
                return refs.stream().max((a, b) -> Long.compare((Long) a.getProperty(Constants.SERVICE_ID),
                        (Long) b.getProperty(Constants.SERVICE_ID))).get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no handler for cmd/" + command);
    }

    private DeploymentPackage awaitPackage(String name, String version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            DeploymentPackage dp = deploymentAdmin.getDeploymentPackage(name);
            if (dp != null && dp.getVersion().toString().equals(version)) {
                return dp;
            }
            Thread.sleep(100);
        }
        return null;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private void configure(String pid, Map<String, Object> properties) throws Exception {
        configurationAdmin.getConfiguration(pid, "?").update(new Hashtable<>(properties));
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String message, Condition condition) throws Exception {
        awaitTrue(message, condition, 30);
    }

    private static void awaitTrue(String message, Condition condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail(message);
            }
            Thread.sleep(100);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(KeyPair pair, byte[] data) throws Exception {
        return DeploymentPackages.sign(pair.getPrivate(), data);
    }
}
