package org.medcab.rules.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.catalog.ItemCatalog;
import org.medcab.catalog.RegisteredItem;
import org.medcab.rules.StatusReason;
import org.medcab.rules.StatusReason.Kind;
import org.medcab.rules.ZoneCondition;
import org.medcab.rules.ZoneStatus;

/**
 * The rules as a pure function: one zone's items, what the catalog says of them, the zone's par
 * levels, the local date and the thresholds give the zone's status. No state, no clock, no I/O.
 *
 * <p>Exact boundaries ({@code daysLeft = expiry − today}, in whole calendar days of the configured
 * time zone; the expiry date is the last day an item may be used):
 * <ul>
 * <li>expired: {@code today > expiry} ({@code daysLeft < 0});</li>
 * <li>{@link Kind#EXPIRED} (critical, red): {@code daysLeft <= criticalDays}, which includes expired;</li>
 * <li>{@link Kind#EXPIRING} (yellow): otherwise {@code daysLeft <= warningDays};</li>
 * <li>{@link Kind#BELOW_PAR} (red): a drug with a par level in the zone has fewer units than the level
 *     (none at all included);</li>
 * <li>{@link Kind#UNREGISTERED}: an item the catalog does not know; it sets the alarm, not the
 *     condition (its expiry and drug are unknown, and the alarm already shows above every colour);</li>
 * <li>{@link Kind#READERS_OFFLINE}: the zone is {@link ZoneState#UNKNOWN}; the condition is UNKNOWN
 *     whatever else is found, and the other reasons are worked out from the zone's last known items.</li>
 * </ul>
 * Reasons are ordered most severe first: readers offline, unregistered, expired, below par, expiring;
 * within a kind the earliest expiry (expiry kinds) or the largest shortfall (below par) first, then by GTIN.
 */
final class ZoneRules {

    private static final Comparator<StatusReason> MOST_SEVERE_FIRST = Comparator
            .comparingInt((StatusReason r) -> severity(r.kind()))
            .thenComparing(r -> r.expiry() == null ? LocalDate.MAX : r.expiry())
            .thenComparing(r -> r.present() - r.required())
            .thenComparing(StatusReason::gtin);

    private ZoneRules() {
    }

    static ZoneStatus evaluate(ZoneInventory zone, ItemCatalog catalog, Collection<ParLevel> levels,
                               LocalDate today, RuleSettings settings, Instant evaluated) {
        List<StatusReason> reasons = new ArrayList<>();
        if (zone.state() == ZoneState.UNKNOWN) {
            reasons.add(new StatusReason(Kind.READERS_OFFLINE, "", List.of(), null, 0, 0));
        }
        TreeSet<String> unregistered = new TreeSet<>();
        Map<String, List<RegisteredItem>> critical = new TreeMap<>();
        Map<String, List<RegisteredItem>> expiring = new TreeMap<>();
        Map<String, Integer> units = new TreeMap<>();
        for (String code : zone.items()) {
            Optional<RegisteredItem> found = catalog.item(code);
            if (found.isEmpty()) {
                unregistered.add(code);
                continue;
            }
            RegisteredItem item = found.get();
            units.merge(item.gtin(), 1, Integer::sum);
            long daysLeft = daysLeft(today, item.expiry());
            if (daysLeft <= settings.criticalDays()) {
                critical.computeIfAbsent(item.gtin(), g -> new ArrayList<>()).add(item);
            } else if (daysLeft <= settings.warningDays()) {
                expiring.computeIfAbsent(item.gtin(), g -> new ArrayList<>()).add(item);
            }
        }
        if (!unregistered.isEmpty()) {
            reasons.add(new StatusReason(Kind.UNREGISTERED, "", List.copyOf(unregistered), null, 0, 0));
        }
        critical.forEach((gtin, items) -> reasons.add(expiryReason(Kind.EXPIRED, gtin, items)));
        expiring.forEach((gtin, items) -> reasons.add(expiryReason(Kind.EXPIRING, gtin, items)));
        for (ParLevel level : levels) {
            int present = units.getOrDefault(level.gtin(), 0);
            if (present < level.level()) {
                reasons.add(new StatusReason(Kind.BELOW_PAR, level.gtin(), List.of(), null, level.level(), present));
            }
        }
        reasons.sort(MOST_SEVERE_FIRST);
        return new ZoneStatus(zone.zone(), condition(zone.state(), reasons), reasons, !unregistered.isEmpty(), evaluated);
    }

    /** Whole calendar days from {@code today} to {@code expiry}: 0 on the expiry day, negative once expired. */
    static long daysLeft(LocalDate today, LocalDate expiry) {
        return ChronoUnit.DAYS.between(today, expiry);
    }

    /** Units per GTIN among the zone's registered items. */
    static Map<String, Integer> unitsByDrug(ZoneInventory zone, ItemCatalog catalog) {
        Map<String, Integer> units = new TreeMap<>();
        for (String code : zone.items()) {
            catalog.item(code).ifPresent(item -> units.merge(item.gtin(), 1, Integer::sum));
        }
        return units;
    }

    private static ZoneCondition condition(ZoneState state, List<StatusReason> reasons) {
        if (state == ZoneState.UNKNOWN) {
            return ZoneCondition.UNKNOWN;
        }
        boolean red = reasons.stream().anyMatch(r -> r.kind() == Kind.EXPIRED || r.kind() == Kind.BELOW_PAR);
        if (red) {
            return ZoneCondition.CRITICAL;
        }
        boolean yellow = reasons.stream().anyMatch(r -> r.kind() == Kind.EXPIRING);
        return yellow ? ZoneCondition.EXPIRING : ZoneCondition.OK;
    }

    private static StatusReason expiryReason(Kind kind, String gtin, List<RegisteredItem> items) {
        LocalDate earliest = items.stream().map(RegisteredItem::expiry).min(Comparator.naturalOrder()).orElseThrow();
        List<String> codes = items.stream().map(RegisteredItem::code).sorted().toList();
        return new StatusReason(kind, gtin, codes, earliest, 0, 0);
    }

    private static int severity(Kind kind) {
        return switch (kind) {
            case READERS_OFFLINE -> 0;
            case UNREGISTERED -> 1;
            case EXPIRED -> 2;
            case BELOW_PAR -> 3;
            case EXPIRING -> 4;
        };
    }
}
