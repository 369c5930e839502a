package org.medcab.inventory.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Smoothed RSSI per (item, antenna), carried across cycles: the plain mean of the first 1/alpha reads,
 * then an exponential moving average with weight alpha per read.
 *
 * <p>Why: the zone of an item is decided by comparing its smoothed RSSI at two antennas, so what counts
 * is the noise of that estimate. With a per-read spread of σ = 2 dB (the simulator's, and typical), the
 * plain mean of n reads has σ/√n (4 reads: 1.0 dB, 10 reads: 0.63 dB); an EMA settles at
 * σ·√(α/(2−α)): 0.46 dB for α = 0.1 (0.76 dB for α = 0.25). The difference of two antennas' estimates
 * has √2 times that: 0.65 dB once settled with α = 0.1, well under the 1 dB zone hysteresis and the
 * 2.3 dB smallest margin of the demo cabinet. Starting with the plain mean uses every early read fully
 * (an EMA from the first read would weigh that one read most); switching to the EMA lets the estimate
 * follow an item that really moves, in about 1/alpha reads.
 *
 * <p>Each average also keeps its variance factor: the variance of the estimate divided by the per-read
 * variance (1/n for the plain mean, then (1−α)²·v + α² per read), so the engine can tell how sure a
 * comparison is without keeping the reads.
 */
final class RssiSmoother {

    private static final class Average {
        double dbm;
        long reads;
        double varianceFactor;

        Average copy() {
            Average a = new Average();
            a.dbm = dbm;
            a.reads = reads;
            a.varianceFactor = varianceFactor;
            return a;
        }
    }

    private final Map<String, Map<Antenna, Average>> byItem = new HashMap<>();

    /** An independent copy, for a cycle to work on until it is committed or dropped. */
    RssiSmoother copy() {
        RssiSmoother copy = new RssiSmoother();
        byItem.forEach((epc, averages) -> {
            Map<Antenna, Average> copied = new HashMap<>();
            averages.forEach((antenna, average) -> copied.put(antenna, average.copy()));
            copy.byItem.put(epc, copied);
        });
        return copy;
    }

    void add(String epc, Antenna antenna, int rssiDbm, double alpha) {
        Average average = byItem.computeIfAbsent(epc, k -> new HashMap<>()).computeIfAbsent(antenna, k -> new Average());
        average.reads++;
        double weight = Math.max(alpha, 1.0 / average.reads);
        average.dbm += weight * (rssiDbm - average.dbm);
        average.varianceFactor = (1 - weight) * (1 - weight) * average.varianceFactor + weight * weight;
    }

    /** The smoothed RSSI in dBm, or NaN when the antenna never read the item. */
    double smoothed(String epc, Antenna antenna) {
        Average average = byItem.getOrDefault(epc, Map.of()).get(antenna);
        return average == null ? Double.NaN : average.dbm;
    }

    /**
     * Variance of the smoothed RSSI in units of the per-read variance (1/n after n plain-mean reads),
     * or NaN when the antenna never read the item.
     */
    double varianceFactor(String epc, Antenna antenna) {
        Average average = byItem.getOrDefault(epc, Map.of()).get(antenna);
        return average == null ? Double.NaN : average.varianceFactor;
    }

    /** Drops items the cabinet no longer holds, so averages do not pile up for items long gone. */
    void retainOnly(Set<String> epcs) {
        byItem.keySet().retainAll(epcs);
    }

    int items() {
        return byItem.size();
    }
}
