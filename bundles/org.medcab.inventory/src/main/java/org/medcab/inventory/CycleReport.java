package org.medcab.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.medcab.api.ReaderHealth;
import org.medcab.api.ZoneInventory;

/**
 * The outcome of one inventory event cycle over all readers of the cabinet.
 *
 * @param cycle   sequence number of the cycle since the inventory started, from 1
 * @param started when the cycle began
 * @param duration how long it ran
 * @param passes  passes over every reader antenna the cycle made
 * @param stable  true when the cycle ended because the set was stable, false when it hit its time limit
 * @param zones   every configured zone, each exactly once
 * @param readers health of every reader taking part
 */
public record CycleReport(long cycle, Instant started, Duration duration, int passes, boolean stable,
                          List<ZoneInventory> zones, List<ReaderHealth> readers) {
    public CycleReport {
        zones = List.copyOf(zones);
        readers = List.copyOf(readers);
    }
}
