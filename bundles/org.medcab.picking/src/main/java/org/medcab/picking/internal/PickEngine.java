package org.medcab.picking.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.catalog.ItemCatalog;
import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.ReplyStatus;
import org.medcab.identifiers.Gtin;
import org.medcab.inventory.CycleReport;
import org.medcab.picking.ZonePicks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The pick guidance itself, without a framework: chooses the units of a pick order first expiry
 * first out, follows the inventory cycles until that many units of the drug have left the guided
 * zones, and notices other drugs leaving them. Every change is stored before it is told to anyone.
 *
 * <p>Not thread-safe: the component calls it from one thread.
 */
final class PickEngine {
    static final int MAX_QUANTITY = 100;
    static final String WRONG_ITEM = "wrong-item-taken";

    private static final Logger LOG = LoggerFactory.getLogger(PickEngine.class);
    private static final Comparator<Unit> FEFO = Comparator.comparing(Unit::expiry).thenComparing(Unit::batch)
            .thenComparing(Unit::code);

    /** What {@link #pick} answers. */
    record Accepted(CommandReply reply, boolean created) {
    }

    private final ItemCatalog catalog;
    private final Clock clock;
    private final PickStore store;
    private final PickOutlet outlet;
    private PickSettings settings;
    /** Zone → its contents at the latest cycle; null until the first cycle since start. */
    private Map<String, ZoneInventory> latest;
    /** Order id → pick, in the order the picks started (earlier picks claim units first). */
    private final Map<String, ActivePick> active = new LinkedHashMap<>();
    private final List<Outgoing> outgoing = new ArrayList<>();
    private Map<String, ZonePicks> shown = Map.of();

    /** Resumes the picks and undelivered messages in the store. */
    PickEngine(ItemCatalog catalog, Clock clock, PickStore store, PickOutlet outlet, PickSettings settings)
            throws IOException {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.outlet = Objects.requireNonNull(outlet, "outlet");
        this.settings = Objects.requireNonNull(settings, "settings");
        PickStore.State state = store.load();
        state.picks().forEach(p -> active.put(p.orderId(), p));
        outgoing.addAll(state.outgoing());
        shown = zoneMap();
        if (!active.isEmpty() || !outgoing.isEmpty()) {
            LOG.info("resumed {} active pick(s) {} and {} undelivered message(s) from {}", active.size(),
                    active.keySet(), outgoing.size(), store.file());
        }
    }

