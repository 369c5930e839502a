package org.medcab.inventory.internal;

import java.util.List;

import org.medcab.api.ZoneInventory;
import org.medcab.inventory.CycleReport;

final class Reports {
    private Reports() {
    }

    static ZoneInventory zone(CycleReport report, String zone) {
        List<ZoneInventory> matches = report.zones().stream().filter(z -> z.zone().equals(zone)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("zone " + zone + " appears " + matches.size() + " times in " + report.zones());
        }
        return matches.get(0);
    }

    static List<String> zoneIds(CycleReport report) {
        return report.zones().stream().map(ZoneInventory::zone).toList();
    }

    /** The zone holding the item, or null; fails if two zones hold it. */
    static String zoneOf(CycleReport report, String epc) {
        List<String> zones = report.zones().stream().filter(z -> z.items().contains(epc)).map(ZoneInventory::zone).toList();
        if (zones.size() > 1) {
            throw new AssertionError(epc + " is in several zones: " + zones);
        }
        return zones.isEmpty() ? null : zones.get(0);
    }
}
