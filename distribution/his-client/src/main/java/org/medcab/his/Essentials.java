package org.medcab.his;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The few facts of each known message an operator wants on one line. */
final class Essentials {
    private static final int MAX_JSON = 300;

    private Essentials() {
    }

    static String of(JsonObject m) {
        String schema = text(m, "schema");
        String kind = schema.replaceFirst("^medcab/", "").replaceFirst("/[0-9]+$", "");
        if (kind.startsWith("reply/")) {
            return reply(m);
        }
        return switch (kind) {
            case "birth" -> birth(m);
            case "death" -> "gateway offline";
            case "zone-inventory" -> "zone " + text(m, "zone") + " " + text(m, "state") + ": " + number(m, "count") + " items";
            case "inventory-event" -> inventory(m);
            case "reader-event" -> "reader " + text(m, "reader") + " (" + text(m, "bus") + " address " + number(m, "address")
                    + ") " + (bool(m, "online") ? "online" : "OFFLINE") + ", " + number(m, "timeouts") + " timeouts, "
                    + number(m, "checksumErrors") + " checksum errors";
            case "alarm" -> "ALARM " + text(m, "alarm") + " " + text(m, "state") + " zone " + text(m, "zone") + ", "
                    + size(m, "items") + " items" + (m.has("orderId") ? ", order " + text(m, "orderId") : "") + ": "
                    + text(m, "detail");
            case "zone-status" -> zoneStatus(m);
            default -> (schema.isEmpty() ? "no schema" : schema) + " " + compact(m);
        };
    }

    private static String birth(JsonObject m) {
        List<String> bundles = new ArrayList<>();
        for (JsonElement b : array(m, "bundles")) {
            JsonObject o = b.getAsJsonObject();
            bundles.add(text(o, "name") + " " + text(o, "version"));
        }
        return "gateway online, readers " + number(m, "readersOnline") + "/" + size(m, "readers") + " online, "
                + bundles.size() + " bundles" + (bundles.isEmpty() ? "" : " " + String.join(", ", bundles));
    }

    private static String inventory(JsonObject m) {
        List<String> zones = new ArrayList<>();
        for (JsonElement z : array(m, "zones")) {
            JsonObject o = z.getAsJsonObject();
            zones.add(text(o, "zone") + ("unknown".equals(text(o, "state")) ? " UNKNOWN " : " ") + number(o, "count")
                    + " (+" + size(o, "added") + " -" + size(o, "removed") + ")");
        }
        return "inventory cycle " + number(m, "cycle") + " (" + number(m, "durationMs") + " ms, " + number(m, "passes")
                + " passes" + (bool(m, "stable") ? ", stable" : ", NOT stable") + "): " + String.join(", ", zones);
    }

    private static String zoneStatus(JsonObject m) {
        List<String> reasons = new ArrayList<>();
        for (JsonElement r : array(m, "reasons")) {
            reasons.add(r.isJsonObject() ? text(r.getAsJsonObject(), "kind") : r.toString());
        }
        return "zone " + text(m, "zone") + " " + text(m, "condition") + (bool(m, "alarm") ? " ALARM" : "")
                + (reasons.isEmpty() ? "" : ": " + String.join(", ", reasons));
    }

    private static String reply(JsonObject m) {
        StringBuilder s = new StringBuilder("reply ").append(text(m, "command")).append(' ')
                .append(text(m, "status")).append(" correlationId ").append(text(m, "correlationId"));
        if (m.has("durationMs")) {
            s.append(" (").append(number(m, "durationMs")).append(" ms)");
        }
        if (m.has("error") && m.get("error").isJsonObject()) {
            JsonObject e = m.getAsJsonObject("error");
            s.append(" error ").append(text(e, "field").isEmpty() ? "(request)" : text(e, "field")).append(": ")
                    .append(text(e, "problem"));
        }
        if (m.has("result") && m.get("result").isJsonObject() && m.getAsJsonObject("result").size() > 0) {
            s.append(" result ").append(compact(m.getAsJsonObject("result")));
        }
        return s.toString();
    }

    static String compact(JsonElement e) {
        String s = e.toString();
        return s.length() <= MAX_JSON ? s : s.substring(0, MAX_JSON) + "...";
    }

    static String text(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    private static String number(JsonObject o, String field) {
        String t = text(o, field);
        return t.isEmpty() ? "?" : t;
    }

    private static boolean bool(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }

    private static JsonArray array(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    private static int size(JsonObject o, String field) {
        return array(o, field).size();
    }
}
