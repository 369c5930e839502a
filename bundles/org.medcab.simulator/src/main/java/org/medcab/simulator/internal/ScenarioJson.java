package org.medcab.simulator.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import org.medcab.reader.protocol.LinkProfile;
import org.medcab.reader.protocol.Region;
import org.medcab.simulator.Scenario;
import org.medcab.simulator.Scenario.Antenna;
import org.medcab.simulator.Scenario.Band;
import org.medcab.simulator.Scenario.Faults;
import org.medcab.simulator.Scenario.Label;
import org.medcab.simulator.Scenario.Reader;
import org.medcab.simulator.Scenario.Tag;
import org.medcab.simulator.ScenarioException;
import org.medcab.simulator.Vector3;

/**
 * The scenario file format. Parsing walks the JSON tree by hand rather than binding it, so that a
 * missing field is told apart from a zero, unknown fields (typos) are rejected, and every error
 * names the field's path.
 */
public final class ScenarioJson {
    public static final int DEFAULT_BAUD = 115200;
    public static final int DEFAULT_OUTPUT_POWER_DBM = 20;
    public static final long DEFAULT_SEED = 1;
    /** Longest EPC a tag record can carry: 31 words. */
    static final int MAX_EPC_HEX = 124;

    private static final Gson GSON = new Gson();

    private ScenarioJson() {
    }

    public static Scenario parse(String json) throws ScenarioException {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new ScenarioException("not valid JSON: " + e.getMessage());
        }
        Obj top = Obj.of(root, "scenario");
        top.allow("name", "seed", "baud", "linkProfile", "readers", "tags", "faults");
        String name = top.optString("name", "");
        long seed = top.optLong("seed", DEFAULT_SEED);
        int baud = top.optInt("baud", DEFAULT_BAUD);
        if (baud != 38400 && baud != 115200) {
            throw top.error("baud", "must be 38400 or 115200 (the reader's two rates): " + baud);
        }
        String profileName = top.optString("linkProfile", "D1");
        LinkProfile profile = parseEnum(LinkProfile.class, profileName,
                () -> top.error("linkProfile", "must be D0, D1, D2 or D3: " + profileName));

