package org.medcab.picking.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * One pick between {@code accepted} and its outcome: what was suggested, what each guided zone
 * held at its last readable cycle, which units of the drug have left, and which items of other
 * drugs left (alarmed). Mutable; owned by {@link PickEngine}.
 */
final class ActivePick {
    final PickOrder order;
    final PickOrigin origin;
    final Instant started;
    final Instant deadline;
    /** FEFO order. */
    final List<Unit> suggested;
    /** Zone → the items it held at the last cycle that vouched for it. */
    final Map<String, Set<String>> present;
    /** Units of the drug that left the guided zones, in the order they were seen to leave. */
    final Map<String, Unit> taken = new LinkedHashMap<>();
    /** Zone → items of other drugs (or unregistered) that left it, each alarmed once. */
    final Map<String, Map<String, Unit>> wrong = new TreeMap<>();

    ActivePick(PickOrder order, PickOrigin origin, Instant started, Instant deadline, List<Unit> suggested,
               Map<String, Set<String>> present) {
        this.order = order;
        this.origin = origin;
        this.started = started;
        this.deadline = deadline;
        this.suggested = List.copyOf(suggested);
        this.present = new TreeMap<>();
        present.forEach((zone, codes) -> this.present.put(zone, new TreeSet<>(codes)));
    }

    String orderId() {
        return order.orderId();
    }

    /** The zones the pick lights, in the FEFO order of their first suggested unit. */
    Set<String> zones() {
        Set<String> zones = new LinkedHashSet<>();
        suggested.forEach(u -> zones.add(u.zone()));
        return zones;
    }

    boolean wasSuggested(String code) {
        return suggested.stream().anyMatch(u -> u.code().equals(code));
    }

    boolean wrongItemIn(String zone) {
        return !wrong.getOrDefault(zone, Map.of()).isEmpty();
    }

    boolean complete() {
        return taken.size() >= order.quantity();
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("orderId", order.orderId());
        json.addProperty("gtin", order.gtin());
        json.addProperty("quantity", order.quantity());
        if (order.timeoutSeconds() != null) {
            json.addProperty("timeoutSeconds", order.timeoutSeconds());
        }
        json.addProperty("requestId", origin.requestId());
        json.addProperty("correlationId", origin.correlationId());
        json.addProperty("started", started.toString());
        json.addProperty("deadline", deadline.toString());
        json.add("suggested", units(suggested));
        JsonObject zones = new JsonObject();
        present.forEach((zone, codes) -> {
            JsonArray array = new JsonArray();
            codes.forEach(array::add);
            zones.add(zone, array);
        });
        json.add("present", zones);
        json.add("taken", units(taken.values()));
        JsonObject wrongJson = new JsonObject();
        wrong.forEach((zone, units) -> wrongJson.add(zone, units(units.values())));
        json.add("wrong", wrongJson);
        return json;
    }

    static ActivePick fromJson(JsonObject json) {
        JsonElement timeout = json.get("timeoutSeconds");
        PickOrder order = new PickOrder(json.get("orderId").getAsString(), json.get("gtin").getAsString(),
                json.get("quantity").getAsInt(), timeout == null ? null : timeout.getAsInt());
        PickOrigin origin = new PickOrigin(json.get("requestId").getAsString(), json.get("correlationId").getAsString());
        Map<String, Set<String>> present = new TreeMap<>();
        for (Map.Entry<String, JsonElement> zone : json.getAsJsonObject("present").entrySet()) {
            Set<String> codes = new TreeSet<>();
            zone.getValue().getAsJsonArray().forEach(c -> codes.add(c.getAsString()));
            present.put(zone.getKey(), codes);
        }
        ActivePick pick = new ActivePick(order, origin, Instant.parse(json.get("started").getAsString()),
                Instant.parse(json.get("deadline").getAsString()), units(json.getAsJsonArray("suggested")), present);
        units(json.getAsJsonArray("taken")).forEach(u -> pick.taken.put(u.code(), u));
        for (Map.Entry<String, JsonElement> zone : json.getAsJsonObject("wrong").entrySet()) {
            Map<String, Unit> units = new LinkedHashMap<>();
            units(zone.getValue().getAsJsonArray()).forEach(u -> units.put(u.code(), u));
            pick.wrong.put(zone.getKey(), units);
        }
        return pick;
    }

    private static JsonArray units(Iterable<Unit> units) {
        JsonArray array = new JsonArray();
        units.forEach(u -> array.add(u.toJson()));
        return array;
    }

    private static List<Unit> units(JsonArray array) {
        return array.asList().stream().map(e -> Unit.fromJson(e.getAsJsonObject())).toList();
    }
}
