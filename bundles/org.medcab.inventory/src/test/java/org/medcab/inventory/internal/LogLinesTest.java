package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The log lines operators and support grep for. */
class LogLinesTest {

    private final Cabinet cabinet = new Cabinet();

    private interface Run {
        void run() throws Exception;
    }

    private static String logOf(Run run) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneLinePerCycleWithCountsPassesOutcomeDurationAndChanges() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(0, "E1", -50).hears(1, "E2", -50);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);
        String first = logOf(engine::runCycle);
        assertTrue(first.contains("INFO org.medcab.inventory.internal.InventoryEngine - cycle 1: 2 items in 2 zones, 4 passes, stable, 800 ms, +2 -0"), first);

        r1.stopsHearing(1, "E2");
        String second = logOf(engine::runCycle);
        assertTrue(second.contains("cycle 2: 1 items in 2 zones, 4 passes, stable, 800 ms, +0 -1"), second);
    }

    @Test
    void aReaderGoingOfflineAndComingBackIsLoggedOnce() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(0, "E1", -50);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);
        engine.runCycle();
        r1.offline();
        String offline = logOf(engine::runCycle);
        assertTrue(offline.contains("WARN org.medcab.inventory.internal.InventoryEngine - reader r1 offline: zones A1, A2 unknown (no answer after 2 retries)"), offline);
        assertTrue(offline.contains("unknown: A1, A2"), offline);

        String stillOffline = logOf(engine::runCycle);
        assertTrue(!stillOffline.contains("WARN"), stillOffline);

        r1.online();
        String back = logOf(engine::runCycle);
        assertTrue(back.contains("INFO org.medcab.inventory.internal.InventoryEngine - reader r1 back online: zones A1, A2 known again"), back);
    }

    @Test
    void aDiscardedCycleSaysWhichReadersChanged() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -50);
        FakeReader r2 = cabinet.reader("r2", "0=B1");
        FakeReader r3 = cabinet.reader("r3", "0=C1");
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1, r2);
        engine.runCycle();
        r1.beforeCommand(antenna -> {
            engine.removeReader(r2);
            engine.addReader(r3);
        });
        String log = logOf(() -> assertThrows(CycleDiscardedException.class, engine::runCycle));
        assertTrue(log.contains("INFO org.medcab.inventory.internal.InventoryEngine - cycle 2 discarded: readers changed "
                + "(r2 removed, r3 added)"), log);
    }

    @Test
    void aCycleEndingBeforeANewItemsZoneIsCertainSaysSo() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(0, "E1", -50).hears(1, "E1", -50);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS.withMaxCycleMillis(2_000), r1);
        String log = logOf(engine::runCycle);
        assertTrue(log.contains("cycle 1: 1 items in 2 zones, 10 passes, time limit, 2000 ms, +1 -0, "
                + "1 new items placed before their zone was certain"), log);
    }
}
