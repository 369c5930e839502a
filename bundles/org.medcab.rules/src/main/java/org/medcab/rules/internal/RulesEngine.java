package org.medcab.rules.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.catalog.ItemCatalog;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;
import org.medcab.inventory.CycleReport;
import org.medcab.rules.StatusReason;
import org.medcab.rules.ZoneStatus;
import org.medcab.rules.ZoneStatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * The rules' state and what follows from it: the zones' latest contents, their statuses, who is
 * told of a change (listeners, the HIS) and which replenishment requests are outstanding. Not
 * thread-safe: the component calls it from its one rules thread only.
 *
 * <p>The HIS is told of a status when it differs from the last one it was given (condition, reasons,
 * alarm; not the evaluation time): an {@code events/zone-status} record and the retained
 * {@code status/{zone}}. While no uplink is bound, or it refuses a message, the HIS is behind; when
 * it comes back it gets each zone's current status (intermediate ones are not replayed).
 */
final class RulesEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RulesEngine.class);

    private final ItemCatalog catalog;
    private final Clock clock;
    private final RulesStore store;
    private RuleSettings settings;
    private ParLevels levels;
    private final Set<ZoneDrug> requested;

    private final Map<String, ZoneInventory> zones = new LinkedHashMap<>();
    private final Map<String, Evaluation> current = new LinkedHashMap<>();
    private final Map<String, ZoneStatus> toldHis = new HashMap<>();
    private final Set<String> untellable = new TreeSet<>();
    private final List<ZoneStatusListener> listeners = new ArrayList<>();
    private HospitalUplink uplink;

    /** A status and the local date it was worked out on. */
    private record Evaluation(ZoneStatus status, LocalDate date) {
    }

    /**
     * @param requested the replenishment requests outstanding at the last stop
     */
    RulesEngine(ItemCatalog catalog, Clock clock, RulesStore store, RuleSettings settings, ParLevels levels,
                Set<ZoneDrug> requested) {
        this.catalog = catalog;
        this.clock = clock;
        this.store = store;
        this.settings = settings;
        this.levels = levels;
        this.requested = new TreeSet<>(requested);
    }

    /** The local date in the configured time zone. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.timeZone());
    }

    RuleSettings settings() {
        return settings;
    }

    /** Every zone of the cycle, with its new contents; zones no longer configured are forgotten. */
    void cycleCompleted(CycleReport report) {
        Set<String> reported = report.zones().stream().map(ZoneInventory::zone).collect(Collectors.toSet());
        zones.keySet().retainAll(reported);
        current.keySet().retainAll(reported);
        for (ZoneInventory zone : report.zones()) {
            zones.put(zone.zone(), zone);
        }
        evaluate(zones.keySet());
    }

    /** The zones holding one of the codes, or an item of one of the drugs, or a par level for one of them. */
    void catalogChanged(Set<String> codes, Set<String> gtins) {
        List<String> affected = new ArrayList<>();
        for (ZoneInventory zone : zones.values()) {
            boolean holds = zone.items().stream().anyMatch(code -> codes.contains(code)
                    || catalog.item(code).map(item -> gtins.contains(item.gtin())).orElse(false));
            boolean required = levels.zone(zone.zone()).stream().anyMatch(l -> gtins.contains(l.gtin()));
            if (holds || required) {
                affected.add(zone.zone());
            }
        }
        evaluate(affected);
    }

    void parLevelsChanged(ParLevels table) {
        levels = table;
        // A request for a drug no longer required is void; a new row starts with none outstanding.
        if (requested.removeIf(key -> !table.contains(key))) {
            saveRequested();
        }
        evaluateAll();
    }

    void settingsChanged(RuleSettings changed) {
        settings = changed;
        evaluateAll();
    }

    /** At local midnight, and whenever something all zones depend on changed. */
    void evaluateAll() {
        evaluate(new ArrayList<>(zones.keySet()));
    }

    /** A new listener hears every zone's current status at once. */
    void addListener(ZoneStatusListener listener) {
        listeners.add(listener);
        for (Evaluation e : current.values()) {
            tell(listener, e.status());
        }
    }

    void removeListener(ZoneStatusListener listener) {
        listeners.remove(listener);
    }

    /** The HIS is reachable again: it gets what it missed (statuses, replenishment requests). */
    void uplinkBound(HospitalUplink bound) {
        uplink = bound;
        evaluateAll();
    }

    void uplinkUnbound(HospitalUplink unbound) {
        if (uplink == unbound) {
            uplink = null;
        }
    }

    /** The current status of a zone, null before its first cycle. */
    ZoneStatus status(String zone) {
        Evaluation e = current.get(zone);
        return e == null ? null : e.status();
    }

    private void evaluate(Collection<String> zoneIds) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, settings.timeZone());
        for (String id : List.copyOf(zoneIds)) {
            ZoneInventory zone = zones.get(id);
            ZoneStatus status = ZoneRules.evaluate(zone, catalog, levels.zone(id), today, settings, now);
            Evaluation before = current.get(id);
            if (before == null || !same(before.status(), status)) {
                current.put(id, new Evaluation(status, today));
                LOG.info("zone {}: {} -> {}", id, before == null ? "first status" : describe(before.status()), describe(status));
                for (ZoneStatusListener listener : List.copyOf(listeners)) {
                    tell(listener, status);
                }
            }
            tellHis(id);
            if (zone.state() == ZoneState.KNOWN) {
                checkReorderPoints(zone, now);
            }
        }
    }

    private void tellHis(String zone) {
        Evaluation e = current.get(zone);
        ZoneStatus told = toldHis.get(zone);
        if (uplink == null || (told != null && same(told, e.status()))) {
            return;
        }
        if (!TopicLevel.isValid(zone)) {
            if (untellable.add(zone)) {
                LOG.error("zone id '{}' cannot be an MQTT topic level: its status is not sent to the HIS", zone);
            }
            return;
        }
        JsonObject body = StatusMessages.statusBody(e.status(), e.date(), told == null ? null : told.condition(), catalog);
        // The event is the record; once it is stored the change is told. A refused retained copy is logged
        // by send() and replaced by the next change.
        if (send(StatusMessages.statusEvent(body, e.status()))) {
            toldHis.put(zone, e.status());
            send(StatusMessages.currentStatus(body, e.status()));
        }
    }

    /**
     * One request per crossing: sent when the count is at or below the reorder point and none is
     * outstanding, outstanding until the count is above it again. A request that cannot be sent is
     * tried again at the next evaluation.
     */
    private void checkReorderPoints(ZoneInventory zone, Instant now) {
        List<ParLevel> rows = levels.zone(zone.zone());
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Integer> units = ZoneRules.unitsByDrug(zone, catalog);
        boolean changed = false;
        for (ParLevel row : rows) {
            int present = units.getOrDefault(row.gtin(), 0);
            if (present <= row.reorderPoint()) {
                if (!requested.contains(row.key()) && send(StatusMessages.replenishment(row, present, catalog, now))) {
                    LOG.info("zone {}: drug {} at {} units (reorder point {}, level {}); replenishment of {} requested",
                            row.zone(), row.gtin(), present, row.reorderPoint(), row.level(), row.level() - present);
                    requested.add(row.key());
                    changed = true;
                }
            } else if (requested.remove(row.key())) {
                LOG.info("zone {}: drug {} back above its reorder point ({} units)", row.zone(), row.gtin(), present);
                changed = true;
            }
        }
        if (changed) {
            saveRequested();
        }
    }

    private boolean send(UplinkMessage message) {
        if (uplink == null) {
            return false;
        }
        try {
            uplink.send(message);
            return true;
        } catch (UplinkRefusedException | RuntimeException e) {
            LOG.error("{} not sent to the HIS, tried again at the next evaluation: {}", message.subtopic(), e.getMessage());
            return false;
        }
    }

    private void saveRequested() {
        try {
            store.saveRequested(requested);
        } catch (IOException e) {
            // Kept in memory; after a restart before the next successful save a request may be sent twice.
            LOG.error("outstanding replenishment requests not stored: {}", e.toString());
        }
    }

    private static void tell(ZoneStatusListener listener, ZoneStatus status) {
        try {
            listener.zoneStatusChanged(status);
        } catch (RuntimeException e) {
            LOG.warn("zone status listener {} failed on zone {}", listener, status.zone(), e);
        }
    }

    /** Equal for the HIS and the lights: everything but when it was worked out. */
    static boolean same(ZoneStatus a, ZoneStatus b) {
        return a.condition() == b.condition() && a.alarm() == b.alarm() && a.reasons().equals(b.reasons());
    }

    /** For the log: condition, alarm and reasons in brief. */
    static String describe(ZoneStatus status) {
        StringBuilder text = new StringBuilder(status.condition().name());
        if (status.alarm()) {
            text.append(" ALARM");
        }
        for (int i = 0; i < status.reasons().size(); i++) {
            StatusReason r = status.reasons().get(i);
            text.append(i == 0 ? " (" : "; ").append(r.kind());
            if (!r.gtin().isEmpty()) {
                text.append(' ').append(r.gtin());
            }
            if (!r.items().isEmpty()) {
                text.append(" x").append(r.items().size());
            }
            if (r.expiry() != null) {
                text.append(" expiry ").append(r.expiry());
            }
            if (r.kind() == StatusReason.Kind.BELOW_PAR) {
                text.append(' ').append(r.present()).append('/').append(r.required());
            }
        }
        if (!status.reasons().isEmpty()) {
            text.append(')');
        }
        return text.toString();
    }
}
