package org.medcab.rules.internal;

import java.util.Comparator;
import java.util.Objects;

/** One drug in one zone: the key of a par level and of a replenishment request. */
record ZoneDrug(String zone, String gtin) implements Comparable<ZoneDrug> {
    private static final Comparator<ZoneDrug> ORDER =
            Comparator.comparing(ZoneDrug::zone).thenComparing(ZoneDrug::gtin);

    ZoneDrug {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(gtin, "gtin");
    }

    @Override
    public int compareTo(ZoneDrug other) {
        return ORDER.compare(this, other);
    }
}
