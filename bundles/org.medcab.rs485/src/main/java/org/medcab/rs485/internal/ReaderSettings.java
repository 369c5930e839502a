package org.medcab.rs485.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * One reader on a bus.
 *
 * @param id              the configured reader id, unique in the gateway
 * @param address         its unit address on the bus, 0..254
 * @param zonesByAntenna  antenna port (0..7) to the zone it watches, for every antenna in use
 * @param outputPowerDbm  RF output power set on every port, 0..33 dBm
 */
public record ReaderSettings(String id, int address, Map<Integer, String> zonesByAntenna, int outputPowerDbm) {

    public static final int DEFAULT_OUTPUT_POWER_DBM = 20;

    public ReaderSettings {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("reader id must not be empty");
        }
        if (address < 0 || address > 0xFE) {
            throw new IllegalArgumentException("reader " + id + ": address must be 0..254: " + address);
        }
        if (zonesByAntenna == null || zonesByAntenna.isEmpty()) {
            throw new IllegalArgumentException("reader " + id + ": zones must name at least one antenna=zone");
        }
        for (Map.Entry<Integer, String> e : zonesByAntenna.entrySet()) {
            if (e.getKey() < 0 || e.getKey() > 7) {
                throw new IllegalArgumentException("reader " + id + ": antenna must be 0..7: " + e.getKey());
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new IllegalArgumentException("reader " + id + ": antenna " + e.getKey() + " has no zone");
            }
        }
        zonesByAntenna = Map.copyOf(zonesByAntenna);
        if (outputPowerDbm < 0 || outputPowerDbm > 33) {
            throw new IllegalArgumentException("reader " + id + ": outputPowerDbm must be 0..33: " + outputPowerDbm);
        }
    }

    /** Reads the configuration form {@code {"0=A1", "1=A2"}}. */
    public static Map<Integer, String> parseZones(String readerId, String[] entries) {
        Map<Integer, String> zones = new TreeMap<>();
        if (entries == null) {
            return zones;
        }
        for (String entry : entries) {
            String[] parts = entry == null ? new String[0] : entry.split("=", 2);
            int antenna;
            try {
                antenna = parts.length == 2 ? Integer.parseInt(parts[0].trim()) : -1;
            } catch (NumberFormatException e) {
                antenna = -1;
            }
            if (antenna < 0 || antenna > 7 || parts[1].isBlank()) {
                throw new IllegalArgumentException("reader " + readerId + ": zones entry '" + entry
                        + "' must be antenna=zone with antenna 0..7, e.g. 0=A1");
            }
            if (zones.put(antenna, parts[1].trim()) != null) {
                throw new IllegalArgumentException("reader " + readerId + ": antenna " + antenna + " is listed twice in zones");
            }
        }
        return zones;
    }
}
