package org.medcab.rules.internal;

import java.util.Objects;

/**
 * What the HIS requires of one drug in one zone.
 *
 * @param zone         the zone id
 * @param gtin         the drug's GTIN-14
 * @param level        the par level: fewer units than this in the zone is red (at least 1)
 * @param reorderPoint at or below this many units a replenishment request goes to the HIS (0 up to level − 1)
 */
record ParLevel(String zone, String gtin, int level, int reorderPoint) {
    ParLevel {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(gtin, "gtin");
        if (level < 1 || reorderPoint < 0 || reorderPoint >= level) {
            throw new IllegalArgumentException("par level " + level + " with reorder point " + reorderPoint);
        }
    }

    ZoneDrug key() {
        return new ZoneDrug(zone, gtin);
    }
}
