package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.inventory.internal.Reports.zone;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.medcab.api.ZoneState;
import org.medcab.inventory.CycleReport;
import org.medcab.rs485.InventoryRequest;

class CycleBoundaryTest {

    private final Cabinet cabinet = new Cabinet();

    @Test
    void aStableSetEndsTheCycleAfterStablePassesPlusOne() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(0, "E1", -50).hears(1, "E2", -50);
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS, r1).runCycle();

        assertTrue(report.stable());
        assertEquals(4, report.passes());
        assertEquals(8, r1.commands());
        assertEquals(800, report.duration().toMillis());
        assertEquals(1, report.cycle());
    }

    @Test
    void anItemFoundLateRestartsTheCountOfQuietPasses() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(0, "E1", -50);
        AtomicInteger command = new AtomicInteger();
        r1.beforeCommand(antenna -> {
            if (command.incrementAndGet() == 5) { // pass 3, antenna 0
                r1.hears(1, "1A7E", -60);
            }
        });
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS, r1).runCycle();

        // pass 3 brings 1A7E (antenna 1 answers after the hook), then passes 4, 5, 6 are quiet
        assertEquals(6, report.passes());
        assertTrue(report.stable());
        assertEquals(Set.of("1A7E"), zone(report, "A2").items());
    }

    @Test
    void stablePassesIsConfigurable() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -50);
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS.withStablePasses(1), r1).runCycle();
        assertEquals(2, report.passes());
        assertTrue(report.stable());
    }

    @Test
    void aSetThatNeverSettlesEndsAtTheTimeLimit() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2");
        AtomicInteger serial = new AtomicInteger();
        r1.beforeCommand(antenna -> r1.hears(0, String.format("%024X", serial.incrementAndGet()), -50));
        InventorySettings settings = InventorySettings.DEFAULTS.withMaxCycleMillis(1_000);

        CycleReport report = cabinet.engine(settings, r1).runCycle();

        assertFalse(report.stable());
        assertEquals(1_000, report.duration().toMillis()); // 200 ms per pass, checked between commands
        assertEquals(5, report.passes());
        assertEquals(10, r1.commands());
    }

    @Test
    void theTimeLimitIsCheckedBetweenCommandsOfLaterPasses() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2", "2=A3");
        AtomicInteger serial = new AtomicInteger();
        r1.beforeCommand(antenna -> r1.hears(0, String.format("%024X", serial.incrementAndGet()), -50));

        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS.withMaxCycleMillis(450), r1).runCycle();

        // pass 1: 0..300 ms, pass 2 stops before its third command at 500 ms >= 450
        assertEquals(5, r1.commands());
        assertEquals(2, report.passes());
        assertFalse(report.stable());
    }

    @Test
    void theFirstPassAlwaysCompletesSoEveryZoneIsLookedAt() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2", "2=A3").hears(2, "E3", -50);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS.withMaxCycleMillis(50), r1);
        CycleReport report = engine.runCycle();

        assertEquals(3, r1.commands());
        assertEquals(1, report.passes());
        assertFalse(report.stable());
        assertEquals(ZoneState.KNOWN, zone(report, "A3").state());
        // Read once, E3 waits for a second read, which the next one-pass cycle brings.
        assertEquals(Set.of(), zone(report, "A3").items());
        assertEquals(Set.of("E3"), zone(engine.runCycle(), "A3").items());
    }

    @Test
    void anEpcNewToTheCabinetReadOnlyOnceIsNoItemTillReadAgain() throws Exception {
        // A damaged reply that slipped past the frame checksum: an EPC read once, never again.
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -50).hears(0, "DEAD", -50);
        int[] commands = {0};
        r1.beforeCommand(antenna -> {
            if (commands[0]++ == 1) {
                r1.stopsHearing(0, "DEAD");
            }
        });
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);
        CycleReport first = engine.runCycle();
        assertEquals(Set.of("E1"), zone(first, "A1").items());
        assertEquals(Set.of("E1"), zone(engine.runCycle(), "A1").items());
    }

    @Test
    void readersRunOneAtATimeReaderByReaderAntennaByAntenna() throws Exception {
        FakeReader r2 = cabinet.reader("r2", "1=B2", "0=B1").hears(0, "E3", -50);
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(1, "E1", -50);
        cabinet.engine(InventorySettings.DEFAULTS, r2, r1).runCycle();

        List<String> onePass = List.of("r1/0", "r1/1", "r2/0", "r2/1");
        assertEquals(16, cabinet.calls.size());
        for (int pass = 0; pass < 4; pass++) {
            assertEquals(onePass, cabinet.calls.subList(pass * 4, pass * 4 + 4));
        }
        assertEquals(1, cabinet.maxOnAir.get());
    }

    @Test
    void everyCommandUsesSessionZeroTargetAOneRoundByDefault() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -50);
        cabinet.engine(InventorySettings.DEFAULTS, r1).runCycle();
        assertEquals(Set.of(new InventoryRequest(0, 0, 1)), Set.copyOf(r1.requests()));
    }

    @Test
    void configuredSessionTargetAndRoundsReachTheReader() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -50);
        InventorySettings settings = InventorySettings.DEFAULTS.withSession(2).withTarget(1).withRounds(8);
        cabinet.engine(settings, r1).runCycle();
        assertEquals(Set.of(new InventoryRequest(2, 1, 8)), Set.copyOf(r1.requests()));
    }

    @Test
    void anEmptyCabinetIsAStableKnownEmptySet() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1");
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS, r1).runCycle();
        assertTrue(report.stable());
        assertEquals(4, report.passes());
        assertEquals(ZoneState.KNOWN, zone(report, "A1").state());
        assertTrue(zone(report, "A1").items().isEmpty());
    }

    @Test
    void settingsChangedBetweenCyclesApplyToTheNextCycle() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -50);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);
        assertEquals(4, engine.runCycle().passes());
        engine.updateSettings(InventorySettings.DEFAULTS.withStablePasses(5));
        CycleReport second = engine.runCycle();
        assertEquals(6, second.passes());
        assertEquals(2, second.cycle());
    }

    @Test
    void anInterruptedCycleIsDroppedWithoutAReport() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(0, "E1", -50);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);
        r1.beforeCommand(antenna -> Thread.currentThread().interrupt());
        org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class, engine::runCycle);
        assertFalse(Thread.interrupted(), "the engine consumed the interrupt it reported");

        r1.beforeCommand(antenna -> { });
        CycleReport next = engine.runCycle();
        assertEquals(1, next.cycle(), "the dropped cycle is not counted");
        assertEquals(Set.of("E1"), zone(next, "A1").added());
    }

    @Test
    void aCycleInterruptedDuringItsLastCommandIsDroppedToo() throws Exception {
        // stop() interrupts the inventory thread; a reader command that does not react to it returns
        // normally. If that was the cycle's last command, the cycle must still not be reported.
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -50);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);
        r1.beforeCommand(antenna -> {
            if (r1.commands() == 4) { // pass 4 of 4
                Thread.currentThread().interrupt();
            }
        });
        org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class, engine::runCycle);
        assertFalse(Thread.interrupted(), "the engine consumed the interrupt it reported");
        assertEquals(4, r1.commands());
    }
}
