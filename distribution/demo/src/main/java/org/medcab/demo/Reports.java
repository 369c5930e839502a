package org.medcab.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Turns what the gateway publishes (the medcab MQTT contract) into lines a pharmacist can read:
 * <pre>
 * zone A1   known      52 items  (+0 -0)  cycle 3
 * reader r2 OFFLINE (bus bus1, address 2): 3 timeouts, 0 checksum errors, last seen ...
 * </pre>
 * It also watches the gateway-wide sequence number, as the hospital system would, and says so when a message
 * is missing or arrives twice.
 */
final class Reports {
    private static final int EPCS_LISTED = 5;

    private final String base;
    private long lastSeq = -1;

    Reports(String topicPrefix, String site, String gateway) {
        this.base = topicPrefix + "/" + site + "/" + gateway + "/";
    }

    String subscription() {
        return base + "#";
    }

    String commandTopic(String command) {
        return base + "cmd/" + command;
    }

    /**
     * @param retained true for a message the broker kept from before we subscribed
     * @return the lines to print, possibly none
     * @throws IllegalArgumentException if the payload is not what the contract says
     */
    List<String> describe(String topic, String payload, boolean retained) {
        if (!topic.startsWith(base)) {
            return List.of("message on unexpected topic " + topic);
        }
        String kind = topic.substring(base.length());
        if (kind.startsWith("cmd/")) {
            return List.of(); // the hospital's own commands: their replies say what became of them
        }
        JsonObject m = json(payload);
        List<String> lines = new ArrayList<>();
        if (kind.equals("birth")) {
            lines.add(birth(m));
        } else if (kind.equals("death")) {
            lines.add("gateway " + text(m, "gateway") + " OFFLINE (death message)");
        } else if (kind.startsWith("inventory/")) {
            // Live snapshots repeat what the cycle's event says (printed with its changes): only their
            // sequence number matters here. A retained one is news to a subscriber that just arrived.
            if (retained) {
                lines.add(zoneLine(m, "", integer(m, "cycle")) + "  (kept by the broker from before)");
            }
        } else if (kind.equals("events/inventory")) {
            inventoryEvent(m, lines);
        } else if (kind.equals("events/reader")) {
            lines.add(readerEvent(m));
        } else if (kind.equals("events/zone-status")) {
            lines.add(zoneStatus(m));
        } else if (kind.startsWith("status/") || kind.equals("health")) {
            // status/{zone} restates the zone-status event for late subscribers; health is for monitoring
        } else if (kind.startsWith("led/")) {
            lines.add(String.format(Locale.ROOT, "lamp %-4s %-6s %-10s (%s)", text(m, "zone"), text(m, "colour"),
                    text(m, "pattern"), text(m, "reason")));
        } else if (kind.equals("events/alarm")) {
            lines.add(alarm(m));
        } else if (kind.equals("events/replenishment")) {
            lines.add(String.format(Locale.ROOT, "REPLENISH zone %s: %s, %d left (reorder point %d, par level %d): order %d",
                    text(m, "zone"), m.get("drug").isJsonNull() ? text(m, "gtin") : text(m, "drug"), integer(m, "present"),
                    integer(m, "reorderPoint"), integer(m, "level"), integer(m, "suggestedQuantity")));
        } else if (kind.startsWith("reply/")) {
            lines.add(reply(m));
        } else {
            String text = payload.length() > 120 ? payload.substring(0, 120) + "..." : payload;
            lines.add("message on " + kind + ": " + text);
        }
        if (!retained && !kind.equals("death")) {
            checkSequence(m, lines);
        }
        return lines;
    }

    private String birth(JsonObject m) {
        JsonArray readers = m.has("readers") ? array(m, "readers") : new JsonArray();
        List<String> offline = new ArrayList<>();
        for (JsonElement e : readers) {
            JsonObject r = e.getAsJsonObject();
            if (!bool(r, "online")) {
                offline.add(text(r, "id") + " (bus " + text(r, "bus") + ", address " + integer(r, "address") + ")");
            }
        }
        String line = "gateway " + text(m, "gateway") + " ONLINE: " + integer(m, "readersOnline") + " of "
                + readers.size() + " readers online";
        if (m.has("bundles")) {
            line += ", " + array(m, "bundles").size() + " bundles";
        }
        return offline.isEmpty() ? line : line + "; offline: " + String.join(", ", offline);
    }

    private void inventoryEvent(JsonObject m, List<String> lines) {
        long cycle = integer(m, "cycle");
        for (JsonElement e : array(m, "zones")) {
            JsonObject z = e.getAsJsonObject();
            JsonArray added = array(z, "added");
            JsonArray removed = array(z, "removed");
            lines.add(zoneLine(z, "(+" + added.size() + " -" + removed.size() + ")  ", cycle));
            listEpcs("+", added, lines);
            listEpcs("-", removed, lines);
        }
        lines.add(String.format(Locale.ROOT, "cycle %d: %d ms, %d passes, %s", cycle, integer(m, "durationMs"),
                integer(m, "passes"), bool(m, "stable") ? "stable" : "NOT stable (ended by the time limit)"));
    }

