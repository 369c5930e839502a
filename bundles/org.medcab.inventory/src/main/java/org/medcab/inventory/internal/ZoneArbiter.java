package org.medcab.inventory.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;

/**
 * Which zone each item is in, and what each zone held when it was last known.
 *
 * <p>The rule, per item, at the end of every cycle:
 * <ol>
 * <li>A zone's score for the item is the strongest smoothed RSSI among that zone's antennas that
 * read the item in this cycle. An antenna that did not read it this cycle does not count, whatever
 * its average says.</li>
 * <li>If the item's current zone is UNKNOWN this cycle (a reader covering it did not answer) or no
 * reader covers it any more, the item stays there: nobody looked, so nothing is concluded, and a
 * neighbour that hears it weakly does not take it.</li>
 * <li>No antenna read it: it has left the cabinet.</li>
 * <li>It stays in its current zone while that zone still read it and the strongest zone does not beat
 * the current one by more than the hysteresis.</li>
 * <li>Otherwise it goes to the strongest zone (ties: the lowest zone id), unless that zone is
 * UNKNOWN this cycle: then it stays where its current zone still reads it, or waits unassigned for a
 * cycle in which that zone answers, because an UNKNOWN zone's report is frozen at its last known set.</li>
 * </ol>
 */
final class ZoneArbiter {

    private final Map<String, String> zoneOfItem = new HashMap<>();
    private final Map<String, Set<String>> lastKnown = new HashMap<>();

    /**
     * Settles every item and reports every covered zone.
     *
     * @param scores       for each item read this cycle: zone to score (dBm), from antennas that read it this cycle
     * @param coveredZones the zones some reader of this cycle watches
     * @param unknownZones the covered zones that cannot be vouched for this cycle
     * @return one report per covered zone, sorted by zone id
     */
    List<ZoneInventory> settle(Map<String, Map<String, Double>> scores, Set<String> coveredZones,
                               Set<String> unknownZones, double hysteresisDb) {
        Set<String> items = new HashSet<>(zoneOfItem.keySet());
        items.addAll(scores.keySet());
        for (String epc : items) {
            String current = zoneOfItem.get(epc);
            String next = nextZone(current, scores.getOrDefault(epc, Map.of()), coveredZones, unknownZones, hysteresisDb);
            if (next == null) {
                zoneOfItem.remove(epc);
            } else {
                zoneOfItem.put(epc, next);
            }
        }

        Map<String, Set<String>> itemsByZone = new HashMap<>();
        zoneOfItem.forEach((epc, zone) -> itemsByZone.computeIfAbsent(zone, z -> new HashSet<>()).add(epc));

        List<ZoneInventory> reports = new ArrayList<>();
        for (String zone : new TreeSet<>(coveredZones)) {
            Set<String> previous = lastKnown.getOrDefault(zone, Set.of());
            if (unknownZones.contains(zone)) {
                reports.add(new ZoneInventory(zone, ZoneState.UNKNOWN, previous, Set.of(), Set.of()));
                continue;
            }
            Set<String> now = itemsByZone.getOrDefault(zone, Set.of());
            Set<String> added = new HashSet<>(now);
            added.removeAll(previous);
            Set<String> removed = new HashSet<>(previous);
            removed.removeAll(now);
            lastKnown.put(zone, Set.copyOf(now));
            reports.add(new ZoneInventory(zone, ZoneState.KNOWN, now, added, removed));
        }
        return reports;
    }

    private static String nextZone(String current, Map<String, Double> scores, Set<String> coveredZones,
                                   Set<String> unknownZones, double hysteresisDb) {
        if (current != null && (unknownZones.contains(current) || !coveredZones.contains(current))) {
            return current;
        }
        if (scores.isEmpty()) {
            return null;
        }
        String strongest = strongest(scores);
        Double currentScore = current == null ? null : scores.get(current);
        if (currentScore != null && scores.get(strongest) <= currentScore + hysteresisDb) {
            return current;
        }
        if (unknownZones.contains(strongest)) {
            return currentScore != null ? current : null;
        }
        return strongest;
    }

    /** The zone with the strongest score; ties go to the lowest zone id, so the choice never depends on map order. */
    static String strongest(Map<String, Double> scores) {
        String strongest = null;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            if (strongest == null || e.getValue() > scores.get(strongest)
                    || (e.getValue().equals(scores.get(strongest)) && e.getKey().compareTo(strongest) < 0)) {
                strongest = e.getKey();
            }
        }
        return strongest;
    }

    boolean isPlaced(String epc) {
        return zoneOfItem.containsKey(epc);
    }

    /** Items assigned to a zone, including those held in UNKNOWN or uncovered zones. */
    Set<String> items() {
        return zoneOfItem.keySet();
    }
}
