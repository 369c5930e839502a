package org.medcab.picking;

import java.util.Objects;
import java.util.Set;

/**
 * The pick state of one zone.
 *
 * @param zone      the zone id
 * @param orders    pick order ids that guide the pharmacist to this zone right now (green);
 *                  empty when none
 * @param wrongItem true while a wrong-item-taken alarm for this zone is active
 */
public record ZonePicks(String zone, Set<String> orders, boolean wrongItem) {
    public ZonePicks {
        Objects.requireNonNull(zone, "zone");
        orders = Set.copyOf(orders);
    }

    public boolean picking() {
        return !orders.isEmpty();
    }
}
