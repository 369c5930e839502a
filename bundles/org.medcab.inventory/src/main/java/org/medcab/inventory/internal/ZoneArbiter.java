package org.medcab.inventory.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <li>Otherwise it goes to the strongest zone (ties: the lowest zone id), with one exception:</li>
 * <li>While any zone is UNKNOWN, no item enters a zone. An item new to the cabinet, or one moving, may
 * really be in the zone nobody can read (its own antenna there would have heard it best, and nothing
 * else tells a neighbour's item from one's own). So the item stays in its current zone if that zone
 * still reads it, or else is held in no zone; and every zone whose count depends on where it really
 * is (the zone it would enter, and the current zone it stays in) is reported UNKNOWN this cycle with
 * its last known contents. A zone whose items only stay or leave (no longer read anywhere, or no
 * longer read by it) stays KNOWN. Held items are placed in the first cycle in which every zone is
 * read. An item does not leave a zone in doubt either: the zone's report shows it in its last known
 * contents, which must not show it after it is counted elsewhere.</li>
 * </ol>
 *
 * <p>Why not simply hold new items and report the other zones KNOWN without them: an item truly put
 * in a readable zone would then be missing from a KNOWN count, which is as wrong as a neighbour's item
 * in it. With this rule no KNOWN count is ever wrong; the cost is that, while a reader is offline, a
 * zone receiving items is UNKNOWN until every zone can be read again (at start-up with a reader
 * offline: every zone that hears any item).
 */
final class ZoneArbiter {

    private final Map<String, String> zoneOfItem = new HashMap<>();
    private final Map<String, Set<String>> lastKnown = new HashMap<>();

    /**
     * Settles every item and reports every covered zone.
     *
     * @param scores       for each item read this cycle: zone to score (dBm), from antennas that read it this cycle
     * @param coveredZones the zones some reader of this cycle watches
     * @param unknownZones the covered zones that cannot be read this cycle
     * @return one report per covered zone, sorted by zone id
     */
    List<ZoneInventory> settle(Map<String, Map<String, Double>> scores, Set<String> coveredZones,
                               Set<String> unknownZones, double hysteresisDb) {
        Set<String> inDoubt = new HashSet<>();
        Map<String, String> leftZone = new HashMap<>();
        Set<String> items = new HashSet<>(zoneOfItem.keySet());
        items.addAll(scores.keySet());
        for (String epc : items) {
            String current = zoneOfItem.get(epc);
            if (current != null && (unknownZones.contains(current) || !coveredZones.contains(current))) {
                continue;
            }
            Map<String, Double> itemScores = scores.getOrDefault(epc, Map.of());
            String wanted = wantedZone(current, itemScores, hysteresisDb);
            if (Objects.equals(wanted, current)) {
                continue;
            }
            if (wanted != null && !unknownZones.isEmpty()) {
                if (!unknownZones.contains(wanted)) {
                    inDoubt.add(wanted);
                }
                if (current != null && itemScores.containsKey(current)) {
                    inDoubt.add(current);
                    continue;
                }
                wanted = null;
            }
            if (wanted == null) {
                zoneOfItem.remove(epc);
                if (current != null) {
                    leftZone.put(epc, current);
                }
            } else {
                zoneOfItem.put(epc, wanted);
            }
        }
        // A zone in doubt is reported with its last known contents, so an item leaves it only in a
        // cycle that vouches for it: otherwise that frozen set would still show the item after it is
        // counted in another zone. (A zone's last known set thus only ever holds items placed in it.)
        leftZone.forEach((epc, zone) -> {
            if (inDoubt.contains(zone)) {
                zoneOfItem.put(epc, zone);
            }
        });

        Map<String, Set<String>> itemsByZone = new HashMap<>();
        zoneOfItem.forEach((epc, zone) -> itemsByZone.computeIfAbsent(zone, z -> new HashSet<>()).add(epc));

        List<ZoneInventory> reports = new ArrayList<>();
        for (String zone : new TreeSet<>(coveredZones)) {
            Set<String> previous = lastKnown.getOrDefault(zone, Set.of());
            if (unknownZones.contains(zone) || inDoubt.contains(zone)) {
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

    /** Where the readings put the item, all zones taken as readable: rules 3 to 5. */
    private static String wantedZone(String current, Map<String, Double> scores, double hysteresisDb) {
        if (scores.isEmpty()) {
            return null;
        }
        String strongest = strongest(scores);
        Double currentScore = current == null ? null : scores.get(current);
        if (currentScore != null && scores.get(strongest) <= currentScore + hysteresisDb) {
            return current;
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
