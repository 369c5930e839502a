package org.medcab.leds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;
import org.medcab.leds.LightColour;

/** The component as SCR runs it: its own blink clock, and driver failures told to the HIS. */
class LightControllerComponentTest {
    private final LightControllerComponent component = new LightControllerComponent(new LightControllerComponent.Config() {
        @Override
        public Class<? extends Annotation> annotationType() {
            return LightControllerComponent.Config.class;
        }

        @Override
        public int retryFirstMillis() {
            return 100;
        }

        @Override
        public int retryLongestMillis() {
            return 200;
        }
    });

    @AfterEach
    void deactivate() {
        component.deactivate();
    }

    @Test
    void blinksByItselfAtFourHertz() throws InterruptedException {
        RecordingDriver lamps = new RecordingDriver("lamps", true);
        component.addDriver(lamps);
        component.zoneStatusChanged(Zones.alarm(Zones.ok("A1")));
        lamps.awaitShown(s -> s.litColour("A1") == LightColour.RED);
        lamps.awaitShown(s -> s.litColour("A1") == LightColour.OFF);
        lamps.awaitShown(s -> s.litColour("A1") == LightColour.RED);
        component.removeDriver(lamps);
    }

    @Test
    void aFailingDriverAndItsRecoveryAreToldToTheHis() throws InterruptedException {
        RecordingUplink uplink = new RecordingUplink();
        component.uplink = uplink;
        RecordingDriver board = new RecordingDriver("modbus /dev/ttyUSB1 unit 1", true);
        board.failNext(3);
        component.addDriver(board);
        component.zoneStatusChanged(Zones.expired("A1"));
        Await.until(() -> uplink.sent().size() == 2, () -> "sent " + uplink.sent());
        List<UplinkMessage> sent = uplink.sent();
        assertEquals(List.of("events/led-driver", "events/led-driver"), sent.stream().map(UplinkMessage::subtopic).toList());
        assertEquals(Delivery.RECORD, sent.get(0).delivery());
        assertFalse(sent.get(0).body().get("working").getAsBoolean());
        assertEquals("port gone", sent.get(0).body().get("problem").getAsString());
        assertTrue(sent.get(1).body().get("working").getAsBoolean());
        assertEquals("modbus /dev/ttyUSB1 unit 1", sent.get(1).body().get("driver").getAsString());
        component.removeDriver(board);
    }
}
