package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

class CommandSettingsTest {
    /** A configuration as ConfigAdmin hands it: the Metatype defaults, overridden by the given values. */
    private static MqttLinkConfig config(Map<String, Object> values) {
        return (MqttLinkConfig) Proxy.newProxyInstance(MqttLinkConfig.class.getClassLoader(),
                new Class<?>[] {MqttLinkConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    void defaultsAreOneMebibyteSevenDaysAHundredThousandIds() {
        CommandSettings s = MqttLinkComponent.commandSettings(config(Map.of()));
        assertEquals(1024 * 1024, s.maxPayloadBytes());
        assertEquals(Duration.ofDays(7), s.requestRetention());
        assertEquals(100_000, s.requestLogLimit());
        assertEquals(CommandSettings.defaults(), s);
    }

    @Test
    void configuredValuesAreTaken() {
        CommandSettings s = MqttLinkComponent.commandSettings(config(Map.of("commandMaxPayloadBytes", 4096,
                "commandRequestRetentionDays", 30, "commandRequestLogLimit", 10)));
        assertEquals(new CommandSettings(4096, Duration.ofDays(30), 10), s);
    }

    @Test
    void nonsenseIsRefusedNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MqttLinkComponent.commandSettings(config(Map.of("commandMaxPayloadBytes", 10)))).getMessage()
                .contains("commandMaxPayloadBytes"));
        assertThrows(IllegalArgumentException.class,
                () -> MqttLinkComponent.commandSettings(config(Map.of("commandRequestRetentionDays", 0))));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MqttLinkComponent.commandSettings(config(Map.of("commandRequestLogLimit", 0)))).getMessage()
                .contains("commandRequestLogLimit"));
    }

    @Test
    void requestLogForgetsByAgeAndCountButNeverARequestStillBeingHandled(@TempDir Path dir) {
        Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
        try (RequestLog log = RequestLog.open(dir, Duration.ofDays(7), 3)) {
            RequestLog.StoredReply reply = new RequestLog.StoredReply("medcab/reply/sample/1", "reply/sample", t0, new JsonObject());
            log.put("handling", new RequestLog.Request("sample", "d0", t0, RequestLog.State.HANDLING, true, 1, null), t0);
            for (int i = 1; i <= 3; i++) {
                log.put("r" + i, new RequestLog.Request("sample", "d" + i, t0.plusSeconds(i), RequestLog.State.DONE, true, 1 + i, reply),
                        t0.plusSeconds(i));
            }
            // Four ids, limit three: the oldest finished one goes, the one in its handler stays.
            assertEquals(3, log.size());
            assertTrue(log.request("handling").isPresent());
            assertTrue(log.request("r1").isEmpty());
            assertTrue(log.request("r2").isPresent());

            Instant eightDaysOn = t0.plus(Duration.ofDays(8));
            log.put("r9", new RequestLog.Request("sample", "d9", eightDaysOn, RequestLog.State.DONE, true, 9, reply), eightDaysOn);
            assertTrue(log.request("r2").isEmpty());
            assertTrue(log.request("r3").isEmpty());
            assertTrue(log.request("handling").isPresent());
            assertTrue(log.request("r9").isPresent());
        }
        try (RequestLog reopened = RequestLog.open(dir, Duration.ofDays(7), 3)) {
            assertEquals(2, reopened.size(), "what was forgotten stays forgotten after a restart");
        }
    }
}
