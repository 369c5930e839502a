package org.medcab.leds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.medcab.leds.internal.Zones.alarm;
import static org.medcab.leds.internal.Zones.belowPar;
import static org.medcab.leds.internal.Zones.expired;
import static org.medcab.leds.internal.Zones.expiring;
import static org.medcab.leds.internal.Zones.noPicks;
import static org.medcab.leds.internal.Zones.ok;
import static org.medcab.leds.internal.Zones.pick;
import static org.medcab.leds.internal.Zones.readersOffline;
import static org.medcab.leds.internal.Zones.wrongItem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.lab.CoilBoard;
import org.medcab.lab.PtyPair;

/**
 * The Modbus driver behind the real controller, talking RTU over a socat pseudo-terminal pair to a
 * j2mod slave that plays the relay board. Coils: A1 red 0, yellow 1, green 2; A2 red 3, yellow 4,
 * green 5; B1 (no yellow lamp) red 8, green 9; coils 6 and 7 are not wired.
 */
class ModbusLightDriverTest {
    private static final String[] COILS = {"A1:red=0", "A1:yellow=1", "A1:green=2", "A2:red=3", "A2:yellow=4",
            "A2:green=5", "B1:red=8", "B1:green=9"};
    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(400));

    @TempDir
    Path dir;
    private PtyPair line;
    private CoilBoard board;
    private ModbusLightDriver driver;
    private LightController controller;

    @BeforeEach
    void wire() throws Exception {
        assumeTrue(PtyPair.socatInstalled(), "socat is not installed");
        line = PtyPair.open(dir, "gateway", "board");
        board = new CoilBoard(line.b(), 3, 10);
        driver = new ModbusLightDriver("modbus test", ModbusSettings.of(line.a().toString(), 9600, "none", 3, 300, COILS));
        controller = new LightController(QUICK, Clock.systemUTC(), health -> { });
        controller.addDriver(driver);
    }

    @AfterEach
    void unwire() throws Exception {
        if (controller != null) {
            controller.close();
            driver.close();
            line.close(); // first: the slave's listener then stops at once instead of waiting out its read
            board.close();
        }
    }

    @Test
    void everyRuleOfThePriorityTableOnTheCoils() throws InterruptedException {
        //                          A1  A2     B1
        //                          ryg ryg -- rg
        controller.zoneStatusChanged(ok("A1"));
        controller.zoneStatusChanged(ok("A2"));
        controller.zoneStatusChanged(ok("B1"));
        awaitCoils("000 000 00 00");
        controller.zoneStatusChanged(expiring("A1"));
        awaitCoils("010 000 00 00");
        controller.zoneStatusChanged(expired("A2"));
        awaitCoils("010 100 00 00");
        controller.zoneStatusChanged(belowPar("B1"));
        awaitCoils("010 100 00 10");
        controller.zonePicksChanged(pick("B1", "O1"));      // pick on a red zone: green, slow blink, on-phase now
        awaitCoils("010 100 00 01");
        controller.zonePicksChanged(pick("A2", "O1"));      // pick over expired
        awaitCoils("010 001 00 01");
        controller.zonePicksChanged(noPicks("A2"));         // pick done: red again
        awaitCoils("010 100 00 01");
        controller.zoneStatusChanged(alarm(expiring("A1"))); // alarm beats expiring
        awaitCoils("100 100 00 01");
        controller.zonePicksChanged(wrongItem("B1", "O1"));  // wrong item beats the pick
        awaitCoils("100 100 00 10");
        controller.zoneStatusChanged(readersOffline("A2"));  // unknown: yellow, slow blink
        awaitCoils("100 010 00 10");
        controller.zoneStatusChanged(ok("A1"));
        controller.zoneStatusChanged(ok("A2"));
        controller.zonePicksChanged(noPicks("B1"));
        controller.zoneStatusChanged(ok("B1"));
        awaitCoils("000 000 00 00");
    }

    @Test
    void blinkingIsSeenAsTogglingCoils() throws InterruptedException {
        controller.zoneStatusChanged(alarm(ok("A1")));      // red fast: coil 0 toggles every tick
        controller.zoneStatusChanged(readersOffline("A2")); // yellow slow: coil 4 toggles every four ticks
        controller.zoneStatusChanged(expired("B1"));        // steady red: coil 8 stays on
        awaitCoils("100 010 00 10");
        int steadyWrites = board.writes(8);
        String[] expected = new String[16];
        for (int tick = 0; tick < 16; tick++) {
            expected[tick] = (tick % 2 == 0 ? "1" : "0") + "00 0" + (tick % 8 < 4 ? "1" : "0") + "0 00 10";
        }
        for (int tick = 0; tick < 16; tick++) {
            awaitCoils(expected[tick]);
            controller.tick();
        }
        assertTrue(board.writes(0) >= 16, "coil 0 written on every phase: " + board.writes(0));
        assertEquals(steadyWrites, board.writes(8), "the steady coil is not written again while the others blink");
    }

    @Test
    void onlyChangedCoilsAreWritten() throws InterruptedException {
        // Before the rules speak, the controller shows a dark cabinet: every wired coil is set off once.
        Await.until(() -> board.totalWrites() == 8, () -> "coil writes at start: " + board.totalWrites());
        assertEquals(0, board.writes(6) + board.writes(7), "unwired coils are left alone");
        controller.zoneStatusChanged(ok("A1"));
        controller.zoneStatusChanged(ok("A2"));
        controller.zoneStatusChanged(ok("B1"));
        Thread.sleep(300);
        assertEquals(8, board.totalWrites(), "zones that stay dark are not written again");
        controller.zoneStatusChanged(expiring("A2"));
        awaitCoils("000 010 00 00");
        assertEquals(9, board.totalWrites());
        assertEquals(2, board.writes(4));
        controller.zoneStatusChanged(expired("A2"));  // yellow off, red on: coils 3 and 4
        awaitCoils("000 100 00 00");
        assertEquals(11, board.totalWrites());
        assertEquals(2, board.writes(3));
        assertEquals(3, board.writes(4));
    }

    @Test
    void neighbouringCoilsGoInOneRequestALoneCoilInASingleWrite() throws InterruptedException {
        Await.until(() -> board.requests().size() == 2, () -> "requests " + board.requests());
        assertEquals(List.of("fc15 0+6", "fc15 8+2"), board.requests(), "the dark cabinet at start: coils 0..5 and 8..9");
        controller.zoneStatusChanged(expiring("A2"));  // coil 4 on
        Await.until(() -> board.requests().size() == 3, () -> "requests " + board.requests());
        controller.zoneStatusChanged(expired("A2"));   // coil 4 off, coil 3 on
        Await.until(() -> board.requests().size() == 4, () -> "requests " + board.requests());
        controller.zonePicksChanged(pick("A1", "O1")); // coil 2 on
        controller.zonePicksChanged(pick("B1", "O1")); // coil 9 on
        awaitCoils("001 100 00 01");
        assertEquals(List.of("fc5 4", "fc15 3+2"), board.requests().subList(2, 4));
        assertTrue(board.requests().subList(4, board.requests().size()).stream().allMatch(r -> r.startsWith("fc5 ")),
                "coils 2 and 9 are not neighbours: " + board.requests());
    }

    @Test
    void aLostLineIsReportedRetriedAndTheFullStateRestored() throws Exception {
        controller.zoneStatusChanged(expired("A1"));
        controller.zoneStatusChanged(expiring("A2"));
        controller.zonePicksChanged(pick("B1", "O1"));
        awaitCoils("100 010 00 01");

        // The adapter is unplugged: both ends of the line vanish, the board loses power.
        line.close();
        board.close();
        controller.zoneStatusChanged(ok("A1"));
        awaitHealth(false);
        String problem = controller.health().get(0).problem();
        assertTrue(problem.contains(line.a().toString()), "the report names the port: " + problem);
        Thread.sleep(1000); // several failed attempts at 100, 200, 400 ms pauses
        assertTrue(controller.health().get(0).failures() >= 2, "retried: " + controller.health().get(0));

        // Plugged in again, under the same name; the new board starts with every coil off.
        Files.deleteIfExists(line.a());
        Files.deleteIfExists(line.b());
        line = PtyPair.open(dir, "gateway", "board");
        board = new CoilBoard(line.b(), 3, 10);
        awaitCoils("000 010 00 01"); // the lights of now, not of before the outage
        awaitHealth(true);
        assertEquals(8, board.totalWrites(), "every wired coil written once after reconnecting");
    }

    @Test
    void aBoardThatDoesNotAnswerIsAFailure() throws Exception {
        board.close(); // the line is there, nobody answers
        controller.zoneStatusChanged(expired("A1"));
        awaitHealth(false);
        assertTrue(controller.health().get(0).problem().contains("unit 3"), controller.health().get(0).problem());
    }

    private void awaitCoils(String expected) throws InterruptedException {
        String want = expected.replace(" ", "");
        Await.until(() -> board.states().equals(want), () -> "coils " + board.states() + ", expected " + want);
    }

    private void awaitHealth(boolean working) throws InterruptedException {
        Await.until(() -> controller.health().get(0).working() == working, () -> "driver health " + controller.health());
    }
}
