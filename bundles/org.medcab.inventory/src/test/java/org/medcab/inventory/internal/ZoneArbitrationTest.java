package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.inventory.internal.Reports.zone;
import static org.medcab.inventory.internal.Reports.zoneOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.medcab.inventory.CycleReport;

class ZoneArbitrationTest {

    private static final int SEEDS = 40;

    private final Cabinet cabinet = new Cabinet();

    @Test
    void anItemHeardByTwoZonesGoesToTheStrongest() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2")
                .hears(0, "A1A1", -50).hears(1, "A1A1", -60)
                .hears(0, "A2A2", -66).hears(1, "A2A2", -55);
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS, r1).runCycle();
        assertEquals(Set.of("A1A1"), zone(report, "A1").items());
        assertEquals(Set.of("A2A2"), zone(report, "A2").items());
    }

    @Test
    void aZoneScoresWithItsStrongestAntennaNotItsAverage() throws Exception {
        // A1 is watched by two antennas; one hears the item well, the other badly.
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A1", "2=A2")
                .hears(0, "E1", -75).hears(1, "E1", -45).hears(2, "E1", -50);
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS, r1).runCycle();
        assertEquals("A1", zoneOf(report, "E1"));
    }

    @Test
    void readersOfDifferentBusesAreComparedTheSameWay() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -62);
        FakeReader r2 = cabinet.reader("r2", "0=B1").hears(0, "E1", -48);
        CycleReport report = cabinet.engine(InventorySettings.DEFAULTS, r1, r2).runCycle();
        assertEquals("B1", zoneOf(report, "E1"));
        assertTrue(zone(report, "A1").items().isEmpty());
    }

    /**
     * Zone per cycle of one item between two antennas whose means differ by {@code marginDb}, with
     * 2 dB noise per read. 1.5 dB is closer than any item of the demo cabinet (2.3 dB): close enough
     * for the settled estimate (0.65 dB noise on the difference) to cross now and then.
     */
    private List<String> zonesOverCycles(long seed, InventorySettings settings, int cycles) throws Exception {
        Cabinet c = new Cabinet();
        FakeReader r1 = c.reader("r1", "0=A1", "1=A2").noise(2.0, seed)
                .hears(0, "E1", -50).hears(1, "E1", -51.5);
        InventoryEngine engine = c.engine(settings, r1);
        List<String> zones = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            zones.add(zoneOf(engine.runCycle(), "E1"));
        }
        return zones;
    }

    private static int changes(List<String> zones) {
        int changes = 0;
        for (int i = 1; i < zones.size(); i++) {
            if (!zones.get(i).equals(zones.get(i - 1))) {
                changes++;
            }
        }
        return changes;
    }

    @Test
    void hysteresisKeepsANoisyItemInItsZone() throws Exception {
        for (long seed = 1; seed <= SEEDS; seed++) {
            List<String> zones = zonesOverCycles(seed, InventorySettings.DEFAULTS, 50);
            // It may be corrected once from a noisy first guess to the stronger zone, never back.
            assertTrue(changes(zones) <= 1, "seed " + seed + ": " + zones);
            int settled = zones.indexOf("A1");
            assertTrue(settled >= 0, "seed " + seed + " never reached the stronger zone: " + zones);
            assertTrue(zones.subList(settled, zones.size()).stream().allMatch("A1"::equals), "seed " + seed + ": " + zones);
        }
    }

    @Test
    void withoutHysteresisTheSameNoiseMakesItemsFlicker() throws Exception {
        // The control for the test above: same scene, hysteresis 0. Shows that the noise is large
        // enough to matter, so the test above proves the hysteresis, not a quiet scene.
        int flips = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            flips += changes(zonesOverCycles(seed, InventorySettings.DEFAULTS.withHysteresisDb(0), 50));
        }
        assertTrue(flips >= 6, "only " + flips + " flips");
    }

    @Test
    void anItemReallyMovedToAnotherZoneMoves() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(0, "E1", -45).hears(1, "E1", -65);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);
        for (int i = 0; i < 5; i++) {
            assertEquals("A1", zoneOf(engine.runCycle(), "E1"));
        }
        // Moved onto the A2 shelf; the A1 antenna still hears it, weakly.
        r1.hears(0, "E1", -65).hears(1, "E1", -45);
        CycleReport first = engine.runCycle();
        assertEquals("A1", zoneOf(first, "E1"), "4 reads move the averages 34 % of the way: A1 still leads");
        CycleReport moved = engine.runCycle();
        assertEquals("A2", zoneOf(moved, "E1"));
        assertEquals(6, moved.passes(), "its leading zone changed at pass 3 (7th read), then 3 quiet passes");
        assertEquals(Set.of("E1"), zone(moved, "A1").removed());
        assertEquals(Set.of("E1"), zone(moved, "A2").added());
        assertEquals("A2", zoneOf(engine.runCycle(), "E1"));
    }

    @Test
    void anItemItsZoneNoLongerHearsMovesEvenIfItsOldAverageWasStrong() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(0, "E1", -40).hears(1, "E1", -70);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);
        assertEquals("A1", zoneOf(engine.runCycle(), "E1"));
        assertEquals("A1", zoneOf(engine.runCycle(), "E1"));

        r1.stopsHearing(0, "E1");
        CycleReport report = engine.runCycle();
        assertEquals("A2", zoneOf(report, "E1"), "A1's -40 dBm average does not count in a cycle A1 did not read it");
    }

    @Test
    void aSmallerMoveThanTheHysteresisDoesNotMove() throws Exception {
        FakeReader r1 = cabinet.reader("r1", "0=A1", "1=A2").hears(0, "E1", -50).hears(1, "E1", -54);
        InventoryEngine engine = cabinet.engine(InventorySettings.DEFAULTS, r1);
        assertEquals("A1", zoneOf(engine.runCycle(), "E1"));
        r1.hears(0, "E1", -51).hears(1, "E1", -50); // A2 now 1 dB stronger: not more than the 1 dB hysteresis
        for (int i = 0; i < 10; i++) {
            assertEquals("A1", zoneOf(engine.runCycle(), "E1"));
        }
        r1.hears(1, "E1", -48); // A2 now 3 dB stronger
        List<String> zones = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            zones.add(zoneOf(engine.runCycle(), "E1"));
        }
        assertEquals("A2", zones.get(2), zones.toString());
    }
}
