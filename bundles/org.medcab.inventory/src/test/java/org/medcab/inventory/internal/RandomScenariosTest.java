package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.inventory.CycleReport;

/**
 * Invariants of every report, over random cabinets: overlapping antennas, zones watched by several
 * readers, RSSI noise, items arriving, leaving and moving, readers going offline, failing, being
 * removed and added between and during cycles, and random settings.
 */
class RandomScenariosTest {

    private static final int SCENARIOS = 150;
    private static final int CYCLES = 25;
    private static final String[] ZONES = {"Z1", "Z2", "Z3", "Z4", "Z5", "Z6"};

    @Test
    void noReportEverHasAnItemInTwoZonesOrAKnownZoneInconsistentWithItsLastKnownContents() throws Exception {
        int reports = 0;
        int discarded = 0;
        for (long scenario = 1; scenario <= SCENARIOS; scenario++) {
            int[] counts = runScenario(scenario);
            reports += counts[0];
            discarded += counts[1];
        }
        // The scenarios must really exercise what they claim to.
        assertTrue(reports > SCENARIOS * CYCLES / 2, reports + " reports");
        assertTrue(discarded > 10, discarded + " discarded cycles");
    }

    private static int[] runScenario(long seed) throws Exception {
        Random random = new Random(seed);
        Cabinet cabinet = new Cabinet();
        List<FakeReader> readers = new ArrayList<>();
        int readerCount = 2 + random.nextInt(3);
        for (int r = 0; r < readerCount; r++) {
            int antennas = 1 + random.nextInt(3);
            String[] zones = new String[antennas];
            for (int a = 0; a < antennas; a++) {
                zones[a] = a + "=" + ZONES[random.nextInt(ZONES.length)];
            }
            readers.add(cabinet.reader("r" + (r + 1), zones).noise(random.nextDouble() * 3, seed * 31 + r));
        }
        InventorySettings settings = InventorySettings.DEFAULTS.withMaxCycleMillis(5_000)
                .withStablePasses(1 + random.nextInt(3))
                .withHysteresisDb(random.nextDouble() * 3)
                .withPlacementConfidence(random.nextDouble() * 3)
                .withRssiSmoothing(0.05 + random.nextDouble() * 0.95);
        InventoryEngine engine = cabinet.engine(settings, readers.toArray(FakeReader[]::new));
        Set<FakeReader> present = new HashSet<>(readers);

        int nextEpc = 1;
        for (int i = 0; i < 20; i++) {
            place(random, readers, String.format("%04X", nextEpc++));
        }
        // Mid-cycle events, drawn per command: a reader removed or added during the cycle.
        for (FakeReader reader : readers) {
            reader.beforeCommand(antenna -> {
                if (random.nextInt(400) == 0) {
                    FakeReader other = readers.get(random.nextInt(readers.size()));
                    if (present.remove(other)) {
                        engine.removeReader(other);
                    } else {
                        present.add(other);
                        engine.addReader(other);
                    }
                }
            });
        }

        Map<String, Set<String>> lastKnown = new HashMap<>();
        int reports = 0;
        int discarded = 0;
        for (int c = 0; c < CYCLES; c++) {
            int event = random.nextInt(10);
            FakeReader reader = readers.get(random.nextInt(readers.size()));
            switch (event) {
                case 0 -> reader.offline();
                case 1 -> reader.online();
                case 2 -> reader.failWith(random.nextBoolean() ? null : new IllegalStateException("driver bug"));
                case 3 -> {
                    if (present.remove(reader)) {
                        engine.removeReader(reader);
                    } else {
                        present.add(reader);
                        engine.addReader(reader);
                    }
                }
                default -> {
                    for (int i = 0; i < 3; i++) {
                        String epc = String.format("%04X", 1 + random.nextInt(nextEpc));
                        switch (random.nextInt(3)) {
                            case 0 -> readers.forEach(r -> r.zonesByAntenna().keySet().forEach(a -> r.stopsHearing(a, epc)));
                            case 1 -> place(random, readers, epc);
                            default -> place(random, readers, String.format("%04X", nextEpc++));
                        }
                    }
                }
            }
            CycleReport report;
            try {
                report = engine.runCycle();
            } catch (CycleDiscardedException e) {
                discarded++;
                continue;
            }
            reports++;
            check(seed, report, lastKnown);
        }
        return new int[] {reports, discarded};
    }

    /** Moves the item to random antennas (1 to 3 of them) at random strengths; any earlier hearing ends. */
    private static void place(Random random, List<FakeReader> readers, String epc) {
        readers.forEach(r -> r.zonesByAntenna().keySet().forEach(a -> r.stopsHearing(a, epc)));
        int heardBy = 1 + random.nextInt(3);
        for (int i = 0; i < heardBy; i++) {
            FakeReader reader = readers.get(random.nextInt(readers.size()));
            List<Integer> antennas = new ArrayList<>(reader.zonesByAntenna().keySet());
            reader.hears(antennas.get(random.nextInt(antennas.size())), epc, -75 + random.nextDouble() * 35);
        }
    }

    private static void check(long seed, CycleReport report, Map<String, Set<String>> lastKnown) {
        String where = "scenario " + seed + ", cycle " + report.cycle() + ": ";
        List<String> ids = report.zones().stream().map(ZoneInventory::zone).toList();
        assertEquals(new ArrayList<>(new TreeSet<>(ids)), ids, where + "zones sorted, each once");

        Map<String, String> zoneOfItem = new HashMap<>();
        for (ZoneInventory zone : report.zones()) {
            for (String epc : zone.items()) {
                String other = zoneOfItem.put(epc, zone.zone());
                assertNull(other, where + epc + " in " + other + " and " + zone.zone() + ": " + report.zones());
            }
            Set<String> before = lastKnown.getOrDefault(zone.zone(), Set.of());
            if (zone.state() == ZoneState.UNKNOWN) {
                assertEquals(before, zone.items(), where + zone.zone() + " UNKNOWN shows its last known contents");
                assertTrue(zone.added().isEmpty() && zone.removed().isEmpty(), where + zone);
            } else {
                Set<String> expected = new HashSet<>(before);
                expected.removeAll(zone.removed());
                expected.addAll(zone.added());
                assertEquals(expected, zone.items(), where + zone.zone() + " = last known - removed + added");
                assertTrue(before.containsAll(zone.removed()), where + zone);
                assertTrue(zone.added().stream().noneMatch(before::contains), where + zone);
                lastKnown.put(zone.zone(), zone.items());
            }
        }
    }
}
