package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.inventory.internal.Reports.zone;
import static org.medcab.inventory.internal.Reports.zoneIds;
import static org.medcab.inventory.internal.Reports.zoneOf;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.medcab.api.ZoneState;
import org.medcab.inventory.CycleReport;

class DynamicReadersTest {

    private final Cabinet cabinet = new Cabinet();
    private final FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -45);
    private final FakeReader r2 = cabinet.reader("r2", "0=B1").hears(0, "E2", -45).hears(0, "E1", -70);
    private final InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);

    @Test
    void aReaderAddedBetweenCyclesTakesPartInTheNext() throws Exception {
        assertEquals(List.of("A1"), zoneIds(engine.runCycle()));
        engine.addReader(r2);
        CycleReport report = engine.runCycle();
        assertEquals(List.of("A1", "B1"), zoneIds(report));
        assertEquals(Set.of("E2"), zone(report, "B1").added());
        assertEquals("A1", zoneOf(report, "E1"));
    }

    @Test
    void aCycleDuringWhichAReaderIsAddedIsDiscardedAndTheNextIncludesIt() throws Exception {
        r1.beforeCommand(antenna -> engine.addReader(r2));
        CycleDiscardedException discarded = assertThrows(CycleDiscardedException.class, engine::runCycle);
        assertEquals("cycle 1 discarded: readers changed (r2 added)", discarded.getMessage());
        assertEquals(1, r1.commands(), "given up at once, not run to its end");
        assertEquals(0, r2.commands());

        r1.beforeCommand(antenna -> { });
        CycleReport next = engine.runCycle();
        assertEquals(1, next.cycle(), "the discarded cycle is not counted");
        assertEquals(List.of("A1", "B1"), zoneIds(next));
        assertEquals(Set.of("E1"), zone(next, "A1").added());
        assertEquals(4, r2.commands());
    }

    @Test
    void aReaderRemovedLeavesTheReportAndItsItemsAreNotHandedToNeighbours() throws Exception {
        engine.addReader(r2);
        engine.runCycle();
        r2.hears(0, "E1", -70);
        r1.hears(0, "E2", -70); // A1 hears B1's E2 weakly
        engine.removeReader(r2);

        CycleReport without = engine.runCycle();
        assertEquals(List.of("A1"), zoneIds(without));
        assertNull(zoneOf(without, "E2"), "nobody looked at B1: E2 is held, not moved to A1");

        engine.addReader(r2);
        CycleReport back = engine.runCycle();
        assertEquals(ZoneState.KNOWN, zone(back, "B1").state());
        assertEquals(Set.of("E2"), zone(back, "B1").items());
        assertTrue(zone(back, "B1").added().isEmpty(), "compared with B1's last known set, not with nothing");
        assertTrue(zone(back, "A1").added().isEmpty());
    }

    @Test
    void aCycleDuringWhichAReaderIsRemovedIsDiscardedWithoutTouchingTheInventory() throws Exception {
        engine.addReader(r2);
        engine.runCycle();
        int before = r2.commands();
        r2.stopsHearing(0, "E2");
        r1.stopsHearing(0, "E1");
        r2.beforeCommand(antenna -> engine.removeReader(r2));

        CycleDiscardedException discarded = assertThrows(CycleDiscardedException.class, engine::runCycle);
        assertEquals("cycle 2 discarded: readers changed (r2 removed)", discarded.getMessage());
        assertEquals(before + 1, r2.commands(), "a removed reader is not called again");

        CycleReport next = engine.runCycle();
        assertEquals(2, next.cycle());
        assertEquals(List.of("A1"), zoneIds(next));
        assertEquals(Set.of("E1"), zone(next, "A1").removed(), "compared with cycle 1, as if the discarded one never ran");
        assertNull(zoneOf(next, "E2"), "B1 is no longer watched: its items are held, not reported anywhere");
    }

    @Test
    void aSecondReaderWithTheSameIdIsLeftOut() throws Exception {
        FakeReader twin = cabinet.reader("r1", "0=X1").hears(0, "E9", -40);
        engine.addReader(twin);
        CycleReport report = engine.runCycle();
        assertEquals(List.of("A1"), zoneIds(report));
        assertEquals(0, twin.commands());

        engine.removeReader(r1);
        assertEquals(List.of("X1"), zoneIds(engine.runCycle()), "it takes over once the first is gone");
    }
}