    private static String zoneLine(JsonObject z, String changes, long cycle) {
        return String.format(Locale.ROOT, "zone %-4s %-8s %4d items  %scycle %d", text(z, "zone"), text(z, "state"),
                integer(z, "count"), changes, cycle);
    }

    private static void listEpcs(String sign, JsonArray epcs, List<String> lines) {
        for (int i = 0; i < Math.min(epcs.size(), EPCS_LISTED); i++) {
            lines.add("            " + sign + " " + epcs.get(i).getAsString());
        }
        if (epcs.size() > EPCS_LISTED) {
            lines.add("            " + sign + " ... and " + (epcs.size() - EPCS_LISTED) + " more");
        }
    }

    /** {@code zone A1 EXPIRING (was ok): expiring 1 item (earliest 2026-12-21); ...} */
    private static String zoneStatus(JsonObject m) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "zone %-4s %s", text(m, "zone"),
                text(m, "condition").toUpperCase(Locale.ROOT)));
        if (m.has("previous") && !m.get("previous").isJsonNull()) {
            line.append(" (was ").append(text(m, "previous")).append(')');
        }
        if (bool(m, "alarm")) {
            line.append(" ALARM");
        }
        String separator = ": ";
        for (JsonElement e : array(m, "reasons")) {
            JsonObject r = e.getAsJsonObject();
            line.append(separator).append(text(r, "kind"));
            separator = "; ";
            if (r.has("drug")) {
                line.append(' ').append(text(r, "drug"));
            }
            if (r.has("required")) {
                line.append(' ').append(integer(r, "present")).append(" of ").append(integer(r, "required"));
            } else if (r.has("items") && array(r, "items").size() > 0) {
                line.append(' ').append(array(r, "items").size()).append(" item(s)");
            }
            if (r.has("expiry") && !r.get("expiry").isJsonNull()) {
                line.append(", earliest expiry ").append(text(r, "expiry"));
            }
        }
        return line.toString();
    }

    private static String alarm(JsonObject m) {
        String zone = m.has("zone") && !m.get("zone").isJsonNull() ? " in zone " + text(m, "zone") : "";
        return "ALARM " + text(m, "alarm") + " " + text(m, "state") + zone + ": " + text(m, "detail");
    }

    /** {@code reply to cmd/catalog (his-1): ok {applied=12, ...}}, the result's first level in brief. */
    private static String reply(JsonObject m) {
        StringBuilder line = new StringBuilder("reply to cmd/" + text(m, "command") + " (" + text(m, "requestId") + "): "
                + text(m, "status"));
        if (m.has("error")) {
            JsonObject error = m.getAsJsonObject("error");
            line.append(" ").append(text(error, "field")).append(' ').append(text(error, "problem"));
        }
        List<String> fields = new ArrayList<>();
        for (var f : m.getAsJsonObject("result").entrySet()) {
            JsonElement v = f.getValue();
            fields.add(f.getKey() + "=" + (v.isJsonArray() ? v.getAsJsonArray().size() + " entries" : v.toString()));
        }
        if (!fields.isEmpty()) {
            line.append(' ').append(fields);
        }
        return line.toString();
    }

    private static String readerEvent(JsonObject m) {
        String where = " (bus " + text(m, "bus") + ", address " + integer(m, "address") + ")";
        if (bool(m, "online")) {
            return "reader " + text(m, "reader") + " back ONLINE" + where;
        }
        return "reader " + text(m, "reader") + " OFFLINE" + where + ": " + integer(m, "timeouts") + " timeouts, "
                + integer(m, "checksumErrors") + " checksum errors, last seen "
                + (m.has("lastSeen") && !m.get("lastSeen").isJsonNull() ? m.get("lastSeen").getAsString() : "never");
    }

    private void checkSequence(JsonObject m, List<String> lines) {
        long seq = integer(m, "seq");
        if (lastSeq >= 0 && seq <= lastSeq) {
            lines.add("  note: seq " + seq + " arrived after seq " + lastSeq + " (a duplicate, or out of order)");
        } else if (lastSeq >= 0 && seq > lastSeq + 1) {
            lines.add("  note: seq jumped from " + lastSeq + " to " + seq + " (" + (seq - lastSeq - 1)
                    + " message(s) missing)");
        }
        lastSeq = Math.max(lastSeq, seq);
    }

    private static JsonObject json(String payload) {
        try {
            JsonElement e = JsonParser.parseString(payload);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not JSON (" + e.getMessage() + ")", e);
        }
    }

    private static JsonElement field(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("no '" + key + "'");
        }
        return e;
    }

    private static String text(JsonObject o, String key) {
        return field(o, key).getAsString();
    }

    private static long integer(JsonObject o, String key) {
        try {
            return field(o, key).getAsLong();
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
            throw new IllegalArgumentException("'" + key + "' is not a number");
        }
    }

    private static boolean bool(JsonObject o, String key) {
        JsonElement e = field(o, key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' is not true or false");
        }
        return e.getAsBoolean();
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonElement e = field(o, key);
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("'" + key + "' is not a list");
        }
        return e.getAsJsonArray();
    }
}
