package org.medcab.mqtt.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.medcab.api.ReaderHealth;
import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.hospital.Delivery;
import org.medcab.inventory.CycleReport;

/** Cycle reports as the inventory would deliver them, for tests. */
final class Cycles {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final String EPC_1 = "3074257BF7194E4000001A85";
    static final String EPC_2 = "3074257BF7194E4000001A86";
    static final String EPC_3 = "3074257BF7194E4000001A87";

    /** Outbox figures with something in every field, for payload tests. */
    static final DurableOutbox.Figures FIGURES = new DurableOutbox.Figures(Map.of(Delivery.URGENT, 0, Delivery.RECORD, 2,
            Delivery.ROUTINE, 1, Delivery.LATEST, 3), 2048, Duration.ofSeconds(90), 4, 7, false, 100_000, 67_108_864);
    /** An empty outbox: no oldest message. */
    static final DurableOutbox.Figures EMPTY = new DurableOutbox.Figures(Map.of(Delivery.URGENT, 0, Delivery.RECORD, 0,
            Delivery.ROUTINE, 0, Delivery.LATEST, 0), 0, null, 0, 0, false, 100_000, 67_108_864);

    private Cycles() {
    }

    static ZoneInventory known(String zone, Set<String> items, Set<String> added, Set<String> removed) {
        return new ZoneInventory(zone, ZoneState.KNOWN, items, added, removed);
    }

    static ZoneInventory unknown(String zone, Set<String> items) {
        return new ZoneInventory(zone, ZoneState.UNKNOWN, items, Set.of(), Set.of());
    }

    static ReaderHealth reader(String id, int address, boolean online) {
        return new ReaderHealth(id, "bus1", address, online, 100, online ? 0 : 3, 1,
                online ? T0.plusSeconds(address) : null);
    }

    /** Cycle {@code n} started at T0 + n minutes and took 1.5 s in 3 passes, ending stable. */
    static CycleReport report(long n, List<ZoneInventory> zones, List<ReaderHealth> readers) {
        return new CycleReport(n, T0.plusSeconds(60 * n), Duration.ofMillis(1500), 3, true, zones, readers);
    }
}
