package org.medcab.inventory.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Smoothed RSSI per (item, antenna): an exponential moving average over reads, carried across
 * cycles. Until an average has 1/alpha reads it is the plain mean of them, so the zone of a new item
 * is not decided by the noise of its first read alone.
 */
final class RssiSmoother {

    private static final class Average {
        double dbm;
        long reads;
    }

    private final Map<String, Map<Antenna, Average>> byItem = new HashMap<>();

    void add(String epc, Antenna antenna, int rssiDbm, double alpha) {
        Average average = byItem.computeIfAbsent(epc, k -> new HashMap<>()).computeIfAbsent(antenna, k -> new Average());
        average.reads++;
        double weight = Math.max(alpha, 1.0 / average.reads);
        average.dbm += weight * (rssiDbm - average.dbm);
    }

    /** The smoothed RSSI in dBm, or NaN when the antenna never read the item. */
    double smoothed(String epc, Antenna antenna) {
        Average average = byItem.getOrDefault(epc, Map.of()).get(antenna);
        return average == null ? Double.NaN : average.dbm;
    }

    /** Drops items the cabinet no longer holds, so averages do not pile up for items long gone. */
    void retainOnly(Set<String> epcs) {
        byItem.keySet().retainAll(epcs);
    }

    int items() {
        return byItem.size();
    }
}
