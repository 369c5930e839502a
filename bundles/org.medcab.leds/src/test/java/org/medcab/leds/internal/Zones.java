package org.medcab.leds.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.medcab.picking.ZonePicks;
import org.medcab.rules.StatusReason;
import org.medcab.rules.ZoneCondition;
import org.medcab.rules.ZoneStatus;

/** Rules statuses and pick states as the rules and picking bundles send them. */
final class Zones {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final String GTIN = "04012345000017";

    private Zones() {
    }

    static ZoneStatus ok(String zone) {
        return new ZoneStatus(zone, ZoneCondition.OK, List.of(), false, T0);
    }

    static ZoneStatus expiring(String zone) {
        return new ZoneStatus(zone, ZoneCondition.EXPIRING, List.of(reason(StatusReason.Kind.EXPIRING)), false, T0);
    }

    static ZoneStatus expired(String zone) {
        return new ZoneStatus(zone, ZoneCondition.CRITICAL,
                List.of(reason(StatusReason.Kind.EXPIRED), reason(StatusReason.Kind.EXPIRING)), false, T0);
    }

    static ZoneStatus belowPar(String zone) {
        return new ZoneStatus(zone, ZoneCondition.CRITICAL,
                List.of(new StatusReason(StatusReason.Kind.BELOW_PAR, GTIN, List.of(), null, 5, 2)), false, T0);
    }

    static ZoneStatus readersOffline(String zone) {
        return new ZoneStatus(zone, ZoneCondition.UNKNOWN,
                List.of(new StatusReason(StatusReason.Kind.READERS_OFFLINE, "", List.of(), null, 0, 0)), false, T0);
    }

    /** An unregistered item in the zone: an alarm on top of its condition. */
    static ZoneStatus alarm(ZoneStatus status) {
        List<StatusReason> reasons = new java.util.ArrayList<>(status.reasons());
        reasons.add(0, new StatusReason(StatusReason.Kind.UNREGISTERED, "", List.of("3074257BF7194E4000001A85"), null, 0, 0));
        return new ZoneStatus(status.zone(), status.condition(), reasons, true, status.evaluated());
    }

    static ZonePicks pick(String zone, String... orders) {
        return new ZonePicks(zone, Set.of(orders), false);
    }

    static ZonePicks wrongItem(String zone, String... orders) {
        return new ZonePicks(zone, Set.of(orders), true);
    }

    static ZonePicks noPicks(String zone) {
        return new ZonePicks(zone, Set.of(), false);
    }

    private static StatusReason reason(StatusReason.Kind kind) {
        return new StatusReason(kind, GTIN, List.of("3074257BF7194E4000001A87"), LocalDate.of(2026, 1, 8), 0, 0);
    }
}
