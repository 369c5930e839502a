package org.medcab.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * What a technician knows about a cabinet when installing it: the line speed, and for each reader its RS485
 * address, transmit power and which zone each antenna port watches. Read from a simulator scenario, which
 * also holds the items and where they lie: those are the ground truth the gateway must find by itself, so
 * they are deliberately not read here.
 *
 * @param name    the scenario's name, for the files' comments
 * @param baud    the bus line speed
 * @param readers the readers, in scenario order
 */
public record Installation(String name, int baud, List<Reader> readers) {
    static final int DEFAULT_BAUD = 115200;

    /** Reader ids become part of a configuration file name ({@code org.medcab.rs485.reader-<id>.config}). */
    private static final Pattern READER_ID = Pattern.compile("[A-Za-z0-9_.-]+");

    /**
     * @param outputPowerDbm null when the scenario leaves it to the reader component's default
     */
    public record Reader(String id, int address, Integer outputPowerDbm, List<Antenna> antennas) {
    }

    public record Antenna(int port, String zone) {
    }

    Installation withBaud(int newBaud) {
        return new Installation(name, requireRange(newBaud, 1, 10_000_000, "baud"), readers);
    }

    public static Installation parse(String scenarioJson) {
        JsonElement root;
        try {
            root = JsonParser.parseString(scenarioJson);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the scenario is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("the scenario must be a JSON object");
        }
        return from(root.getAsJsonObject());
    }

    static Installation from(JsonObject scenario) {
        String name = scenario.has("name") ? text(scenario, "name", "scenario") : "(unnamed)";
        int baud = scenario.has("baud")
                ? requireRange(integer(scenario, "baud", "scenario"), 1, 10_000_000, "scenario baud")
                : DEFAULT_BAUD;
        JsonArray readerArray = array(scenario, "readers", "scenario");
        if (readerArray.isEmpty()) {
            throw new IllegalArgumentException("the scenario has no readers");
        }
        List<Reader> readers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<Integer> addresses = new HashSet<>();
        for (int i = 0; i < readerArray.size(); i++) {
            String where = "readers[" + i + "]";
            JsonObject r = object(readerArray.get(i), where);
            String id = text(r, "id", where);
            where += " (" + id + ")";
            if (!READER_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": reader id may only hold letters, digits, '_', '.', '-'");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + ": reader id " + id + " is used twice");
            }
            int address = requireRange(integer(r, "address", where), 0, 254, where + " address");
            if (!addresses.add(address)) {
                throw new IllegalArgumentException(where + ": RS485 address " + address + " is used by another reader");
            }
            Integer power = r.has("outputPowerDbm")
                    ? requireRange(integer(r, "outputPowerDbm", where), 0, 33, where + " outputPowerDbm")
                    : null;
            // A reader model has 1, 2, 4 or 8 antenna ports; the scenario may say how many this one has.
            int ports = r.has("ports") ? requireRange(integer(r, "ports", where), 1, 8, where + " ports") : 8;
            readers.add(new Reader(id, address, power, antennas(array(r, "antennas", where), ports, where)));
        }
        return new Installation(name, baud, List.copyOf(readers));
    }

    private static List<Antenna> antennas(JsonArray array, int portCount, String readerWhere) {
        if (array.isEmpty()) {
            throw new IllegalArgumentException(readerWhere + " has no antennas");
        }
        List<Antenna> antennas = new ArrayList<>();
        Set<Integer> ports = new HashSet<>();
        for (int j = 0; j < array.size(); j++) {
            String where = readerWhere + " antennas[" + j + "]";
            JsonObject a = object(array.get(j), where);
            int port = requireRange(integer(a, "port", where), 0, portCount - 1, where + " port");
            if (!ports.add(port)) {
                throw new IllegalArgumentException(where + ": antenna port " + port + " is listed twice");
            }
            String zone = text(a, "zone", where);
            // The zone is written as "port=zone" and becomes an MQTT topic level.
            if (zone.isBlank() || zone.chars().anyMatch(c -> c == '=' || c == '/' || c == '+' || c == '#'
                    || Character.isISOControl(c))) {
                throw new IllegalArgumentException(where + ": zone '" + zone
                        + "' must be non-blank and hold none of = / + # or control characters");
            }
            antennas.add(new Antenna(port, zone));
        }
        return List.copyOf(antennas);
    }

    private static int requireRange(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    private static JsonObject object(JsonElement e, String where) {
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException(where + "." + key + " must be a JSON array");
        }
        return e.getAsJsonArray();
    }

    private static String text(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(where + "." + key + " must be a string");
        }
        return e.getAsString();
    }

    /** A whole number: Gson would silently truncate 1.5 to 1, which would configure the wrong reader. */
    private static int integer(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(where + "." + key + " must be a number");
        }
        BigDecimal value = e.getAsBigDecimal();
        try {
            return value.intValueExact();
        } catch (ArithmeticException notWhole) {
            throw new IllegalArgumentException(where + "." + key + " must be a whole number, not " + value);
        }
    }
}
