package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.lab.Executables;
import org.medcab.lab.MosquittoBroker;
import org.medcab.lab.TestPki;

/**
 * A link started with a user password and TLS store passwords, once accepted and once refused by a
 * real Mosquitto (TLS, client certificate, password file): no secret reaches a log line, at any level
 * of Paho's trace either, nor the settings' description.
 */
class SecretsStayOutOfLogsTest {
    private static final String PASSWORD = "gw-Pa55-7d1e";
    private static final String WRONG_PASSWORD = "gw-Wr0ng-93af";

    @TempDir
    Path dir;

    @Test
    void noPasswordReachesALogLine() throws Exception {
        Assumptions.assumeTrue(MosquittoBroker.binary().isPresent(), "mosquitto is not installed: test skipped");
        Assumptions.assumeTrue(TestPki.openssl().isPresent(), "openssl is not installed: test skipped");
        Path passwd = Executables.find("mosquitto_passwd").orElse(null);
        Assumptions.assumeTrue(passwd != null, "mosquitto_passwd is not installed: test skipped");
        TestPki pki = TestPki.create(dir);
        Process p = new ProcessBuilder(passwd.toString(), "-c", "-b", dir.resolve("passwd").toString(), "cab1", PASSWORD)
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mosquitto_passwd failed");
        int tlsPort = MosquittoBroker.freePort();
        try (MosquittoBroker broker = MosquittoBroker.start(dir, false, "listener " + tlsPort + " 127.0.0.1",
                "cafile " + pki.file("ca.crt"), "certfile " + pki.file("server.crt"), "keyfile " + pki.file("server.key"),
                "require_certificate true", "password_file " + dir.resolve("passwd"))) {
            String log = CapturedLog.during(() -> {
                try (MqttLink accepted = link(pki, tlsPort, PASSWORD, "good");
                     MqttLink refused = link(pki, tlsPort, WRONG_PASSWORD, "bad")) {
                    accepted.start();
                    refused.start();
                    awaitConnected(accepted);
                    Thread.sleep(1000); // several refused attempts
                    assertFalse(refused.isConnected());
                }
            });
            // The capture saw the link at work, so the absence of secrets below means something.
            assertTrue(log.contains("MQTT connected to ssl://localhost:" + tlsPort + " as good"), log);
            assertTrue(log.contains("MQTT connection to ssl://localhost:" + tlsPort + " refused"), log);
            assertTrue(log.contains("password=(set)"), log);
            assertTrue(log.contains("FINE org.eclipse.paho.client.mqttv3."), "Paho's own trace was not captured");
            for (String secret : List.of(PASSWORD, WRONG_PASSWORD, TestPki.PASSWORD)) {
                assertFalse(log.contains(secret), () -> "secret '" + secret + "' logged:\n" + log);
            }
        }
    }

    private static MqttLink link(TestPki pki, int port, String password, String clientId) throws Exception {
        LinkSettings settings = LinkSettings.builder("ssl://localhost:" + port, "site1", "cab1").clientId(clientId)
                .credentials("cab1", password).tlsRequired(true)
                .trustStore(pki.trustStoreOf("ca"), TestPki.PASSWORD).keyStore(pki.clientKeyStore(), TestPki.PASSWORD)
                .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(200)).build();
        assertFalse(settings.toString().contains(password) || settings.toString().contains(TestPki.PASSWORD));
        return new MqttLink(settings, pki.file("data-" + clientId), List::of);
    }

    private static void awaitConnected(MqttLink link) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!link.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(true, link.isConnected(), "the link with the right password did not connect");
    }
}