    void updateSettings(PickSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Every zone that has picks or a wrong-item alarm now. */
    List<ZonePicks> zonePicks() {
        return List.copyOf(shown.values());
    }

    /** Answers {@code cmd/pick}: lights the zones of the first-expiring usable units, or refuses with what there is. */
    Accepted pick(PickOrder order, PickOrigin origin) throws CommandRejectedException {
        if (!Gtin.isValid(order.gtin())) {
            throw new CommandRejectedException("/gtin", "not a valid GTIN-14 (14 digits, last one the check digit)");
        }
        if (order.quantity() < 1 || order.quantity() > MAX_QUANTITY) {
            throw new CommandRejectedException("/quantity", "must be 1 to " + MAX_QUANTITY);
        }
        Duration timeout = settings.defaultTimeout();
        if (order.timeoutSeconds() != null) {
            timeout = Duration.ofSeconds(order.timeoutSeconds());
            if (order.timeoutSeconds() < 1 || timeout.compareTo(settings.maxTimeout()) > 0) {
                throw new CommandRejectedException("/timeoutSeconds",
                        "must be 1 to " + settings.maxTimeout().toSeconds() + " (maxTimeoutSeconds of this gateway)");
            }
        }
        ActivePick running = active.get(order.orderId());
        if (running != null) {
            if (running.order.gtin().equals(order.gtin()) && running.order.quantity() == order.quantity()) {
                return new Accepted(acceptedReply(running), false);
            }
            throw new CommandRejectedException("/orderId", "pick order " + order.orderId() + " is already active for "
                    + running.order.quantity() + " unit(s) of GTIN " + running.order.gtin()
                    + "; cancel it first to change it");
        }
        if (latest == null) {
            throw new CommandRejectedException("", "the cabinet's contents are not known yet: no inventory cycle has"
                    + " finished since the gateway started; try again in a few seconds");
        }

        Set<String> reserved = new HashSet<>();
        active.values().forEach(p -> {
            p.suggested.forEach(u -> reserved.add(u.code()));
            reserved.addAll(p.taken.keySet());
        });
        LocalDate today = LocalDate.now(clock);
        List<Unit> usable = new ArrayList<>();
        int critical = 0;
        int unreadable = 0;
        int held = 0;
        for (ZoneInventory zone : latest.values()) {
            for (String code : zone.items()) {
                RegisteredItem item = catalog.item(code).orElse(null);
                if (item == null || !item.gtin().equals(order.gtin())) {
                    continue;
                }
                if (reserved.contains(code)) {
                    held++;
                } else if (zone.state() == ZoneState.UNKNOWN) {
                    unreadable++;
                } else if (!offerable(item, today)) {
                    critical++;
                } else {
                    usable.add(Unit.of(code, zone.zone(), item));
                }
            }
        }
        usable.sort(FEFO);
        if (usable.size() < order.quantity()) {
            throw new CommandRejectedException("/quantity", "only " + usable.size() + " of the " + order.quantity()
                    + " requested unit(s) of GTIN " + order.gtin() + " can be offered" + perZone(usable)
                    + "; not offered: " + critical + " expired or within " + settings.criticalDays()
                    + " days of expiry, " + unreadable + " in zones that cannot be read now, " + held
                    + " already guided to for other pick orders");
        }

        List<Unit> chosen = usable.subList(0, order.quantity());
        Map<String, Set<String>> present = new TreeMap<>();
        chosen.forEach(u -> present.put(u.zone(), latest.get(u.zone()).items()));
        Instant now = clock.instant();
        ActivePick pick = new ActivePick(order, origin, now, now.plus(timeout), chosen, present);
        active.put(order.orderId(), pick);
        try {
            persist();
        } catch (IOException e) {
            active.remove(order.orderId());
            throw new UncheckedIOException("pick order " + order.orderId() + " could not be stored; nothing lit", e);
        }
        LOG.info("pick order {}: {} unit(s) of GTIN {} from zone(s) {} until {} (request {})", order.orderId(),
                order.quantity(), order.gtin(), pick.zones(), pick.deadline, origin.requestId());
        publishZones();
        return new Accepted(acceptedReply(pick), true);
    }

    /** Answers {@code cmd/pick-cancel}; the pick's own request gets its {@code cancelled} reply first. */
    CommandReply cancel(String orderId) throws CommandRejectedException {
        ActivePick pick = active.get(orderId);
        if (pick == null) {
            throw new CommandRejectedException("/orderId", "no active pick order " + orderId
                    + " (never accepted, or already ended)");
        }
        Map<String, ActivePick> activeBefore = new LinkedHashMap<>(active);
        List<Outgoing> outgoingBefore = List.copyOf(outgoing);
        end(pick, ReplyStatus.CANCELLED, clock.instant());
        try {
            persist();
        } catch (IOException e) {
            active.clear();
            active.putAll(activeBefore);
            outgoing.clear();
            outgoing.addAll(outgoingBefore);
            throw new UncheckedIOException("cancel of pick order " + orderId + " could not be stored; still active", e);
        }
        LOG.info("pick order {} cancelled by the HIS after {} of {} unit(s)", orderId, pick.taken.size(),
                pick.order.quantity());
        deliver();
        publishZones();
        return CommandReply.ok(outcome(pick));
    }

    /** Follows one finished inventory cycle. */
    void cycleCompleted(CycleReport report) {
        Map<String, ZoneInventory> zones = new TreeMap<>();
        report.zones().forEach(z -> zones.put(z.zone(), z));
        latest = zones;
        if (active.isEmpty()) {
            return;
        }
        Instant time = report.started().plus(report.duration());
        boolean changed = false;

        Map<ActivePick, Map<String, String>> gone = new LinkedHashMap<>();
        for (ActivePick pick : active.values()) {
            Map<String, String> left = new LinkedHashMap<>();
            for (String zone : pick.zones()) {
                ZoneInventory now = zones.get(zone);
                if (now == null || now.state() != ZoneState.KNOWN) {
                    continue; // an unreadable zone vouches for nothing: wait for a cycle that can read it
                }
                Set<String> before = pick.present.get(zone);
                before.stream().filter(code -> !now.items().contains(code)).forEach(code -> left.put(code, zone));
                if (!before.equals(now.items())) {
                    pick.present.put(zone, new TreeSet<>(now.items()));
                    changed = true;
                }
            }
            // Moved from one guided zone to another is not taken; a unit seen back in a guided zone was not taken after all.
            left.keySet().removeIf(code -> inGuidedZone(pick, code));
            if (pick.taken.keySet().removeIf(code -> inGuidedZone(pick, code))) {
                LOG.info("pick order {}: a unit counted as taken is back in a guided zone; no longer counted",
                        pick.orderId());
                changed = true;
            }
            gone.put(pick, left);
        }

        Map<String, Unit> units = new TreeMap<>();
        gone.values().forEach(left -> left.forEach((code, zone) ->
                units.computeIfAbsent(code, c -> Unit.of(c, zone, catalog.item(c).orElse(null)))));
        Set<String> claimed = new HashSet<>();
        // Earlier picks of the drug are served first; a unit beyond every pick's quantity still belongs to one.
        changed |= claim(gone, units, claimed, true);
        changed |= claim(gone, units, claimed, false);
        changed |= raiseWrongItems(gone, units, time);

        for (ActivePick pick : List.copyOf(active.values())) {
            if (pick.complete()) {
                end(pick, ReplyStatus.OK, time);
                LOG.info("pick order {} complete: {}", pick.orderId(), pick.taken.keySet());
                changed = true;
            }
        }
        if (changed) {
            persistOrLog();
            deliver();
            publishZones();
        }
    }

    /** Ends picks past their deadline and retries messages not yet handed over. */
    void tick() {
        Instant now = clock.instant();
        boolean changed = false;
        for (ActivePick pick : List.copyOf(active.values())) {
            if (!now.isBefore(pick.deadline)) {
                LOG.info("pick order {} timed out with {} of {} unit(s) taken", pick.orderId(), pick.taken.size(),
                        pick.order.quantity());
                end(pick, ReplyStatus.TIMED_OUT, now);
                changed = true;
            }
        }
        if (changed) {
            persistOrLog();
            publishZones();
        }
        deliver();
    }

    private boolean offerable(RegisteredItem item, LocalDate today) {
        return ChronoUnit.DAYS.between(today, item.expiry()) > settings.criticalDays();
    }

    private static boolean inGuidedZone(ActivePick pick, String code) {
        return pick.present.values().stream().anyMatch(codes -> codes.contains(code));
    }

    private boolean claim(Map<ActivePick, Map<String, String>> gone, Map<String, Unit> units, Set<String> claimed,
                          boolean upToQuantity) {
        boolean changed = false;
        for (Map.Entry<ActivePick, Map<String, String>> entry : gone.entrySet()) {
            ActivePick pick = entry.getKey();
            for (String code : entry.getValue().keySet()) {
                Unit unit = units.get(code);
                if (claimed.contains(code) || !pick.order.gtin().equals(unit.gtin())
                        || (upToQuantity && pick.complete())) {
                    continue;
                }
                claimed.add(code);
                pick.taken.put(code, unit);
                LOG.info("pick order {}: unit {} (batch {}, expiry {}) left zone {}{}; {} of {}", pick.orderId(), code,
                        unit.batch(), unit.expiry(), unit.zone(), pick.wasSuggested(code) ? "" : " (not a suggested unit)",
                        pick.taken.size(), pick.order.quantity());
                changed = true;
            }
        }
        return changed;
    }

    /** An item that left a guided zone and is none of the drugs picked from that zone raises the alarm, once. */
    private boolean raiseWrongItems(Map<ActivePick, Map<String, String>> gone, Map<String, Unit> units, Instant time) {
        boolean changed = false;
        for (Map.Entry<ActivePick, Map<String, String>> entry : gone.entrySet()) {
            ActivePick pick = entry.getKey();
            Map<String, List<Unit>> fresh = new TreeMap<>();
            entry.getValue().forEach((code, zone) -> {
                Unit unit = units.get(code);
                boolean pickedHere = active.values().stream()
                        .anyMatch(p -> p.order.gtin().equals(unit.gtin()) && p.zones().contains(zone));
                if (!pickedHere && !pick.wrong.getOrDefault(zone, Map.of()).containsKey(code)) {
                    fresh.computeIfAbsent(zone, z -> new ArrayList<>()).add(unit);
                }
            });
            for (Map.Entry<String, List<Unit>> zone : fresh.entrySet()) {
                zone.getValue().forEach(u -> pick.wrong.computeIfAbsent(zone.getKey(), z -> new LinkedHashMap<>())
                        .put(u.code(), u));
                String detail = zone.getValue().size() + " item(s) not of the drug being picked (GTIN "
                        + pick.order.gtin() + ") left zone " + zone.getKey() + " during pick order " + pick.orderId()
                        + ": " + describe(zone.getValue());
                LOG.warn("wrong item taken: {}", detail);
                outgoing.add(new Outgoing.Alarm(time, alarm(pick, zone.getKey(), zone.getValue(), "raised", detail)));
                changed = true;
            }
        }
        return changed;
    }

    /** Takes the pick out and queues its final reply and the clearing of its alarms. */
    private void end(ActivePick pick, ReplyStatus status, Instant time) {
        active.remove(pick.orderId());
        outgoing.add(new Outgoing.Reply(pick.origin, CommandReply.of(status, outcome(pick))));
        pick.wrong.forEach((zone, units) -> outgoing.add(new Outgoing.Alarm(time, alarm(pick, zone,
                List.copyOf(units.values()), "cleared", "pick order " + pick.orderId() + " ended ("
                        + status.wireName() + "); the wrong-item-taken alarm of zone " + zone + " is cleared"))));
    }

    private void deliver() {
        boolean delivered = false;
        for (Outgoing message : List.copyOf(outgoing)) {
            boolean done;
            if (message instanceof Outgoing.Reply reply) {
                done = outlet.followUp(reply.origin(), reply.reply());
            } else {
                Outgoing.Alarm alarm = (Outgoing.Alarm) message;
                done = outlet.alarm(alarm.time(), alarm.body());
            }
            if (!done) {
                break; // in order: a later reply must not overtake an earlier one
            }
            outgoing.remove(message);
            delivered = true;
        }
        if (delivered) {
            persistOrLog();
        }
    }

    private void persist() throws IOException {
        store.save(new PickStore.State(List.copyOf(active.values()), outgoing));
    }

    private void persistOrLog() {
        try {
            persist();
        } catch (IOException e) {
            LOG.error("pick state could not be stored in {} ({}); it is kept in memory and stored with the next"
                    + " change, but a restart before that loses it", store.file(), e.toString());
        }
    }

    private void publishZones() {
        Map<String, ZonePicks> now = zoneMap();
        List<ZonePicks> changed = new ArrayList<>();
        now.forEach((zone, picks) -> {
            if (!picks.equals(shown.get(zone))) {
                changed.add(picks);
            }
        });
        shown.keySet().stream().filter(zone -> !now.containsKey(zone))
                .forEach(zone -> changed.add(new ZonePicks(zone, Set.of(), false)));
        shown = now;
        if (!changed.isEmpty()) {
            outlet.zonesChanged(changed);
        }
    }

    private Map<String, ZonePicks> zoneMap() {
        Map<String, Set<String>> orders = new TreeMap<>();
        Set<String> alarmed = new HashSet<>();
        for (ActivePick pick : active.values()) {
            for (String zone : pick.zones()) {
                orders.computeIfAbsent(zone, z -> new TreeSet<>()).add(pick.orderId());
                if (pick.wrongItemIn(zone)) {
                    alarmed.add(zone);
                }
            }
        }
        Map<String, ZonePicks> zones = new TreeMap<>();
        orders.forEach((zone, ids) -> zones.put(zone, new ZonePicks(zone, ids, alarmed.contains(zone))));
        return zones;
    }

    private static CommandReply acceptedReply(ActivePick pick) {
        JsonObject result = header(pick);
        result.addProperty("deadline", pick.deadline.toString());
        JsonArray zones = new JsonArray();
        for (String zone : pick.zones()) {
            JsonArray items = new JsonArray();
            pick.suggested.stream().filter(u -> u.zone().equals(zone)).forEach(u -> items.add(u.identity(false)));
            JsonObject json = new JsonObject();
            json.addProperty("zone", zone);
            json.addProperty("quantity", items.size());
            json.add("items", items);
            zones.add(json);
        }
        result.add("zones", zones);
        return CommandReply.of(ReplyStatus.ACCEPTED, result);
    }

    /** The units that left, in the order they were seen to, each saying whether it was a suggested one. */
    private static JsonObject outcome(ActivePick pick) {
        JsonObject result = header(pick);
        JsonArray items = new JsonArray();
        for (Unit unit : pick.taken.values()) {
            JsonObject json = unit.identity(false);
            json.addProperty("zone", unit.zone());
            json.addProperty("suggested", pick.wasSuggested(unit.code()));
            items.add(json);
        }
        result.add("items", items);
        return result;
    }

    private static JsonObject header(ActivePick pick) {
        JsonObject result = new JsonObject();
        result.addProperty("orderId", pick.orderId());
        result.addProperty("gtin", pick.order.gtin());
        result.addProperty("quantity", pick.order.quantity());
        return result;
    }

    private static JsonObject alarm(ActivePick pick, String zone, List<Unit> units, String state, String detail) {
        JsonObject body = new JsonObject();
        body.addProperty("alarm", WRONG_ITEM);
        body.addProperty("state", state);
        body.addProperty("zone", zone);
        JsonArray items = new JsonArray();
        units.forEach(u -> items.add(u.identity(true)));
        body.add("items", items);
        body.addProperty("orderId", pick.orderId());
        body.addProperty("detail", detail);
        return body;
    }

    private static String perZone(List<Unit> usable) {
        if (usable.isEmpty()) {
            return "";
        }
        Map<String, Long> counts = usable.stream()
                .collect(Collectors.groupingBy(Unit::zone, TreeMap::new, Collectors.counting()));
        return " (" + counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String describe(List<Unit> units) {
        return units.stream().map(u -> u.code() + (u.registered()
                ? " (GTIN " + u.gtin() + ", batch " + u.batch() + ", expiry " + u.expiry() + ")"
                : " (not registered)")).collect(Collectors.joining(", "));
    }
}
