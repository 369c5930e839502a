package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkSettingsTest {
    private static LinkSettings.Builder valid() {
        return LinkSettings.builder("tcp://localhost:1883", "site1", "cabinet1");
    }

    @Test
    void defaultsFollowTheAgreement() {
        LinkSettings s = valid().build();
        assertEquals("medcab-cabinet1", s.clientId());
        assertEquals("medcab/site1/cabinet1", s.topicRoot());
        assertEquals(30, s.keepAliveSeconds());
        assertNull(s.username());
        assertFalse(s.usesTls());
        assertTrue(LinkSettings.builder("SSL://broker:8883", "s", "g").build().usesTls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a+", "#", "x\u0000"})
    void idsThatAreNotTopicLevelsAreRefused(String bad) {
        IllegalArgumentException site = assertThrows(IllegalArgumentException.class,
                () -> LinkSettings.builder("tcp://h:1", bad, "g").build());
        assertTrue(site.getMessage().startsWith("site id"), site.getMessage());
        IllegalArgumentException gateway = assertThrows(IllegalArgumentException.class,
                () -> LinkSettings.builder("tcp://h:1", "s", bad).build());
        assertTrue(gateway.getMessage().startsWith("gateway id"), gateway.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinkSettings.builder("tcp://h:1", null, "g").build());
    }

    @Test
    void prefixMaySpanLevelsButNotEmptyOnes() {
        assertEquals("hospital/medcab/site1/cabinet1", valid().topicPrefix("hospital/medcab").build().topicRoot());
        for (String bad : new String[] {"", "/medcab", "medcab/", "a//b", "a/+/b"}) {
            assertThrows(IllegalArgumentException.class, () -> valid().topicPrefix(bad).build(), bad);
        }
    }

    @Test
    void passwordsNeverAppearInTheDescription() {
        LinkSettings s = valid().credentials("gw1", "s3cret").trustStore(Path.of("/etc/t.p12"), "trustpw")
                .keyStore(Path.of("/etc/k.p12"), "keypw").build();
        String text = s.toString();
        assertTrue(text.contains("username=gw1"), text);
        assertFalse(text.contains("s3cret") || text.contains("trustpw") || text.contains("keypw"), text);
        assertEquals("s3cret", s.password());
    }

    @Test
    void refusesWhatTheBrokerOrTheWillCouldNotWorkWith() {
        assertThrows(IllegalArgumentException.class, () -> valid().credentials("", "pw").build());
        assertThrows(IllegalArgumentException.class, () -> valid().keepAliveSeconds(0).build());
        assertThrows(IllegalArgumentException.class, () -> LinkSettings.builder("http://h", "s", "g").build());
        assertThrows(IllegalArgumentException.class, () -> LinkSettings.builder("", "s", "g").build());
        assertThrows(IllegalArgumentException.class, () -> LinkSettings.builder("tcp://", "s", "g").build());
        assertEquals("tcp://broker", LinkSettings.builder("tcp://broker", "s", "g").build().brokerUrl());
    }

    @Test
    void componentConfigurationMapsBlankToAbsent() {
        LinkSettings s = MqttLinkComponent.settings(new Config("", "", "", ""));
        assertEquals("medcab-cab7", s.clientId());
        assertNull(s.trustStore());
        assertNull(s.keyStore());
        assertNull(s.username());
        LinkSettings tls = MqttLinkComponent.settings(new Config("id9", "/etc/medcab/trust.p12", "gw", "pw"));
        assertEquals("id9", tls.clientId());
        assertEquals(Path.of("/etc/medcab/trust.p12"), tls.trustStore());
        assertEquals("gw", tls.username());
        assertEquals(5000, tls.outboxMaxMessages());
        assertEquals(1_000_000, tls.outboxMaxBytes());
        assertEquals(Duration.ofSeconds(15), tls.healthInterval());
    }

    @Test
    void refusesOutboxBoundsAndHealthIntervalsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> valid().outboxBounds(0, 1000).build());
        assertThrows(IllegalArgumentException.class, () -> valid().outboxBounds(10, 0).build());
        assertThrows(IllegalArgumentException.class, () -> valid().healthInterval(Duration.ZERO).build());
        LinkSettings defaults = valid().build();
        assertEquals(100_000, defaults.outboxMaxMessages());
        assertEquals(64L * 1024 * 1024, defaults.outboxMaxBytes());
        assertEquals(Duration.ofSeconds(60), defaults.healthInterval());
    }

    /** What ConfigAdmin would hand the component. */
    @SuppressWarnings("all")
    private record Config(String clientId, String tlsTrustStore, String username, String password)
            implements MqttLinkConfig {
        public String brokerUrl() {
            return "ssl://broker:8883";
        }

        public String site() {
            return "ward3";
        }

        public String gateway() {
            return "cab7";
        }

        public String tlsTrustStorePassword() {
            return "changeit";
        }

        public String tlsKeyStore() {
            return " ";
        }

        public String tlsKeyStorePassword() {
            return "";
        }

        public boolean tlsRequired() {
            return false;
        }

        public int keepAliveSeconds() {
            return 30;
        }

        public String topicPrefix() {
            return "medcab";
        }

        public int outboxMaxMessages() {
            return 5000;
        }

        public long outboxMaxBytes() {
            return 1_000_000;
        }

        public int healthIntervalSeconds() {
            return 15;
        }

        public int commandMaxPayloadBytes() {
            return CommandSettings.DEFAULT_MAX_PAYLOAD_BYTES;
        }

        public int commandRequestRetentionDays() {
            return 7;
        }

        public int commandRequestLogLimit() {
            return CommandSettings.DEFAULT_LOG_LIMIT;
        }

        public Class<? extends Annotation> annotationType() {
            return MqttLinkConfig.class;
        }
    }
}
