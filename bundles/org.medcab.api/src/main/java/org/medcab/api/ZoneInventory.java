package org.medcab.api;

import java.util.Objects;
import java.util.Set;

/**
 * What one shelf zone holds at the end of an inventory cycle, and how that differs from the
 * previous cycle. For an {@link ZoneState#UNKNOWN} zone the sets are the last known contents and
 * the differences are empty: an unreadable zone is never reported as emptied.
 *
 * @param zone    the configured zone id
 * @param state   whether the contents are vouched for
 * @param items   EPCs (upper-case hex) currently assigned to this zone
 * @param added   EPCs that were not in this zone at the previous cycle
 * @param removed EPCs that were in this zone at the previous cycle and are not now
 */
public record ZoneInventory(String zone, ZoneState state, Set<String> items, Set<String> added, Set<String> removed) {
    public ZoneInventory {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(state, "state");
        items = Set.copyOf(items);
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
    }
}
