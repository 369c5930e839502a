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
        assertEquals(ZoneState.UNKNOWN, zone(report, "B1").state(), "E4 may well have moved into A2: B1 cannot vouch");
    }

    // While a zone is UNKNOWN, an item that would enter some zone (new to the cabinet, or moving) may
    // really be in the zone nobody can read: its own antenna would have heard it best. No zone takes it
    // in, and the zones whose count depends on where it is are UNKNOWN too, so that no KNOWN count is
    // ever wrong. Zones with nothing entering stay KNOWN.

    @Test
    void aNewItemHeardOnlyByTheNeighbourOfAnOfflineZoneIsNotCountedInTheNeighbour() throws Exception {
        engine.runCycle();
        r1.offline();
        r2.hears(0, "E9", -68); // E9 put on the A1 shelf: r1 would hear it well, B1 hears it weakly
        CycleReport report = engine.runCycle();

        ZoneInventory b1 = zone(report, "B1");
        assertEquals(ZoneState.UNKNOWN, b1.state(), "B1 cannot tell whether E9 is its own");
        assertEquals(Set.of("E4"), b1.items(), "its last known contents");
        assertNull(zoneOf(report, "E9"));

        r1.online().hears(0, "E9", -45);
        CycleReport back = engine.runCycle();
        assertEquals("A1", zoneOf(back, "E9"));
        assertEquals(Set.of("E9"), zone(back, "A1").added());
        assertEquals(ZoneState.KNOWN, zone(back, "B1").state());
        assertEquals(Set.of("E4"), zone(back, "B1").items());
        assertTrue(zone(back, "B1").added().isEmpty());
    }

    @Test
    void aZoneWhoseItemsOnlyStayOrLeaveIsStillKnownWhileAnotherIsUnknown() throws Exception {
        FakeReader r3 = cabinet.reader("r3", "0=C1").hears(0, "E7", -45).hears(0, "E8", -45);
        engine.addReader(r3);
        engine.runCycle();
        r1.offline();
        r3.stopsHearing(0, "E8");
        CycleReport report = engine.runCycle();
        assertEquals(ZoneState.KNOWN, zone(report, "B1").state());
        assertEquals(ZoneState.KNOWN, zone(report, "C1").state());
        assertEquals(Set.of("E7"), zone(report, "C1").items());
        assertEquals(Set.of("E8"), zone(report, "C1").removed(), "an item its zone no longer hears has left it");
    }

    @Test
    void evenAnItemHeardWellIsNotVouchedForWhileAZoneIsUnknown() throws Exception {
        // The cost of the rule: nothing tells an item put on the B1 shelf from one put in A1 right
        // next to B1's antenna, so B1 is UNKNOWN until A1 can be read again.
        engine.runCycle();
        r1.offline();
        r2.hears(0, "E8", -40);
        CycleReport report = engine.runCycle();
        assertEquals(ZoneState.UNKNOWN, zone(report, "B1").state());
        assertNull(zoneOf(report, "E8"));

        r1.online();
        CycleReport back = engine.runCycle();
        assertEquals(Set.of("E8"), zone(back, "B1").added());
    }

    @Test
    void atStartUpWithAReaderOfflineNoZoneClaimsItemsThatMayBeItsOwn() throws Exception {
        FakeReader r3 = cabinet.reader("r3", "0=C1");
        engine.addReader(r3);
        r1.offline();
        CycleReport report = engine.runCycle();
        assertEquals(ZoneState.UNKNOWN, zone(report, "B1").state(), "E1 (A1's, heard weakly) and E4 may be A1's");
        assertTrue(zone(report, "B1").items().isEmpty());
        assertNull(zoneOf(report, "E1"));
        assertEquals(ZoneState.KNOWN, zone(report, "C1").state(), "nothing enters C1: it is known empty");

        r1.online();
        CycleReport back = engine.runCycle();
        assertEquals("A1", zoneOf(back, "E1"));
        assertEquals(Set.of("E4"), zone(back, "B1").items());
        assertTrue(back.zones().stream().allMatch(z -> z.state() == ZoneState.KNOWN));
    }

    @Test
    void anItemMovingBetweenReadableZonesWhileAZoneIsUnknownLeavesBothUnknown() throws Exception {
        FakeReader r3 = cabinet.reader("r3", "0=C1");
        engine.addReader(r3);
        engine.runCycle();
        r1.offline();
        // E4 goes from B1 towards C1 (or into A1, for all anyone can tell); B1 still hears it.
        r2.hears(0, "E4", -62);
        r3.hears(0, "E4", -45);
        CycleReport report = engine.runCycle();
        assertEquals(ZoneState.UNKNOWN, zone(report, "B1").state());
        assertEquals(ZoneState.UNKNOWN, zone(report, "C1").state());
        assertEquals("B1", zoneOf(report, "E4"), "B1's last known contents");

        r1.online();
        CycleReport back = engine.runCycle();
        assertEquals("C1", zoneOf(back, "E4"));
        assertEquals(Set.of("E4"), zone(back, "B1").removed());
        assertEquals(Set.of("E4"), zone(back, "C1").added());
    }

    @Test
    void anItemItsZoneNoLongerHearsLeavesItButEntersNoZoneWhileAZoneIsUnknown() throws Exception {
        FakeReader r3 = cabinet.reader("r3", "0=C1");
        engine.addReader(r3);
        engine.runCycle();
        r1.offline();
        r2.stopsHearing(0, "E4");
        r3.hears(0, "E4", -45);
        CycleReport report = engine.runCycle();
        assertEquals(ZoneState.KNOWN, zone(report, "B1").state());
        assertEquals(Set.of("E4"), zone(report, "B1").removed());
        assertEquals(ZoneState.UNKNOWN, zone(report, "C1").state());
        assertNull(zoneOf(report, "E4"));
    }

    @Test
    void anItemDoesNotLeaveAZoneInDoubtSoItIsNeverShownInTwoZones() throws Exception {
        // Found by RandomScenariosTest: B1 in doubt shows its last known contents, E4 among them.
        FakeReader r3 = cabinet.reader("r3", "0=C1");
        engine.addReader(r3);
        engine.runCycle();
        r1.offline();
        r2.stopsHearing(0, "E4").hears(0, "E8", -45); // E4 gone from B1's field, E8 arrives
        CycleReport doubt = engine.runCycle();
        assertEquals(ZoneState.UNKNOWN, zone(doubt, "B1").state());
        assertEquals("B1", zoneOf(doubt, "E4"));

        r1.online();
        engine.removeReader(r2); // B1 unwatched for a while
        r3.hears(0, "E4", -45);
        engine.runCycle();
        engine.addReader(r2.offline());
        CycleReport report = engine.runCycle();
        assertEquals(ZoneState.UNKNOWN, zone(report, "B1").state());
        assertEquals("B1", zoneOf(report, "E4"), "shown once, in the zone it was last known in");

        r2.online();
        CycleReport back = engine.runCycle();
        assertEquals("C1", zoneOf(back, "E4"));
        assertEquals(Set.of("E4"), zone(back, "B1").removed());
        assertEquals(Set.of("E8"), zone(back, "B1").added());
    }
}
