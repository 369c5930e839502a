package org.medcab.catalog.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.catalog.CatalogListener;
import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;
import org.medcab.identifiers.Epc;
import org.medcab.identifiers.Sgtin;
import org.medcab.inventory.CycleReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The unregistered-item alarm: an EPC in a KNOWN zone that the catalog does not know (a possible
 * counterfeit, or a missed registration) is raised once; once it is registered, or has left the
 * cabinet (in no zone, not even among an unreadable zone's last known items), it is cleared once.
 * The alarms are stored, so a restart neither raises them again nor forgets to clear them, and wait
 * in the store while no uplink is there.
 *
 * <p>All work runs on one worker thread: the inventory thread only hands over its report (and when
 * cycles come faster than they are worked through, only the newest is kept).
 */
final class UnregisteredItemAlarms implements CatalogListener, AutoCloseable {
    static final String SCHEMA = "medcab/alarm/1";
    static final String SUBTOPIC = "events/alarm";
    /** Items per alarm message, so thousands of unknown tags (a catalog not loaded yet) stay small messages. */
    static final int ITEMS_PER_MESSAGE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(UnregisteredItemAlarms.class);

    private final CatalogStore store;
    private final Catalog catalog;
    private final Clock clock;
    private final ExecutorService worker;
    private final AtomicReference<CycleReport> pendingCycle = new AtomicReference<>();
    /** By code; touched only on the worker thread. */
    private final Map<String, AlarmRecord> alarms = new LinkedHashMap<>();
    private volatile HospitalUplink uplink;

    UnregisteredItemAlarms(CatalogStore store, Catalog catalog, Clock clock) throws SQLException {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        for (AlarmRecord a : store.loadAlarms()) {
            alarms.put(a.code(), a);
        }
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "catalog-alarms");
            t.setDaemon(true);
            return t;
        });
        if (!alarms.isEmpty()) {
            LOG.info("{} unregistered-item alarms carried over from before the restart", alarms.size());
        }
    }

    /** Hands a finished cycle to the worker; returns at once. */
    void cycleCompleted(CycleReport report) {
        if (pendingCycle.getAndSet(report) == null) {
            worker.execute(() -> evaluate(pendingCycle.getAndSet(null)));
        }
    }

    @Override
    public void catalogChanged(Set<String> codes, Set<String> gtins) {
        if (!codes.isEmpty()) {
            worker.execute(() -> registered(codes));
        }
    }

    void uplinkChanged(HospitalUplink current) {
        uplink = current;
        if (current != null) {
            worker.execute(this::flush);
        }
    }

    /** Waits until the worker has done everything handed to it so far (tests, orderly stop). */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            worker.submit(() -> { }).get(timeout, unit);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The standing alarms' codes (tests). */
    Set<String> standing() throws InterruptedException {
        try {
            return worker.submit(() -> {
                Set<String> codes = new HashSet<>();
                alarms.values().stream().filter(AlarmRecord::standing).forEach(a -> codes.add(a.code()));
                return codes;
            }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void evaluate(CycleReport report) {
        if (report == null) {
            return;
        }
        Map<String, String> inKnownZones = new HashMap<>();
        Set<String> lastKnown = new HashSet<>();
        for (ZoneInventory zone : report.zones()) {
            if (zone.state() == ZoneState.KNOWN) {
                zone.items().forEach(code -> inKnownZones.put(code, zone.zone()));
            } else {
                lastKnown.addAll(zone.items());
            }
        }
        Instant now = clock.instant();
        List<AlarmRecord> changed = new ArrayList<>();
        inKnownZones.forEach((code, zone) -> {
            AlarmRecord known = alarms.get(code);
            if (!catalog.isRegistered(code) && (known == null || !known.standing())) {
                // Back before its clearing reached the HIS: the alarm simply stands again.
                changed.add(known != null ? new AlarmRecord(code, known.zone(), known.raised(), known.raiseSent(), null, null)
                        : new AlarmRecord(code, zone, now, false, null, null));
            }
        });
        for (AlarmRecord a : alarms.values()) {
            if (!a.standing()) {
                continue;
            }
            if (catalog.isRegistered(a.code())) {
                changed.add(a.clearedAt(now, "registered"));
            } else if (!inKnownZones.containsKey(a.code()) && !lastKnown.contains(a.code())) {
                changed.add(a.clearedAt(now, "left the cabinet"));
            }
        }
        save(changed);
        flush();
    }

    private void registered(Set<String> codes) {
        Instant now = clock.instant();
        List<AlarmRecord> changed = new ArrayList<>();
        for (String code : codes) {
            AlarmRecord a = alarms.get(code);
            if (a != null && a.standing() && catalog.isRegistered(code)) {
                changed.add(a.clearedAt(now, "registered"));
            }
        }
        save(changed);
        flush();
    }

    private void save(Collection<AlarmRecord> changed) {
        if (changed.isEmpty()) {
            return;
        }
        try {
            store.saveAlarms(changed);
        } catch (SQLException | RuntimeException e) {
            // Still raised and cleared in memory; only a restart before the next save could repeat them.
            LOG.error("storing {} unregistered-item alarm changes failed: {}", changed.size(), e.toString(), e);
        }
        List<String> raised = new ArrayList<>();
        List<String> cleared = new ArrayList<>();
        for (AlarmRecord a : changed) {
            alarms.put(a.code(), a);
            if (a.standing()) {
                raised.add(a.code() + " (zone " + a.zone() + ")");
            } else {
                cleared.add(a.code() + " (zone " + a.zone() + ", " + a.clearReason() + ")");
            }
        }
        // One line per change, the first codes named: thousands of unknown tags must not flood the log.
        if (!raised.isEmpty()) {
            LOG.warn("unregistered-item alarm raised for {} item(s): {}", raised.size(), first(raised));
        }
        if (!cleared.isEmpty()) {
            LOG.info("unregistered-item alarm cleared for {} item(s): {}", cleared.size(), first(cleared));
        }
    }

    private static String first(List<String> codes) {
        return codes.size() <= 10 ? String.join(", ", codes) : String.join(", ", codes.subList(0, 10)) + ", ...";
    }

    /** Sends what the HIS has not been told yet: raises first, then clearings; stops at the first refusal. */
    private void flush() {
        HospitalUplink link = uplink;
        if (link == null) {
            return;
        }
        try {
            Map<String, List<AlarmRecord>> raises = byZone(alarms.values().stream().filter(a -> !a.raiseSent()).toList());
            for (List<AlarmRecord> group : raises.values()) {
                for (List<AlarmRecord> chunk : chunks(group)) {
                    link.send(message("raised", chunk, chunk.get(0).raised()));
                    List<AlarmRecord> sent = chunk.stream().map(AlarmRecord::raiseWasSent).toList();
                    store.saveAlarms(sent);
                    sent.forEach(a -> alarms.put(a.code(), a));
                }
            }
            Map<String, List<AlarmRecord>> clears = byZone(alarms.values().stream().filter(a -> !a.standing()).toList());
            for (List<AlarmRecord> group : clears.values()) {
                for (List<AlarmRecord> chunk : chunks(group)) {
                    link.send(message("cleared", chunk, chunk.get(0).cleared()));
                    List<String> codes = chunk.stream().map(AlarmRecord::code).toList();
                    store.deleteAlarms(codes);
                    codes.forEach(alarms::remove);
                }
            }
        } catch (UplinkRefusedException e) {
            LOG.warn("uplink refused an unregistered-item alarm, kept for the next try: {}", e.getMessage());
        } catch (SQLException | RuntimeException e) {
            LOG.error("recording a sent unregistered-item alarm failed; it may be sent again after a restart: {}",
                    e.toString(), e);
        }
    }

    /** Alarms grouped by zone (and, for clearings, by reason), in the order they were raised. */
    private static Map<String, List<AlarmRecord>> byZone(List<AlarmRecord> records) {
        Map<String, List<AlarmRecord>> groups = new LinkedHashMap<>();
        for (AlarmRecord a : records) {
            groups.computeIfAbsent(a.zone() + "\u0000" + a.clearReason(), k -> new ArrayList<>()).add(a);
        }
        return groups;
    }

    private static List<List<AlarmRecord>> chunks(List<AlarmRecord> records) {
        List<List<AlarmRecord>> chunks = new ArrayList<>();
        for (int from = 0; from < records.size(); from += ITEMS_PER_MESSAGE) {
            chunks.add(records.subList(from, Math.min(records.size(), from + ITEMS_PER_MESSAGE)));
        }
        return chunks;
    }

    private UplinkMessage message(String state, List<AlarmRecord> records, Instant time) {
        JsonObject body = new JsonObject();
        body.addProperty("alarm", "unregistered-item");
        body.addProperty("state", state);
        body.addProperty("zone", records.get(0).zone());
        JsonArray items = new JsonArray();
        for (AlarmRecord a : records) {
            JsonObject item = new JsonObject();
            item.addProperty("code", a.code());
            Optional<RegisteredItem> registered = catalog.item(a.code());
            if (registered.isPresent()) {
                item.addProperty("gtin", registered.get().gtin());
                item.addProperty("batch", registered.get().batch());
                item.addProperty("expiry", registered.get().expiry().toString());
            } else if (Epc.decode(a.code()) instanceof Sgtin sgtin) {
                item.addProperty("gtin", sgtin.gtin());
            }
            items.add(item);
        }
        body.add("items", items);
        body.addProperty("detail", "raised".equals(state)
                ? records.size() + " item(s) in zone " + records.get(0).zone() + " not registered: possible counterfeit,"
                        + " or a missed registration at receiving"
                : records.size() + " unregistered item(s) of zone " + records.get(0).zone() + " cleared: "
                        + records.get(0).clearReason());
        return new UplinkMessage(SCHEMA, SUBTOPIC, time, body, Delivery.URGENT, false);
    }
}
