package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medcab.api.ZoneInventory;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;

class CycleLoopTest {

    private final Cabinet cabinet = new Cabinet();
    private final InventoryEngine engine = cabinet.engine(
            InventorySettings.DEFAULTS.withCyclePauseMillis(5).withReaderSettleMillis(20));
    private final CycleLoop loop = new CycleLoop(engine);
    private final BlockingQueue<CycleReport> reports = new LinkedBlockingQueue<>();

    @AfterEach
    void stopLoop() {
        assertTrue(loop.stop(Duration.ofSeconds(5)));
    }

    private CycleReport nextReport() throws InterruptedException {
        CycleReport report = reports.poll(5, TimeUnit.SECONDS);
        assertNotNull(report, "no cycle report within 5 s");
        return report;
    }

    /** The first report whose zones match, skipping reports of cycles already under way. */
    private CycleReport reportWithZones(List<String> zones) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            CycleReport report = nextReport();
            if (report.zones().stream().map(ZoneInventory::zone).toList().equals(zones)) {
                return report;
            }
        }
        throw new AssertionError("no report with zones " + zones);
    }

    @Test
    void aThrowingListenerNeitherStopsTheOthersNorTheLoop() throws Exception {
        engine.addReader(cabinet.reader("r1", "0=A1").hears(0, "E1", -50));
        AtomicInteger thrown = new AtomicInteger();
        loop.addListener(report -> {
            thrown.incrementAndGet();
            throw new IllegalStateException("listener bug");
        });
        loop.addListener(reports::add);
        loop.start();

        long first = nextReport().cycle();
        assertEquals(first + 1, nextReport().cycle());
        assertEquals(first + 2, nextReport().cycle());
        assertTrue(thrown.get() >= 3);
    }

    @Test
    void theLoopWaitsForAReaderAndFollowsReadersComingAndGoing() throws Exception {
        loop.addListener(reports::add);
        loop.start();
        assertEquals(null, reports.poll(100, TimeUnit.MILLISECONDS), "no cycles without a reader");

        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -50);
        FakeReader r2 = cabinet.reader("r2", "0=B1").hears(0, "E2", -50);
        engine.addReader(r1);
        reportWithZones(List.of("A1"));
        engine.addReader(r2);
        reportWithZones(List.of("A1", "B1"));
        engine.removeReader(r1);
        reportWithZones(List.of("B1"));
    }

    @Test
    void aListenerRemovedGetsNoMoreReports() throws Exception {
        engine.addReader(cabinet.reader("r1", "0=A1"));
        AtomicInteger calls = new AtomicInteger();
        InventoryListener counting = report -> calls.incrementAndGet();
        loop.addListener(counting);
        loop.addListener(reports::add);
        loop.start();
        nextReport();
        loop.removeListener(counting);
        nextReport(); // possibly delivered to both before the removal took effect
        int after = calls.get();
        nextReport();
        nextReport();
        assertEquals(after, calls.get());
    }

    @Test
    void stopEndsTheThreadCleanly() throws Exception {
        AtomicReference<Thread> inventoryThread = new AtomicReference<>();
        engine.addReader(cabinet.reader("r1", "0=A1"));
        loop.addListener(report -> inventoryThread.set(Thread.currentThread()));
        loop.addListener(reports::add);
        loop.start();
        nextReport();
        assertTrue(loop.stop(Duration.ofSeconds(5)));
        assertFalse(inventoryThread.get().isAlive());
        assertEquals("medcab-inventory", inventoryThread.get().getName());
    }

    @Test
    void stopWorksWhileWaitingForAReader() {
        loop.start();
        assertTrue(loop.stop(Duration.ofSeconds(5)));
    }

    @Test
    void theFirstCycleWaitsUntilTheReadersHaveSettled() throws Exception {
        engine.updateSettings(engine.settings().withReaderSettleMillis(500));
        loop.addListener(reports::add);
        loop.start();
        engine.addReader(cabinet.reader("r1", "0=A1").hears(0, "E1", -50));
        Thread.sleep(100); // the next reader registers a little later, as at start-up
        engine.addReader(cabinet.reader("r2", "0=B1").hears(0, "E2", -50));

        CycleReport first = nextReport();
        assertEquals(List.of("A1", "B1"), first.zones().stream().map(ZoneInventory::zone).toList());
        assertEquals(1, first.cycle());
    }

    @Test
    void aCycleCutByAReaderGoingAwayIsNeverReported() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -50);
        FakeReader r2 = cabinet.reader("r2", "0=B1").hears(0, "E2", -50);
        engine.addReader(r1);
        engine.addReader(r2);
        loop.addListener(reports::add);
        loop.start();
        nextReport();
        // As when the reader bundle stops: the service goes away, then its bus closes.
        r2.beforeCommand(antenna -> {
            engine.removeReader(r2);
            r2.offline();
        });

        List<CycleReport> seen = new java.util.ArrayList<>();
        CycleReport report;
        do {
            report = nextReport();
            seen.add(report);
        } while (report.zones().size() != 1);
        for (CycleReport r : seen) {
            assertTrue(r.zones().stream().allMatch(z -> z.state() == org.medcab.api.ZoneState.KNOWN), r.toString());
            assertTrue(r.readers().stream().allMatch(h -> h.online()), r.toString());
        }
        assertEquals(List.of("A1"), report.zones().stream().map(ZoneInventory::zone).toList());
    }
}
