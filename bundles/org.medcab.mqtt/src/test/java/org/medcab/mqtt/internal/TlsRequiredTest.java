package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.lab.TestPki;

/** {@code tlsRequired}: plain URLs and unusable TLS stores stop the configuration, with a clear ERROR. */
class TlsRequiredTest {
    @TempDir
    static Path dir;
    private static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        Assumptions.assumeTrue(TestPki.openssl().isPresent(), "openssl is not installed: TLS tests skipped");
        pki = TestPki.create(dir);
    }

    private static LinkSettings.Builder required(String url) {
        return LinkSettings.builder(url, "site1", "cab1").tlsRequired(true);
    }

    private static String refusal(LinkSettings.Builder settings) {
        return assertThrows(IllegalArgumentException.class, settings::build).getMessage();
    }

    @Test
    void aPlainBrokerUrlIsRefused() {
        String message = refusal(required("tcp://broker.hospital:1883"));
        assertEquals("tlsRequired is set, so brokerUrl 'tcp://broker.hospital:1883' is refused: it is not encrypted;"
                + " use ssl://host[:port]", message);
        // Without the setting the same URL is accepted, as before.
        assertTrue(!LinkSettings.builder("tcp://broker.hospital:1883", "site1", "cab1").build().tlsRequired());
    }

    @Test
    void wellFormedStoresAreAccepted() {
        LinkSettings settings = required("ssl://localhost:8883")
                .trustStore(pki.trustStoreOf("ca"), TestPki.PASSWORD)
                .keyStore(pki.clientKeyStore(), TestPki.PASSWORD).build();
        assertTrue(settings.tlsRequired() && settings.usesTls());
        assertTrue(settings.toString().contains("tlsRequired=true"), settings.toString());
        // The JVM's own CAs are a valid choice too.
        assertTrue(required("ssl://localhost:8883").build().tlsRequired());
    }

    @Test
    void everyKindOfStoreMisconfigurationIsRefusedAtConfiguration() throws Exception {
        Path missing = dir.resolve("missing.p12");
        assertTrue(refusal(required("ssl://localhost:8883").trustStore(missing, TestPki.PASSWORD))
                .startsWith("cannot load tlsTrustStore " + missing));
        assertTrue(refusal(required("ssl://localhost:8883").trustStore(pki.trustStoreOf("ca"), "wrong"))
                .startsWith("cannot load tlsTrustStore " + pki.trustStoreOf("ca")));
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");
        assertTrue(refusal(required("ssl://localhost:8883").keyStore(garbage, TestPki.PASSWORD))
                .startsWith("cannot load tlsKeyStore " + garbage));
        // A client key store given as trust store: it has a key, but no CA certificate to trust.
        assertEquals("tlsTrustStore " + pki.clientKeyStore() + " holds no CA certificate",
                refusal(required("ssl://localhost:8883").trustStore(pki.clientKeyStore(), TestPki.PASSWORD)));
        // A trust store given as key store: no key to present.
        assertEquals("tlsKeyStore " + pki.trustStoreOf("ca") + " holds no private key with its certificate",
                refusal(required("ssl://localhost:8883").keyStore(pki.trustStoreOf("ca"), TestPki.PASSWORD)));
        assertEquals("tlsRequired is set and a tlsKeyStorePassword is configured without a tlsKeyStore",
                refusal(required("ssl://localhost:8883").keyStore(null, "secret")));
        assertEquals("tlsRequired is set and a tlsTrustStorePassword is configured without a tlsTrustStore",
                refusal(required("ssl://localhost:8883").trustStore(null, "secret")));
    }

    @Test
    void theComponentLogsAnErrorAndDoesNotStart() throws Exception {
        MqttLinkConfig config = config(Map.of("brokerUrl", "tcp://broker.hospital:1883", "site", "site1",
                "gateway", "cab1", "tlsRequired", true, "password", "gw-secret-1", "username", "cab1"));
        String log = CapturedLog.during(() -> assertThrows(IllegalArgumentException.class,
                () -> new MqttLinkComponent(config, null)));
        // The gateway's logger prints short names; the test's prints the full one.
        assertTrue(log.contains("ERROR org.medcab.mqtt.internal.MqttLinkComponent - MQTT link not started,"
                + " configuration org.medcab.mqtt: tlsRequired is set, so brokerUrl 'tcp://broker.hospital:1883'"
                + " is refused"), log);
        assertTrue(!log.contains("gw-secret-1"), log);
    }

    /** The configuration as ConfigAdmin would hand it over: the given values, defaults for the rest. */
    static MqttLinkConfig config(Map<String, Object> values) {
        return (MqttLinkConfig) Proxy.newProxyInstance(MqttLinkConfig.class.getClassLoader(),
                new Class<?>[] {MqttLinkConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}
