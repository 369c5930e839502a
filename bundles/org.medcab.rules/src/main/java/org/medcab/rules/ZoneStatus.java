package org.medcab.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the rules say about one zone.
 *
 * @param zone      the zone id
 * @param condition the worst finding
 * @param reasons   every finding, most severe first; when {@link ZoneCondition#OK} empty, or only an
 *                  {@link StatusReason.Kind#UNREGISTERED} reason (it raises the alarm, not the condition)
 * @param alarm     true while an alarm concerns the zone (an unregistered item is in it), which the
 *                  lights show above everything else
 * @param evaluated when the rules last worked it out
 */
public record ZoneStatus(String zone, ZoneCondition condition, List<StatusReason> reasons, boolean alarm, Instant evaluated) {
    public ZoneStatus {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(evaluated, "evaluated");
        reasons = List.copyOf(reasons);
    }
}
