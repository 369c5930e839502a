package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.inventory.internal.Reports.zone;
import static org.medcab.inventory.internal.Reports.zoneIds;
import static org.medcab.inventory.internal.Reports.zoneOf;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medcab.api.ReaderHealth;
import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.inventory.CycleReport;

class ReaderOfflineTest {

    private final Cabinet cabinet = new Cabinet();
    private FakeReader r1;
    private FakeReader r2;
    private InventoryEngine engine;

    @BeforeEach
    void cabinetWithTwoReaders() {
        r1 = cabinet.reader("r1", "0=A1", "1=A2")
                .hears(0, "E1", -45).hears(0, "E2", -45).hears(1, "E3", -45);
        r2 = cabinet.reader("r2", "0=B1").hears(0, "E4", -45)
                .hears(0, "E1", -70); // B1 hears A1's E1 weakly
        engine = cabinet.engine(InventorySettings.DEFAULTS, r1, r2);
    }

    /** The reader goes offline at the n-th command from now (1 = the next one). */
    private static void failOnCommand(FakeReader reader, int n) {
        int at = reader.commands() + n;
        reader.beforeCommand(antenna -> {
            if (reader.commands() == at) {
                reader.offline();
            }
        });
    }

    @Test
    void anUnansweringReadersZonesAreUnknownWithTheirLastKnownItems() throws Exception {
        engine.runCycle();
        r1.offline();
        CycleReport report = engine.runCycle();

        assertEquals(List.of("A1", "A2", "B1"), zoneIds(report));
        ZoneInventory a1 = zone(report, "A1");
        assertEquals(ZoneState.UNKNOWN, a1.state());
        assertEquals(Set.of("E1", "E2"), a1.items(), "never reported as emptied");
        assertTrue(a1.added().isEmpty());
        assertTrue(a1.removed().isEmpty());
        assertEquals(ZoneState.UNKNOWN, zone(report, "A2").state());
        assertEquals(Set.of("E3"), zone(report, "A2").items());

        ZoneInventory b1 = zone(report, "B1");
        assertEquals(ZoneState.KNOWN, b1.state());
        assertEquals(Set.of("E4"), b1.items(), "E1 heard weakly by B1 does not move there while A1 is unknown");
        assertTrue(b1.added().isEmpty());

        ReaderHealth health = report.readers().stream().filter(h -> h.readerId().equals("r1")).findFirst().orElseThrow();
        assertFalse(health.online());
    }

    @Test
    void itemsOfAnUnknownZoneStayThereEvenIfANeighbourHearsThemWell() throws Exception {
        engine.runCycle();
        r1.offline();
        r2.hears(0, "E1", -40);
        for (int i = 0; i < 3; i++) {
            CycleReport report = engine.runCycle();
            assertEquals("A1", zoneOf(report, "E1"));
        }
    }

    @Test
    void anOfflineReaderIsNotAskedAgainInThatCycle() throws Exception {
        r1.offline();
        engine.runCycle();
        assertEquals(1, r1.commands(), "A2's antenna and the later passes skip r1");
        assertEquals(4, r2.commands());
    }

    @Test
    void aRecoveredReadersZonesAreComparedWithTheirLastKnownSet() throws Exception {
        engine.runCycle();
        r1.offline();
        engine.runCycle();
        // While it was down, E2 left A1 and E5 arrived.
        r1.stopsHearing(0, "E2").hears(0, "E5", -45);
        engine.runCycle();
        r1.online();
        CycleReport report = engine.runCycle();

        ZoneInventory a1 = zone(report, "A1");
        assertEquals(ZoneState.KNOWN, a1.state());
        assertEquals(Set.of("E1", "E5"), a1.items());
        assertEquals(Set.of("E5"), a1.added());
        assertEquals(Set.of("E2"), a1.removed());
        assertEquals(ZoneState.KNOWN, zone(report, "A2").state());
        assertTrue(zone(report, "A2").added().isEmpty());
        assertTrue(zone(report, "A2").removed().isEmpty());
    }

    @Test
    void aZoneNeverKnownIsUnknownAndNotReportedAsAnything() throws Exception {
        r1.offline();
        CycleReport report = engine.runCycle();
        assertEquals(ZoneState.UNKNOWN, zone(report, "A1").state());
        assertTrue(zone(report, "A1").items().isEmpty());
    }

    @Test
    void aReaderFailingAfterItsFirstPassStillMakesItsZonesUnknown() throws Exception {
        engine.runCycle();
        r1.stopsHearing(0, "E2");
        failOnCommand(r1, 3); // pass 2
        CycleReport report = engine.runCycle();
        assertEquals(ZoneState.UNKNOWN, zone(report, "A1").state());
        assertEquals(Set.of("E1", "E2"), zone(report, "A1").items(), "a partial look does not delete E2");
    }

    @Test
    void aZoneWatchedByAnOfflineAndAnOnlineReaderIsUnknown() throws Exception {
        FakeReader r3 = cabinet.reader("r3", "0=A1").hears(0, "E1", -50);
        engine.addReader(r3);
        engine.runCycle();
        r1.offline();
        CycleReport report = engine.runCycle();
        assertEquals(ZoneState.UNKNOWN, zone(report, "A1").state());
        assertEquals(Set.of("E1", "E2"), zone(report, "A1").items());
    }

    @Test
    void aDriverBugCountsAsOfflineAndTheCycleCompletes() throws Exception {
        engine.runCycle();
        r1.failWith(new IllegalStateException("bug in the driver"));
        CycleReport report = engine.runCycle();
        assertEquals(ZoneState.UNKNOWN, zone(report, "A1").state());
        assertEquals(Set.of("E1", "E2"), zone(report, "A1").items());
        assertEquals(ZoneState.KNOWN, zone(report, "B1").state());
    }

    @Test
    void anItemThatMovesIntoAnUnknownZoneWaitsInsteadOfGoingToANeighbour() throws Exception {
        engine.runCycle();
        // E4 moves from B1 towards A2; r1 reads it in pass 1 and then fails; B1 no longer hears it.
        r2.stopsHearing(0, "E4");
        r1.hears(1, "E4", -45);
        FakeReader r3 = cabinet.reader("r3", "0=C1").hears(0, "E4", -72);
        engine.addReader(r3);
        failOnCommand(r1, 3);
        CycleReport report = engine.runCycle();
        assertNull(zoneOf(report, "E4"), "not in B1 (not heard), not in C1 (weak neighbour), A2 is frozen");
        assertEquals(Set.of("E4"), zone(report, "B1").removed());

        r1.online();
        r1.beforeCommand(antenna -> { });
        CycleReport recovered = engine.runCycle();
        assertEquals("A2", zoneOf(recovered, "E4"));
        assertEquals(Set.of("E4"), zone(recovered, "A2").added());
    }

    @Test
    void anItemItsZoneStillHearsIsNotPulledIntoAnUnknownZone() throws Exception {
        engine.runCycle();
        // r1's A2 antenna hears B1's E4 strongly in pass 1, then r1 stops answering; B1 still hears E4.
        r1.hears(1, "E4", -35);
        failOnCommand(r1, 3);
        CycleReport report = engine.runCycle();
        assertEquals("B1", zoneOf(report, "E4"), "a frozen zone takes nothing in");
        assertTrue(zone(report, "B1").removed().isEmpty());
    }
}
