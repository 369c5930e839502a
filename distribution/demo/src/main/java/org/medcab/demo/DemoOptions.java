package org.medcab.demo;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Command line of {@code bin/medcab-demo}.
 *
 * @param scenario  the cabinet to simulate
 * @param brokerUrl an MQTT broker to use, or null to run one (embedded, or Mosquitto with {@code mosquitto})
 * @param mosquitto run a Mosquitto broker instead of the embedded one
 * @param site      site name in the topics
 * @param gateway   gateway name in the topics
 * @param baud      line speed for simulator and gateway, or null for the scenario's
 * @param seconds   stop by itself after this many seconds, or 0 to run until Ctrl-C
 * @param keep      keep the run folder (configuration, storage) after stopping
 */
record DemoOptions(Path scenario, String brokerUrl, boolean mosquitto, String site, String gateway, Integer baud,
        int seconds, boolean keep, boolean help) {

    static final String USAGE = """
            usage: medcab-demo [--scenario FILE] [--broker URL | --mosquitto] [--site ID] [--gateway ID] [--baud N]
                               [--seconds N] [--keep]
              --scenario FILE  cabinet to simulate: readers, antennas, zones, items; default scenarios/demo-cabinet.json
              --broker URL     use this MQTT broker (tcp://host:port); default: run an embedded one on a free port
              --mosquitto      run Mosquitto (must be installed) on a free port instead of the embedded broker
              --site ID        site name in the topics; default site1
              --gateway ID     gateway name in the topics; default cabinet1
              --baud N         serial line speed of simulator and gateway; default: the scenario's
              --seconds N      stop after N seconds; default: run until Ctrl-C
              --keep           keep the run folder (generated configuration, framework storage) after stopping
            While it runs, type simulator commands to change the cabinet and watch the reports follow:
              remove EPC | add EPC ZONE X Y Z [flat|bent] | move EPC X Y Z | silence ADDRESS | resume ADDRESS""";

    /** Site and gateway become MQTT topic levels and configuration values. */
    private static final Pattern TOPIC_LEVEL = Pattern.compile("[A-Za-z0-9_.-]+");

    static DemoOptions parse(String[] args, Path home, Path workingDir) {
        Path scenario = home.resolve("scenarios/demo-cabinet.json");
        String broker = null;
        boolean mosquitto = false;
        String site = "site1";
        String gateway = "cabinet1";
        Integer baud = null;
        int seconds = 0;
        boolean keep = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--scenario" -> scenario = workingDir.resolve(value(args, ++i, arg)).normalize();
                case "--broker" -> broker = value(args, ++i, arg);
                case "--mosquitto" -> mosquitto = true;
                case "--site" -> site = topicLevel(value(args, ++i, arg), arg);
                case "--gateway" -> gateway = topicLevel(value(args, ++i, arg), arg);
                case "--baud" -> baud = positive(value(args, ++i, arg), arg);
                case "--seconds" -> seconds = positive(value(args, ++i, arg), arg);
                case "--keep" -> keep = true;
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (broker != null && mosquitto) {
            throw new IllegalArgumentException("--broker and --mosquitto exclude each other");
        }
        if (broker != null && !broker.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("--broker needs a URL such as tcp://localhost:1883, got '" + broker + "'");
        }
        return new DemoOptions(scenario, broker, mosquitto, site, gateway, baud, seconds, keep, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String topicLevel(String value, String option) {
        if (!TOPIC_LEVEL.matcher(value).matches()) {
            throw new IllegalArgumentException(option + " may only hold letters, digits, '_', '.', '-', got '" + value + "'");
        }
        return value;
    }

    private static int positive(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, got '" + value + "'");
    }
}
