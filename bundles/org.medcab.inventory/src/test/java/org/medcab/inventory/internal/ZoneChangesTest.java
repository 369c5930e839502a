package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.inventory.internal.Reports.zone;
import static org.medcab.inventory.internal.Reports.zoneIds;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.medcab.api.ZoneState;
import org.medcab.inventory.CycleReport;

class ZoneChangesTest {

    private final Cabinet cabinet = new Cabinet();

    @Test
    void additionsAndDeletionsAreAgainstThePreviousCycle() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2")
                .hears(0, "E1", -50).hears(0, "E2", -50).hears(1, "E3", -50);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);

        CycleReport first = engine.runCycle();
        assertEquals(Set.of("E1", "E2"), zone(first, "A1").items());
        assertEquals(Set.of("E1", "E2"), zone(first, "A1").added(), "the first cycle adds everything it finds");
        assertEquals(Set.of("E3"), zone(first, "A2").added());

        CycleReport same = engine.runCycle();
        assertEquals(Set.of("E1", "E2"), zone(same, "A1").items());
        assertTrue(zone(same, "A1").added().isEmpty());
        assertTrue(zone(same, "A1").removed().isEmpty());

        r1.stopsHearing(0, "E2").hears(1, "E4", -50);
        CycleReport changed = engine.runCycle();
        assertEquals(Set.of("E1"), zone(changed, "A1").items());
        assertEquals(Set.of("E2"), zone(changed, "A1").removed());
        assertTrue(zone(changed, "A1").added().isEmpty());
        assertEquals(Set.of("E3", "E4"), zone(changed, "A2").items());
        assertEquals(Set.of("E4"), zone(changed, "A2").added());
        assertTrue(zone(changed, "A2").removed().isEmpty());
        assertEquals(3, changed.cycle());
    }

    @Test
    void everyZoneAppearsOnceSortedEvenWhenSeveralReadersWatchIt() throws Exception {
        FakeReader r2 = cabinet.reader("r2", "0=B1", "1=A2").hears(1, "E1", -50);
        FakeReader r1 = cabinet.reader("r1", "0=A2", "1=A1");
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS, r1, r2).runCycle();
        assertEquals(List.of("A1", "A2", "B1"), zoneIds(report));
        assertEquals(Set.of("E1"), zone(report, "A2").items());
        assertTrue(report.zones().stream().allMatch(z -> z.state() == ZoneState.KNOWN));
    }

    @Test
    void anItemHeardOnlyWeaklyIsStillInTheCabinet() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(1, "FA", -74);
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS, r1).runCycle();
        assertEquals(Set.of("FA"), zone(report, "A2").items());
    }

    @Test
    void epcsAreReportedUpperCaseAndMalformedOnesAreIgnored() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "30a4", -50).hears(0, "XYZ!", -50).hears(0, "", -50);
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS, r1).runCycle();
        assertEquals(Set.of("30A4"), zone(report, "A1").items());
    }

    @Test
    void theReportCarriesEveryReadersHealth() throws Exception {
        FakeReader r2 = cabinet.reader("r2", "0=B1");
        FakeReader r1 = cabinet.reader("r1", "0=A1");
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS, r2, r1).runCycle();
        assertEquals(List.of("r1", "r2"), report.readers().stream().map(h -> h.readerId()).toList());
        assertTrue(report.readers().stream().allMatch(h -> h.online()));
    }
}
