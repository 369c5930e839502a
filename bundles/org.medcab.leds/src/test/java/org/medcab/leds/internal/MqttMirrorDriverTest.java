package org.medcab.leds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.leds.internal.Zones.alarm;
import static org.medcab.leds.internal.Zones.expired;
import static org.medcab.leds.internal.Zones.expiring;
import static org.medcab.leds.internal.Zones.ok;
import static org.medcab.leds.internal.Zones.pick;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;

/** The MQTT mirror behind the real controller, sending through an uplink of our own interface. */
class MqttMirrorDriverTest {
    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200));
    private final RecordingUplink uplink = new RecordingUplink();
    private final LightController controller = new LightController(QUICK, Clock.systemUTC(), health -> { });
    private final MqttMirrorDriver mirror = new MqttMirrorDriver("mqtt mirror", uplink, Clock.fixed(Zones.T0, ZoneOffset.UTC));

    @AfterEach
    void close() {
        controller.close();
    }

    @Test
    void eachChangeOfAZoneLightIsOneRetainedLatestMessage() throws InterruptedException {
        controller.addDriver(mirror);
        controller.zoneStatusChanged(expiring("A1"));
        Await.until(() -> uplink.sent().size() == 1, () -> "sent " + uplink.sent());
        UplinkMessage message = uplink.sent().get(0);
        assertEquals("medcab/led/1", message.schema());
        assertEquals("led/A1", message.subtopic());
        assertEquals(Delivery.LATEST, message.delivery());
        assertTrue(message.retained());
        assertEquals(Zones.T0, message.time());
        assertEquals("{\"zone\":\"A1\",\"colour\":\"yellow\",\"pattern\":\"steady\",\"reason\":\"expiring\"}", message.body().toString());

        controller.zoneStatusChanged(expired("A2"));
        controller.zonePicksChanged(pick("A1", "O1"));
        Await.until(() -> uplink.sent().size() == 3, () -> "sent " + uplink.sent());
        // The two changes may reach the mirror as one scene or two: one message per changed zone either way.
        List<UplinkMessage> later = uplink.sent().subList(1, 3);
        assertEquals(Set.of("led/A1", "led/A2"), later.stream().map(UplinkMessage::subtopic).collect(Collectors.toSet()));
        UplinkMessage a1 = later.stream().filter(m -> m.subtopic().equals("led/A1")).findFirst().orElseThrow();
        assertEquals("blink-slow", a1.body().get("pattern").getAsString());
        Thread.sleep(100);
        assertEquals(3, uplink.sent().size(), "zone A1's unchanged light is not sent again: " + uplink.sent());
    }

    @Test
    void blinkPhasesSendNothing() throws InterruptedException {
        controller.addDriver(mirror);
        controller.zoneStatusChanged(alarm(ok("A1")));
        Await.until(() -> uplink.sent().size() == 1, () -> "sent " + uplink.sent());
        for (int i = 0; i < 16; i++) {
            controller.tick();
        }
        Thread.sleep(200);
        assertEquals(1, uplink.sent().size(), "sent " + uplink.sent());
        assertEquals("blink-fast", uplink.sent().get(0).body().get("pattern").getAsString());
    }

    @Test
    void aRefusingUplinkIsRetriedAndTheNewestLightSentOnceItStores() throws InterruptedException {
        uplink.refuse(true);
        controller.addDriver(mirror);
        controller.zoneStatusChanged(expired("A1"));
        Await.until(() -> !controller.health().get(0).working(), () -> "health " + controller.health());
        assertTrue(controller.health().get(0).problem().contains("disk full"), controller.health().get(0).problem());
        controller.zoneStatusChanged(ok("A1"));
        uplink.refuse(false);
        Await.until(() -> controller.health().get(0).working(), () -> "health " + controller.health());
        Await.until(() -> uplink.sent().size() == 1, () -> "sent " + uplink.sent());
        assertEquals("off", uplink.sent().get(0).body().get("colour").getAsString(), "the light of now, not the one refused");
    }

    @Test
    void aZoneIdThatCannotBeATopicLevelIsLeftOutOthersAreSent() throws InterruptedException {
        controller.addDriver(mirror);
        controller.zoneStatusChanged(expired("shelf/1"));
        controller.zoneStatusChanged(expired("A1"));
        Await.until(() -> uplink.sent().size() == 1, () -> "sent " + uplink.sent());
        Thread.sleep(100);
        assertEquals(List.of("led/A1"), uplink.sent().stream().map(UplinkMessage::subtopic).toList());
        assertTrue(controller.health().get(0).working(), "a bad zone id is a configuration error, not a failing driver");
    }
}
