package org.medcab.rules.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.identifiers.Gtin;
import org.medcab.inventory.CycleReport;

/** Drugs, item codes and zones the rules tests share. */
final class Fixtures {
    /** The TDS worked example (identifiers.md §2.6). */
    static final String AMOXICILLIN = "80614141123458";
    static final String PARACETAMOL = withCheckDigit("0401234500001");
    static final String INSULIN = withCheckDigit("0401234500002");

    static final String EPC_1 = "3074257BF7194E4000001A85";
    static final String EPC_2 = "3074257BF7194E4000001A86";
    static final String EPC_3 = "3074257BF7194E4000001A87";
    static final String EPC_4 = "3074257BF7194E4000001A88";
    static final String EPC_5 = "3074257BF7194E4000001A89";

    private Fixtures() {
    }

    static String withCheckDigit(String first13) {
        return first13 + Gtin.checkDigit(first13);
    }

    static ZoneInventory known(String zone, String... items) {
        return new ZoneInventory(zone, ZoneState.KNOWN, Set.of(items), Set.of(), Set.of());
    }

    static ZoneInventory unknown(String zone, String... items) {
        return new ZoneInventory(zone, ZoneState.UNKNOWN, Set.of(items), Set.of(), Set.of());
    }

    private static long cycles;

    static CycleReport cycle(ZoneInventory... zones) {
        return new CycleReport(++cycles, Instant.EPOCH, Duration.ofSeconds(1), 3, true, List.of(zones), List.of());
    }
}