        List<Reader> readers = new ArrayList<>();
        JsonArray readerArray = top.array("readers");
        if (readerArray.isEmpty()) {
            throw top.error("readers", "needs at least one reader");
        }
        Map<Integer, String> addresses = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < readerArray.size(); i++) {
            Reader r = parseReader(Obj.of(readerArray.get(i), "readers[" + i + "]"));
            String path = "readers[" + i + "]";
            if (!ids.add(r.id())) {
                throw new ScenarioException(path + ".id: duplicate reader id " + r.id());
            }
            String other = addresses.putIfAbsent(r.address(), r.id());
            if (other != null) {
                throw new ScenarioException(path + ".address: " + r.address() + " is already reader " + other
                        + "'s address; addresses on one line must be unique");
            }
            readers.add(r);
        }

        List<Tag> tags = new ArrayList<>();
        if (top.has("tags")) {
            JsonArray tagArray = top.array("tags");
            Map<String, Integer> epcs = new HashMap<>();
            for (int i = 0; i < tagArray.size(); i++) {
                Tag t = parseTag(Obj.of(tagArray.get(i), "tags[" + i + "]"));
                Integer first = epcs.putIfAbsent(t.epc(), i);
                if (first != null) {
                    throw new ScenarioException("tags[" + i + "].epc: duplicate EPC " + t.epc() + ", also tags[" + first + "]");
                }
                tags.add(t);
            }
        }

        Faults faults = Faults.NONE;
        if (top.has("faults")) {
            faults = parseFaults(top.obj("faults"), addresses.keySet());
        }
        return new Scenario(name, seed, baud, profile, readers, tags, faults);
    }

    private static Reader parseReader(Obj o) throws ScenarioException {
        o.allow("id", "address", "outputPowerDbm", "ports", "band", "antennas");
        String id = o.string("id");
        if (id.isBlank()) {
            throw o.error("id", "must not be empty");
        }
        int address = o.integer("address");
        if (address < 0 || address > 254) {
            throw o.error("address", "must be 0..254 (0xFF is the public address): " + address);
        }
        int power = o.optInt("outputPowerDbm", DEFAULT_OUTPUT_POWER_DBM);
        if (power < 0 || power > 33) {
            throw o.error("outputPowerDbm", "must be 0..33 dBm: " + power);
        }
        JsonArray antennaArray = o.array("antennas");
        if (antennaArray.isEmpty()) {
            throw o.error("antennas", "needs at least one antenna");
        }
        List<Antenna> antennas = new ArrayList<>();
        int highestPort = 0;
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < antennaArray.size(); i++) {
            Obj a = Obj.of(antennaArray.get(i), o.path + ".antennas[" + i + "]");
            a.allow("port", "zone", "position", "boresight");
            int port = a.integer("port");
            if (port < 0 || port > 7) {
                throw a.error("port", "must be 0..7: " + port);
            }
            if (!ports.add(port)) {
                throw a.error("port", "duplicate antenna port " + port);
            }
            highestPort = Math.max(highestPort, port);
            String zone = a.string("zone");
            if (zone.isBlank()) {
                throw a.error("zone", "must not be empty");
            }
            Vector3 position = a.vector("position");
            Vector3 boresight = a.vector("boresight");
            if (boresight.length() == 0) {
                throw a.error("boresight", "must not be the zero vector");
            }
            antennas.add(new Antenna(port, zone, position, boresight));
        }
        int portCount = o.optInt("ports", highestPort >= 4 ? 8 : 4);
        if (portCount != 4 && portCount != 8) {
            throw o.error("ports", "must be 4 or 8: " + portCount);
        }
        if (highestPort >= portCount) {
            throw o.error("ports", "a " + portCount + "-port reader has no antenna port " + highestPort);
        }
        Band band = Band.DEFAULT;
        if (o.has("band")) {
            band = parseBand(o.obj("band"));
        }
        return new Reader(id, address, power, portCount, band, antennas);
    }

    private static Band parseBand(Obj o) throws ScenarioException {
        o.allow("region", "startIndex", "endIndex");
        String name = o.string("region");
        Region region = parseEnum(Region.class, name, () -> o.error("region", "must be FCC, ETSI or CHN: " + name));
        int start = o.integer("startIndex");
        int end = o.integer("endIndex");
        int[] range = FrequencyPlan.indexRange(region);
        if (start < range[0] || start > range[1]) {
            throw o.error("startIndex", region + " channels are " + range[0] + ".." + range[1] + ": " + start);
        }
        if (end < start || end > range[1]) {
            throw o.error("endIndex", "must be " + start + ".." + range[1] + ": " + end);
        }
        return new Band(region, start, end);
    }

    private static Tag parseTag(Obj o) throws ScenarioException {
        o.allow("epc", "zone", "position", "label", "tiltDeg");
        String epc = o.string("epc").toUpperCase(Locale.ROOT);
        String epcProblem = epcProblem(epc);
        if (epcProblem != null) {
            throw o.error("epc", epcProblem);
        }
        String zone = o.string("zone");
        if (zone.isBlank()) {
            throw o.error("zone", "must not be empty");
        }
        Vector3 position = o.vector("position");
        String labelName = o.optString("label", "flat");
        Label label = parseLabel(labelName);
        if (label == null) {
            throw o.error("label", "unknown label shape '" + labelName + "', must be flat or bent");
        }
        double tilt = o.optDouble("tiltDeg", 0);
        if (tilt < 0 || tilt > 90) {
            throw o.error("tiltDeg", "must be 0..90 degrees: " + tilt);
        }
        return new Tag(epc, zone, position, label, tilt);
    }

    /** Why this is not an EPC a tag can carry, or null. */
    public static String epcProblem(String epc) {
        if (epc.isEmpty() || epc.length() % 4 != 0 || epc.length() > MAX_EPC_HEX) {
            return "must be 1..31 whole 16-bit words (4..124 hex digits): " + epc.length() + " digits";
        }
        for (int i = 0; i < epc.length(); i++) {
            if (Character.digit(epc.charAt(i), 16) < 0) {
                return "not hexadecimal: '" + epc.charAt(i) + "' at " + i;
            }
        }
        return null;
    }

    /** The label for its scenario name, or null. */
    public static Label parseLabel(String name) {
        for (Label l : Label.values()) {
            if (l.jsonName().equals(name)) {
                return l;
            }
        }
        return null;
    }

    private static Faults parseFaults(Obj o, Set<Integer> addresses) throws ScenarioException {
        o.allow("silentReaders", "unpluggedReaders", "byteErrorRate", "truncateEvery", "badChecksumEvery");
        List<Integer> silent = o.has("silentReaders") ? o.addressList("silentReaders", addresses) : List.of();
        List<Integer> unplugged = o.has("unpluggedReaders") ? o.addressList("unpluggedReaders", addresses) : List.of();
        double rate = o.optDouble("byteErrorRate", 0);
        if (rate < 0 || rate > 1) {
            throw o.error("byteErrorRate", "must be a probability 0..1: " + rate);
        }
        int truncate = o.optInt("truncateEvery", 0);
        if (truncate < 0) {
            throw o.error("truncateEvery", "must be 0 (off) or a frame count: " + truncate);
        }
        int badChecksum = o.optInt("badChecksumEvery", 0);
        if (badChecksum < 0) {
            throw o.error("badChecksumEvery", "must be 0 (off) or a frame count: " + badChecksum);
        }
        return new Faults(silent, unplugged, rate, truncate, badChecksum);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String name,
                                                   java.util.function.Supplier<ScenarioException> error)
            throws ScenarioException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw error.get();
    }

    // ---- writing ----

    public static String write(Scenario s) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("{\n");
        b.append("  \"name\": ").append(str(s.name())).append(",\n");
        b.append("  \"seed\": ").append(s.seed()).append(",\n");
        b.append("  \"baud\": ").append(s.baud()).append(",\n");
        b.append("  \"linkProfile\": ").append(str(s.linkProfile().name())).append(",\n");
        b.append("  \"readers\": [\n");
        join(b, s.readers(), r -> {
            StringBuilder rb = new StringBuilder();
            rb.append("    { \"id\": ").append(str(r.id())).append(", \"address\": ").append(r.address())
                    .append(", \"outputPowerDbm\": ").append(r.outputPowerDbm()).append(", \"ports\": ").append(r.ports())
                    .append(", \"band\": { \"region\": ").append(str(r.band().region().name()))
                    .append(", \"startIndex\": ").append(r.band().startIndex())
                    .append(", \"endIndex\": ").append(r.band().endIndex()).append(" },\n");
            rb.append("      \"antennas\": [\n");
            join(rb, r.antennas(), a -> "        { \"port\": " + a.port() + ", \"zone\": " + str(a.zone())
                    + ", \"position\": " + vec(a.position()) + ", \"boresight\": " + vec(a.boresight()) + " }");
            rb.append("      ] }");
            return rb.toString();
        });
        b.append("  ],\n");
        b.append("  \"tags\": [\n");
        join(b, s.tags(), t -> "    { \"epc\": " + str(t.epc()) + ", \"zone\": " + str(t.zone()) + ", \"position\": "
                + vec(t.position()) + ", \"label\": " + str(t.label().jsonName()) + ", \"tiltDeg\": " + num(t.tiltDeg())
                + " }");
        b.append("  ],\n");
        Faults f = s.faults();
        b.append("  \"faults\": { \"silentReaders\": ").append(GSON.toJson(f.silentReaders()))
                .append(", \"unpluggedReaders\": ").append(GSON.toJson(f.unpluggedReaders()))
                .append(", \"byteErrorRate\": ").append(num(f.byteErrorRate()))
                .append(", \"truncateEvery\": ").append(f.truncateEvery())
                .append(", \"badChecksumEvery\": ").append(f.badChecksumEvery()).append(" }\n");
        b.append("}\n");
        return b.toString();
    }

    private static <T> void join(StringBuilder b, List<T> items, Function<T, String> line) {
        for (int i = 0; i < items.size(); i++) {
            b.append(line.apply(items.get(i))).append(i + 1 < items.size() ? ",\n" : "\n");
        }
    }

    private static String str(String s) {
        return GSON.toJson(new JsonPrimitive(s));
    }

    private static String vec(Vector3 v) {
        return "[" + num(v.x()) + ", " + num(v.y()) + ", " + num(v.z()) + "]";
    }

    private static String num(double d) {
        if (d == 0) {
            return "0";
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** A JSON object being read, with its path for error messages. */
    private static final class Obj {
        final JsonObject json;
        final String path;

        private Obj(JsonObject json, String path) {
            this.json = json;
            this.path = path;
        }

        static Obj of(JsonElement e, String path) throws ScenarioException {
            if (e == null || !e.isJsonObject()) {
                throw new ScenarioException(path + ": must be a JSON object");
            }
            return new Obj(e.getAsJsonObject(), path);
        }

        ScenarioException error(String field, String message) {
            return new ScenarioException(path + "." + field + ": " + message);
        }

        void allow(String... fields) throws ScenarioException {
            Set<String> known = Set.of(fields);
            for (String key : json.keySet()) {
                if (!known.contains(key)) {
                    throw error(key, "unknown field (known: " + String.join(", ", fields) + ")");
                }
            }
        }

        boolean has(String field) {
            return json.has(field) && !json.get(field).isJsonNull();
        }

        JsonElement required(String field) throws ScenarioException {
            if (!has(field)) {
                throw error(field, "missing");
            }
            return json.get(field);
        }

        String string(String field) throws ScenarioException {
            JsonElement e = required(field);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw error(field, "must be a string: " + e);
            }
            return e.getAsString();
        }

        String optString(String field, String fallback) throws ScenarioException {
            return has(field) ? string(field) : fallback;
        }

        double number(String field) throws ScenarioException {
            return number(required(field), field);
        }

        double number(JsonElement e, String field) throws ScenarioException {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw error(field, "must be a number: " + e);
            }
            double d = e.getAsDouble();
            if (!Double.isFinite(d)) {
                throw error(field, "must be finite: " + e);
            }
            return d;
        }

        double optDouble(String field, double fallback) throws ScenarioException {
            return has(field) ? number(field) : fallback;
        }

        long longValue(String field) throws ScenarioException {
            JsonElement e = required(field);
            double d = number(e, field);
            if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
                throw error(field, "must be a whole number: " + e);
            }
            return e.getAsLong();
        }

        int integer(String field) throws ScenarioException {
            long v = longValue(field);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw error(field, "out of range: " + v);
            }
            return (int) v;
        }

        int optInt(String field, int fallback) throws ScenarioException {
            return has(field) ? integer(field) : fallback;
        }

        long optLong(String field, long fallback) throws ScenarioException {
            return has(field) ? longValue(field) : fallback;
        }

        JsonArray array(String field) throws ScenarioException {
            JsonElement e = required(field);
            if (!e.isJsonArray()) {
                throw error(field, "must be an array");
            }
            return e.getAsJsonArray();
        }

        Obj obj(String field) throws ScenarioException {
            return Obj.of(required(field), path + "." + field);
        }

        Vector3 vector(String field) throws ScenarioException {
            JsonArray a = array(field);
            if (a.size() != 3) {
                throw error(field, "must be [x, y, z] in metres, has " + a.size() + " values");
            }
            double[] v = new double[3];
            for (int i = 0; i < 3; i++) {
                v[i] = number(a.get(i), field + "[" + i + "]");
            }
            return new Vector3(v[0], v[1], v[2]);
        }

        List<Integer> addressList(String field, Set<Integer> addresses) throws ScenarioException {
            JsonArray a = array(field);
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                double d = number(a.get(i), field + "[" + i + "]");
                int address = (int) d;
                if (d != address || !addresses.contains(address)) {
                    throw error(field + "[" + i + "]", "no reader has address " + a.get(i));
                }
                out.add(address);
            }
            return out;
        }
    }
}
