package org.medcab.leds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.leds.internal.Zones.alarm;
import static org.medcab.leds.internal.Zones.expired;
import static org.medcab.leds.internal.Zones.noPicks;
import static org.medcab.leds.internal.Zones.ok;
import static org.medcab.leds.internal.Zones.pick;
import static org.medcab.leds.internal.Zones.readersOffline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medcab.leds.LightColour;
import org.medcab.leds.LightScene;

/** The controller between rules, picks and drivers: blink phases, mailboxes, failing drivers. */
class LightControllerTest {
    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200));
    private final List<DriverHealth> healthChanges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LightController controller = new LightController(QUICK, Clock.systemUTC(), healthChanges::add);

    @AfterEach
    void close() {
        controller.close();
    }

    @Test
    void fastAndSlowBlinkingZonesToggleInOnePhase() {
        controller.zoneStatusChanged(alarm(ok("A1")));          // red, fast
        controller.zoneStatusChanged(alarm(expired("A2")));     // red, fast
        controller.zoneStatusChanged(readersOffline("B1"));     // yellow, slow
        controller.zoneStatusChanged(expired("B2"));            // red, steady
        List<String> a1 = new ArrayList<>();
        List<String> a2 = new ArrayList<>();
        List<String> b1 = new ArrayList<>();
        List<String> b2 = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            LightScene scene = controller.scene();
            a1.add(scene.litColour("A1").name());
            a2.add(scene.litColour("A2").name());
            b1.add(scene.litColour("B1").name());
            b2.add(scene.litColour("B2").name());
            controller.tick();
        }
        List<String> fast = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            fast.add(i % 2 == 0 ? "RED" : "OFF");
            slow.add(i % 8 < 4 ? "YELLOW" : "OFF");
        }
        assertEquals(fast, a1, "4 Hz: one tick (125 ms) on, one off");
        assertEquals(a1, a2, "two fast-blinking zones in the same phase");
        assertEquals(slow, b1, "1 Hz: four ticks on, four off");
        assertEquals(List.of("RED"), b2.stream().distinct().toList(), "steady red never goes dark");
    }

    @Test
    void lampDriversGetBlinkPhasesMirrorsOnlyChanges() throws InterruptedException {
        RecordingDriver lamps = new RecordingDriver("lamps", true);
        RecordingDriver mirror = new RecordingDriver("mirror", false);
        controller.addDriver(lamps);
        controller.addDriver(mirror);
        controller.zoneStatusChanged(alarm(ok("A1")));
        mirror.awaitShown(s -> s.lights().containsKey("A1"));
        lamps.awaitShown(s -> s.litColour("A1") == LightColour.RED);
        int mirrored = mirror.shown().size();
        controller.tick();
        lamps.awaitShown(s -> s.litColour("A1") == LightColour.OFF);
        controller.tick();
        lamps.awaitShown(s -> s.litColour("A1") == LightColour.RED);
        controller.zoneStatusChanged(alarm(ok("A1"))); // same light again: nothing new to show
        controller.zoneStatusChanged(ok("A1"));
        mirror.awaitShown(s -> s.lights().get("A1").colour() == LightColour.OFF);
        assertEquals(mirrored + 1, mirror.shown().size(), "the mirror hears of the light change only, not of the phases: " + mirror.shown());
    }

    @Test
    void pickTurnsGreenAndTheRulesColourReturnsWhenItEnds() throws InterruptedException {
        RecordingDriver lamps = new RecordingDriver("lamps", true);
        controller.addDriver(lamps);
        controller.zoneStatusChanged(expired("A1"));
        lamps.awaitShown(s -> s.litColour("A1") == LightColour.RED);
        controller.zonePicksChanged(pick("A1", "O1"));
        lamps.awaitShown(s -> s.litColour("A1") == LightColour.GREEN);
        controller.zonePicksChanged(noPicks("A1"));
        lamps.awaitShown(s -> s.litColour("A1") == LightColour.RED);
    }

    @Test
    void aHangingDriverBlocksNeitherTheRulesNorTheOtherDriversAndGetsOnlyTheNewestScene() throws InterruptedException {
        RecordingDriver hanging = new RecordingDriver("hanging", true);
        RecordingDriver healthy = new RecordingDriver("healthy", true);
        hanging.hold();
        controller.addDriver(hanging);
        controller.addDriver(healthy);
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            controller.zoneStatusChanged(i % 2 == 0 ? expired("A1") : ok("A1"));
        }
        controller.zoneStatusChanged(readersOffline("A1"));
        long took = System.nanoTime() - start;
        assertTrue(took < Duration.ofSeconds(2).toNanos(), "rules waited " + took / 1_000_000 + " ms for a driver");
        healthy.awaitShown(s -> s.litColour("A1") == LightColour.YELLOW);
        assertTrue(hanging.shown().isEmpty());
        hanging.open();
        hanging.awaitShown(s -> s.litColour("A1") == LightColour.YELLOW);
        assertTrue(hanging.shown().size() <= 2,
                "the hanging driver is shown the scene it hung on and then only the newest: " + hanging.shown().size());
    }

    @Test
    void aFailingDriverIsReportedRetriedWithGrowingPausesAndRecoversWithTheNewestScene() throws InterruptedException {
        RecordingDriver failing = new RecordingDriver("failing", true);
        failing.failNext(Integer.MAX_VALUE);
        controller.addDriver(failing);
        controller.zoneStatusChanged(expired("A1"));
        DriverHealth health = awaitHealth(false);
        assertEquals("port gone", health.problem());
        controller.zonePicksChanged(pick("A1", "O1"));
        Await.until(() -> failing.attempts().size() >= 5, () -> "attempts " + failing.attempts().size());
        failing.failNext(0);
        failing.awaitShown(s -> s.litColour("A1") == LightColour.GREEN);
        assertEquals(1, failing.shown().size(), "after the outage only the newest scene: " + failing.shown());
        assertEquals(0, awaitHealth(true).failures());
        assertEquals(List.of(false, true), healthChanges.stream().map(DriverHealth::working).toList(),
                "told once when it failed and once when it recovered, not at every attempt: " + healthChanges);
        assertEquals("port gone", healthChanges.get(0).problem());
        assertEquals(1, healthChanges.get(0).failures());
        List<Long> attempts = failing.attempts();
        long[] expectedMillis = {50, 100, 200, 200};
        for (int i = 0; i < 4; i++) {
            long pause = (attempts.get(i + 1) - attempts.get(i)) / 1_000_000;
            assertTrue(pause >= expectedMillis[i] - 5, "pause " + (i + 1) + " was " + pause + " ms, expected " + expectedMillis[i]);
        }
    }

    private DriverHealth awaitHealth(boolean working) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (controller.health().get(0).working() != working) {
            assertTrue(System.nanoTime() < deadline, "driver health never became working=" + working);
            Thread.sleep(5);
        }
        return controller.health().get(0);
    }

    @Test
    void aRemovedDriverIsNotCalledAgain() throws InterruptedException {
        RecordingDriver lamps = new RecordingDriver("lamps", true);
        controller.addDriver(lamps);
        controller.zoneStatusChanged(expired("A1"));
        lamps.awaitShown(s -> s.litColour("A1") == LightColour.RED);
        controller.removeDriver(lamps);
        controller.zoneStatusChanged(ok("A1"));
        Thread.sleep(200);
        assertEquals(LightColour.RED, lamps.shown().get(lamps.shown().size() - 1).litColour("A1"));
        assertTrue(controller.health().isEmpty());
    }

    @Test
    void aDriverAddedLaterIsShownTheCurrentLights() throws InterruptedException {
        controller.zoneStatusChanged(expired("A1"));
        RecordingDriver late = new RecordingDriver("late", true);
        controller.addDriver(late);
        late.awaitShown(s -> s.litColour("A1") == LightColour.RED);
    }

    @Test
    void retryPausesDoubleFromOneSecondUpToThirty() {
        RetryPolicy retry = RetryPolicy.DEFAULT;
        List<Long> pauses = new ArrayList<>();
        for (int failures = 1; failures <= 8; failures++) {
            pauses.add(retry.pauseAfter(failures).toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), pauses);
    }
}
