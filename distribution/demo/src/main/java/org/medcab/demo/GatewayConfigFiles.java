package org.medcab.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway configuration a technician would write for a cabinet, as FileInstall {@code .config} files:
 * one bus on the gateway's end of the serial line, one reader per installed reader, and the hospital link.
 * <p>
 * The {@code .config} format is typed: {@code key="text"} is a String, {@code key=I"1"} an Integer,
 * {@code key=["a","b"]} a String array. Inside quotes {@code \}, {@code "}, {@code =} and space are escaped
 * with a backslash (the reader stops at an unescaped {@code =}), and anything outside printable ASCII is
 * written as {@code \}{@code uXXXX} so the file reads the same in any encoding.
 */
public final class GatewayConfigFiles {
    static final String BUS_ID = "bus1";
    static final String BUS_PID = "org.medcab.rs485.bus";
    static final String READER_PID = "org.medcab.rs485.reader";
    static final String MQTT_PID = "org.medcab.mqtt";

    /** Where the hospital link points and under which names this gateway reports. */
    public record HospitalLink(String brokerUrl, String site, String gateway) {
    }

    private GatewayConfigFiles() {
    }

    /** File name to file content, in writing order: bus, readers, hospital link. */
    public static Map<String, String> files(Installation installation, Path busPort, HospitalLink link) {
        Map<String, String> files = new LinkedHashMap<>();
        String origin = "# Written by medcab-demo from scenario " + quote(installation.name())
                + " (installation facts only: no item positions).\n";

        files.put(BUS_PID + "-" + BUS_ID + ".config", origin
                + "# The RS485 bus: the gateway's end of the simulated serial line.\n"
                + line("id", quote(BUS_ID))
                + line("port", quote(busPort.toString()))
                + line("baud", integer(installation.baud())));

        for (Installation.Reader r : installation.readers()) {
            StringBuilder text = new StringBuilder(origin)
                    .append("# Reader ").append(r.id()).append(": its RS485 address, transmit power, and the zone each antenna watches.\n")
                    .append(line("id", quote(r.id())))
                    .append(line("busId", quote(BUS_ID)))
                    .append(line("address", integer(r.address())));
            if (r.outputPowerDbm() != null) {
                text.append(line("outputPowerDbm", integer(r.outputPowerDbm())));
            }
            text.append(line("zones", stringArray(r.antennas().stream().map(a -> a.port() + "=" + a.zone()).toList())))
                    .append(line("bus.target", quote("(bus.id=" + BUS_ID + ")")));
            files.put(READER_PID + "-" + r.id() + ".config", text.toString());
        }

        files.put(MQTT_PID + ".config", origin
                + "# The hospital link.\n"
                + line("brokerUrl", quote(link.brokerUrl()))
                + line("site", quote(link.site()))
                + line("gateway", quote(link.gateway())));
        return files;
    }

    /** Writes each file completely before its final name appears, so FileInstall never reads half a file. */
    public static void write(Map<String, String> files, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path tmp = dir.resolve("." + f.getKey() + ".tmp");
            Files.writeString(tmp, f.getValue(), StandardCharsets.US_ASCII);
            Files.move(tmp, dir.resolve(f.getKey()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String line(String key, String typedValue) {
        return key + "=" + typedValue + "\n";
    }

    static String integer(int value) {
        return "I\"" + value + "\"";
    }

    static String stringArray(List<String> values) {
        return "[" + String.join(",", values.stream().map(GatewayConfigFiles::quote).toList()) + "]";
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\', '"', '=', ' ' -> out.append('\\').append(c);
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
