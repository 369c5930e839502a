package org.medcab.his;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.lab.Executables;
import org.medcab.lab.MosquittoBroker;
import org.medcab.lab.TestPki;
import org.medcab.mqtt.internal.LinkSettings;
import org.medcab.mqtt.internal.MqttLink;

/**
 * The shipped broker configuration (distribution/broker: mosquitto.conf and acl), run by a real
 * Mosquitto with only its paths and port changed for the bench: TLS with client certificates, the
 * certificate's CN as user name, per-gateway ACLs. The gateway is the real {@link MqttLink}; the HIS
 * is medcab-his; a rogue client holds gateway cab1's certificate.
 */
class BrokerAclTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** How long a message that the broker drops is given to show up anyway. */
    private static final Duration QUIET = Duration.ofMillis(500);
    static final Path SHIPPED = Path.of("../broker");

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static MosquittoBroker broker;
    private static String url;

    @BeforeAll
    static void startBroker() throws Exception {
        Assumptions.assumeTrue(MosquittoBroker.binary().isPresent(), "mosquitto is not installed: broker ACL tests skipped");
        Assumptions.assumeTrue(TestPki.openssl().isPresent(), "openssl is not installed: broker ACL tests skipped");
        pki = TestPki.create(dir);
        pki.client("site1/cab1");
        pki.client("his");
        int port = MosquittoBroker.freePort();
        broker = MosquittoBroker.startConfigured(dir, port, benchConfiguration(dir, port, false));
        url = "ssl://localhost:" + port;
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * The shipped mosquitto.conf for a bench broker in {@code home}: files under {@code home}, the listener
     * on a loopback port, the log on stdout; with {@code passwords}, the documented password alternative.
     */
    static List<String> benchConfiguration(Path home, int port, boolean passwords) throws IOException {
        Files.copy(SHIPPED.resolve("acl"), home.resolve("acl"), StandardCopyOption.REPLACE_EXISTING);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(SHIPPED.resolve("mosquitto.conf"))) {
            String l = line.replace("/etc/mosquitto/medcab/", home + "/").replace("/var/lib/mosquitto/", home + "/");
            if (l.equals("listener 8883")) {
                l = "listener " + port + " 127.0.0.1";
            } else if (l.equals("log_dest syslog")) {
                l = "log_dest stdout";
            } else if (passwords && l.matches("#(require_certificate|use_identity_as_username|password_file) .*")) {
                l = l.substring(1);
            }
            lines.add(l);
        }
        return lines;
    }

    /** TLS to the bench broker as the holder of this key store. */
    static SocketFactory identity(Path keyStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStore.getInstance(pki.trustStoreOf("ca").toFile(), TestPki.PASSWORD.toCharArray()));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStore.getInstance(keyStore.toFile(), TestPki.PASSWORD.toCharArray()), TestPki.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static Mqtt as(String identity, String clientId) throws Exception {
        return Mqtt.connect(url, identity(pki.file(identity.replace('/', '_') + ".p12")), clientId);
    }

    private static String[] hisTls() {
        return new String[] {"--broker", url, "--tls-trust", pki.trustStoreOf("ca").toString(),
                "--tls-key", pki.file("his.p12").toString()};
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void theRealGatewayLinkPublishesAndItsMessagesArriveAtTheHis() throws Exception {
        Cli watch = Cli.start(Map.of(BrokerOptions.TLS_PASSWORD_ENV, TestPki.PASSWORD), "",
                concat(new String[] {"watch"}, concat(hisTls(), "--gateway", "cab1", "--count", "1")));
        watch.awaitErr("watching medcab/site1/cab1/# on " + url, TIMEOUT);
        LinkSettings settings = LinkSettings.builder(url, "site1", "cab1").tlsRequired(true)
                .trustStore(pki.trustStoreOf("ca"), TestPki.PASSWORD)
                .keyStore(pki.file("site1_cab1.p12"), TestPki.PASSWORD)
                .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(500)).build();
        try (MqttLink link = new MqttLink(settings, Files.createDirectories(dir.resolve("cab1-data")), List::of)) {
            link.start();
            assertEquals(Exit.OK, watch.exit(TIMEOUT), watch.err());
        }
        String line = watch.outLines().get(0);
        assertTrue(line.matches("\\S+ cab1 birth seq [0-9]+: gateway online, readers 0/0 online, 0 bundles"), line);
        assertTrue(watch.out().contains("SUMMARY cab1: 1 messages"), watch.out());
    }

    @Test
    void aGatewayPublishesOnlyUnderItsOwnTopicsAndNeverCommands() throws Exception {
        try (Mqtt his = as("his", "his-observer"); Mqtt rogue = as("site1/cab1", "rogue-cab1")) {
            assertEquals(1, his.subscribe("medcab/#"));
            rogue.publish("medcab/site1/cab2/birth", "{\"fake\":1}");
            rogue.publish("medcab/site1/cab2/events/inventory", "{\"fake\":2}");
            rogue.publish("medcab/site2/cab1/birth", "{\"fake\":3}");
            rogue.publish("medcab/site1/cab1/cmd/x", "{\"fake\":4}");
            rogue.publish("medcab/site1/cab1/cmd/pick", "{\"fake\":5}");
            rogue.publish("medcab/site1/cab1/events/inventory", "{\"own\":true}");
            // The broker forwards in order: the own message arrives, none of the refused ones before or after it.
            Mqtt.Received first = his.next(TIMEOUT);
            assertNotNull(first, "the gateway's own message did not arrive");
            assertEquals(new Mqtt.Received("medcab/site1/cab1/events/inventory", "{\"own\":true}"), first);
            assertNull(his.next(QUIET), "a refused publication was delivered");
            assertTrue(rogue.connected(), "Mosquitto drops refused publications without disconnecting (MQTT 3.1.1)");
        }
    }

    @Test
    void aGatewaySubscribesOnlyToItsOwnCommands() throws Exception {
        try (Mqtt rogue = as("site1/cab1", "rogue-cab1-sub"); Mqtt his = as("his", "his-sender")) {
            // Mosquitto 2.0's acl_file checks read access per message at delivery, not at SUBSCRIBE (its default
            // ACL check lets every subscription through): the SUBACK may grant these, what counts is that
            // nothing of another gateway is ever delivered. A broker that checks subscriptions answers 0x80.
            assertTrue(Set.of(1, 0x80).contains(rogue.subscribe("medcab/site1/cab2/cmd/#")), "another gateway's commands");
            assertTrue(Set.of(1, 0x80).contains(rogue.subscribe("medcab/site1/+/cmd/#")), "every gateway's commands");
            assertTrue(Set.of(1, 0x80).contains(rogue.subscribe("medcab/#")), "everything");
            assertEquals(1, rogue.subscribe("medcab/site1/cab1/cmd/#"), "its own commands");
            his.publish("medcab/site1/cab2/cmd/pick", "{\"for\":\"cab2\"}");
            his.publish("medcab/site2/cab1/cmd/pick", "{\"for\":\"site2/cab1\"}");
            his.publish("medcab/site1/cab2/birth", "{\"not\":\"a command\"}"); // refused anyway: the HIS only writes cmd/
            his.publish("medcab/site1/cab1/cmd/pick", "{\"for\":\"cab1\"}");
            // Its own command once, whichever of the overlapping subscriptions delivers it; nothing of cab2 or site2.
            assertEquals(new Mqtt.Received("medcab/site1/cab1/cmd/pick", "{\"for\":\"cab1\"}"), rogue.next(TIMEOUT));
            for (Mqtt.Received more; (more = rogue.next(QUIET)) != null; ) {
                assertEquals("medcab/site1/cab1/cmd/pick", more.topic(), "another gateway's message reached cab1");
            }
        }
    }

    @Test
    void theHisSendsCommandsButCannotPretendToBeAGateway() throws Exception {
        try (Mqtt gateway = as("site1/cab1", "cab1-commands"); Mqtt observer = as("his", "his-observer-2")) {
            assertEquals(1, gateway.subscribe("medcab/site1/cab1/cmd/#"));
            assertEquals(1, observer.subscribe("medcab/site1/cab1/#"));
            try (Mqtt his = as("his", "his-forger")) {
                his.publish("medcab/site1/cab1/birth", "{\"fake\":\"birth\"}");
                his.publish("medcab/site1/cab1/events/inventory", "{\"fake\":\"event\"}");
            }
            // The command through medcab-his itself, as an integrator sends it.
            Cli send = Cli.start(Map.of(BrokerOptions.TLS_PASSWORD_ENV, TestPki.PASSWORD), "",
                    concat(new String[] {"send", "x"}, concat(hisTls(), "--gateway", "cab1", "--timeout", "1",
                            "--request-id", "acl-1")));
            Mqtt.Received command = gateway.next(TIMEOUT);
            assertNotNull(command, "the HIS's command did not reach the gateway: " + send.err());
            assertEquals("medcab/site1/cab1/cmd/x", command.topic());
            assertTrue(command.payload().contains("\"requestId\":\"acl-1\""), command.payload());
            assertEquals("medcab/site1/cab1/cmd/x", observer.next(TIMEOUT).topic(), "the forged birth came first");
            assertNull(observer.next(QUIET), "a forged gateway message was delivered");
            assertEquals(Exit.NOT_DONE, send.exit(TIMEOUT), "nobody answers cmd/x");
        }
    }

    @Test
    void withoutAClientCertificateNobodyGetsIn() throws Exception {
        Cli noCertificate = Cli.start(Map.of(BrokerOptions.TLS_PASSWORD_ENV, TestPki.PASSWORD), "", "watch",
                "--broker", url, "--tls-trust", pki.trustStoreOf("ca").toString(), "--count", "1");
        assertEquals(Exit.UNAVAILABLE, noCertificate.exit(TIMEOUT), noCertificate.err());
        assertTrue(noCertificate.err().contains("cannot connect to " + url), noCertificate.err());
    }

    @Test
    void thePasswordAlternativeWorksWithTheSameAcls() throws Exception {
        Path home = Files.createDirectories(dir.resolve("passwords"));
        for (String f : List.of("ca.crt", "server.crt", "server.key")) {
            Files.copy(pki.file(f), home.resolve(f));
        }
        Path passwd = Executables.find("mosquitto_passwd").orElse(null);
        Assumptions.assumeTrue(passwd != null, "mosquitto_passwd is not installed");
        mosquittoPasswd(passwd, "-c", home.resolve("passwd").toString(), "site1/cab1", "cab1-Secret");
        mosquittoPasswd(passwd, home.resolve("passwd").toString(), "his", "his-Secret");
        int port = MosquittoBroker.freePort();
        try (MosquittoBroker passwords = MosquittoBroker.startConfigured(home, port, benchConfiguration(home, port, true))) {
            String passwordUrl = "ssl://localhost:" + port;
            Path hisPassword = Files.writeString(home.resolve("his.password"), "his-Secret\n");
            Cli watch = Cli.start(Map.of(BrokerOptions.TLS_PASSWORD_ENV, TestPki.PASSWORD), "", "watch",
                    "--broker", passwordUrl, "--tls-trust", pki.trustStoreOf("ca").toString(), "--user", "his",
                    "--password-file", hisPassword.toString(), "--count", "1");
            watch.awaitErr("watching medcab/site1/+/#", TIMEOUT);
            LinkSettings settings = LinkSettings.builder(passwordUrl, "site1", "cab1").tlsRequired(true)
                    .credentials("site1/cab1", "cab1-Secret").trustStore(pki.trustStoreOf("ca"), TestPki.PASSWORD)
                    .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(500)).build();
            try (MqttLink link = new MqttLink(settings, Files.createDirectories(home.resolve("cab1-data")), List::of)) {
                link.start();
                assertEquals(Exit.OK, watch.exit(TIMEOUT), watch.err());
            }
            assertTrue(watch.outLines().get(0).contains(" cab1 birth seq "), watch.out());

            Cli wrong = Cli.start(Map.of(BrokerOptions.TLS_PASSWORD_ENV, TestPki.PASSWORD, BrokerOptions.PASSWORD_ENV,
                    "not-his-Secret"), "", "watch", "--broker", passwordUrl, "--tls-trust",
                    pki.trustStoreOf("ca").toString(), "--user", "his", "--count", "1");
            assertEquals(Exit.UNAVAILABLE, wrong.exit(TIMEOUT));
            assertTrue(!wrong.err().contains("not-his-Secret"), wrong.err());
        }
    }

    private static void mosquittoPasswd(Path binary, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-b"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mosquitto_passwd: " + output);
    }

    /** The ACL template must let a gateway publish on every channel of the contract, and read its commands. */
    @Test
    void theAclCoversEveryChannelOfTheContract() throws Exception {
        List<String> writes = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        for (String line : Files.readAllLines(SHIPPED.resolve("acl"))) {
            Matcher m = Pattern.compile("pattern (write|read) (\\S+)").matcher(line);
            if (m.matches()) {
                (m.group(1).equals("write") ? writes : reads).add(m.group(2).replace("%u", "site1/cab1"));
            }
        }
        String yaml;
        try (InputStream in = BrokerAclTest.class.getClassLoader().getResourceAsStream("contract/asyncapi.yaml")) {
            assertNotNull(in, "contract/asyncapi.yaml (org.medcab.hospital) is not on the test class path");
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher channel = Pattern.compile("(?m)^  medcab/\\{site\\}/\\{gateway\\}/(\\S+):\\s*$").matcher(yaml);
        List<String> channels = new ArrayList<>();
        while (channel.find()) {
            String topic = "medcab/site1/cab1/" + channel.group(1).replaceAll("\\{[^}]+\\}", "x");
            channels.add(topic);
            boolean command = channel.group(1).startsWith("cmd/");
            List<String> rules = command ? reads : writes;
            assertTrue(rules.stream().anyMatch(rule -> matches(rule, topic)),
                    topic + (command ? " is not readable" : " is not writable") + " for a gateway: add a pattern to "
                            + SHIPPED.resolve("acl"));
            if (!command) {
                assertTrue(reads.stream().noneMatch(rule -> matches(rule, topic)), topic);
            }
        }
        assertTrue(channels.size() >= 5, "channels found: " + channels);
        assertTrue(writes.stream().noneMatch(rule -> matches(rule, "medcab/site1/cab1/cmd/x")), "a gateway may write a command");
    }

    /** MQTT topic filter matching: + one level, # the rest. */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
