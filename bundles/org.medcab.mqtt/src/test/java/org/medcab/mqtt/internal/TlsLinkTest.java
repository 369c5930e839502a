package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assumptions;
import org.medcab.lab.MosquittoBroker;
import org.medcab.lab.TestPki;

/**
 * The link over TLS to a real Mosquitto: one plain listener (where the test's HIS subscriber
 * listens), one TLS listener, one TLS listener that requires a client certificate.
 */
class TlsLinkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Long enough for several connection attempts to fail, when the test expects them to. */
    private static final Duration REFUSED = Duration.ofMillis(1500);

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static MosquittoBroker broker;
    private static int tlsPort;
    private static int mutualTlsPort;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        Assumptions.assumeTrue(MosquittoBroker.binary().isPresent(),
                "mosquitto is not installed (apt-get install mosquitto): MQTT tests against a real broker skipped");
        Assumptions.assumeTrue(TestPki.openssl().isPresent(), "openssl is not installed: TLS tests skipped");
        pki = TestPki.create(dir);
        tlsPort = MosquittoBroker.freePort();
        mutualTlsPort = MosquittoBroker.freePort();
        String tls = "cafile " + pki.file("ca.crt") + "\ncertfile " + pki.file("server.crt") + "\nkeyfile "
                + pki.file("server.key");
        broker = MosquittoBroker.start(dir, false, "listener " + tlsPort + " 127.0.0.1", tls,
                "listener " + mutualTlsPort + " 127.0.0.1", tls, "require_certificate true");
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private HisSubscriber his(String gateway) throws Exception {
        HisSubscriber his = HisSubscriber.subscribe(broker.url(), "medcab/site1/" + gateway + "/#");
        toClose.add(his);
        return his;
    }

    private MqttLink start(LinkSettings.Builder settings, String gateway) throws IOException {
        MqttLink link = new MqttLink(settings.reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(300)).build(),
                dir.resolve("data-" + gateway), List::of);
        toClose.add(link);
        link.start();
        return link;
    }

    private static LinkSettings.Builder tls(String host, int port, String gateway, String ca) {
        return LinkSettings.builder("ssl://" + host + ":" + port, "site1", gateway)
                .trustStore(pki.trustStoreOf(ca), TestPki.PASSWORD);
    }

    @Test
    void connectsWhenTheBrokersCertificateIsSignedByTheTrustedCa() throws Exception {
        HisSubscriber his = his("tls");
        MqttLink link = start(tls("localhost", tlsPort, "tls", "ca"), "tls");
        assertEquals("medcab/site1/tls/birth", his.next(TIMEOUT).topic());
        assertTrue(link.isConnected());
    }

    @Test
    void offersOnlyTls13Or12AndChecksTheCertificateChain() throws Exception {
        try (SSLSocket socket = (SSLSocket) TlsSockets.create(tls("localhost", tlsPort, "x", "ca").build())
                .createSocket("localhost", tlsPort)) {
            assertTrue(Set.of("TLSv1.3", "TLSv1.2").containsAll(List.of(socket.getEnabledProtocols())),
                    List.of(socket.getEnabledProtocols()).toString());
            socket.startHandshake();
            assertTrue(Set.of("TLSv1.3", "TLSv1.2").contains(socket.getSession().getProtocol()));
        }
        try (SSLSocket socket = (SSLSocket) TlsSockets.create(tls("localhost", tlsPort, "x", "other-ca").build())
                .createSocket("localhost", tlsPort)) {
            assertThrows(SSLHandshakeException.class, socket::startHandshake, "a certificate of an untrusted CA");
        }
    }

    @Test
    void refusesABrokerSignedByAnotherCa() throws Exception {
        HisSubscriber his = his("untrusted");
        MqttLink link = start(tls("localhost", tlsPort, "untrusted", "other-ca"), "untrusted");
        assertEquals(List.of(), his.drain(REFUSED));
        assertFalse(link.isConnected());
    }

    @Test
    void refusesABrokerWhoseCertificateNamesAnotherHost() throws Exception {
        // The certificate is for "localhost" only; the address is right, the name is not.
        HisSubscriber his = his("wronghost");
        MqttLink link = start(tls("127.0.0.1", tlsPort, "wronghost", "ca"), "wronghost");
        assertEquals(List.of(), his.drain(REFUSED));
        assertFalse(link.isConnected());
    }

    @Test
    void presentsTheClientCertificateFromTheKeyStore() throws Exception {
        HisSubscriber his = his("mutual");
        MqttLink link = start(tls("localhost", mutualTlsPort, "mutual", "ca")
                .keyStore(pki.clientKeyStore(), TestPki.PASSWORD), "mutual");
        assertEquals("medcab/site1/mutual/birth", his.next(TIMEOUT).topic());
        assertTrue(link.isConnected());
    }

    @Test
    void anUnreadableStoreIsAClearConfigurationError() {
        LinkSettings settings = tls("localhost", tlsPort, "bad", "ca")
                .keyStore(pki.file("missing.p12"), TestPki.PASSWORD).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MqttLink(settings, dir.resolve("data-bad"), List::of));
        assertTrue(e.getMessage().contains("tlsKeyStore") && e.getMessage().contains("missing.p12"), e.getMessage());
    }
}
