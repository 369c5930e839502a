package org.medcab.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import com.fazecast.jSerialComm.SerialPort;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone simulator:
 * {@code java -cp 'DIR/*' org.medcab.simulator.SimulatorMain --port /tmp/x/ttyB [--scenario FILE.json]
 * [--baud 115200] [--seed N] [--exit-on-eof] [--debug]}. Prints "simulator ready" once the port is
 * open, then reads control commands from stdin, one per line, and answers each with one line
 * "ok ..." or "error ..." on stdout. Logs go to stderr.
 */
public final class SimulatorMain {
    static final String USAGE = "usage: SimulatorMain --port DEVICE [--scenario FILE.json] [--baud 38400|115200]"
            + " [--seed N] [--exit-on-eof] [--debug]";

    private SimulatorMain() {
    }

    record Options(String port, Path scenario, int baud, Long seed, boolean exitOnEof, boolean debug) {
    }

    public static void main(String[] args) throws InterruptedException {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (o.debug()) {
            // Before the first logger exists: slf4j-simple reads its level once.
            System.setProperty("org.slf4j.simpleLogger.log.org.medcab.simulator", "debug");
        }
        Logger log = LoggerFactory.getLogger(SimulatorMain.class);
        Scenario scenario;
        try {
            scenario = o.scenario() == null ? Scenario.demo() : Scenario.load(o.scenario());
        } catch (IOException | ScenarioException e) {
            System.err.println("scenario: " + e.getMessage());
            System.exit(2);
            return;
        }
        Simulator simulator = new Simulator(scenario, o.port(), o.baud(), o.seed());
        try {
            simulator.start();
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // jSerialComm's hook list runs before it closes every port: the readers stop first, no read error at exit.
        SerialPort.addShutdownHook(new Thread(() -> {
            log.info("stopping");
            simulator.close();
            stopped.countDown();
        }, "medcab-simulator-shutdown"));
        log.info("scenario '{}': {} readers, {} tags on {}", scenario.name(), scenario.readers().size(),
                scenario.tags().size(), o.port());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("simulator ready");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    out.println(simulator.control(line));
                }
            }
        } catch (IOException e) {
            log.warn("stdin unreadable, control commands off: {}", e.getMessage());
        }
        if (o.exitOnEof()) {
            log.info("end of stdin: stopping");
            System.exit(0);
        }
        // Without --exit-on-eof a closed stdin (a background job) does not stop the readers.
        stopped.await();
    }

    static Options parse(String[] args) {
        String port = null;
        Path scenario = null;
        int baud = 0;
        Long seed = null;
        boolean exitOnEof = false;
        boolean debug = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> port = value(args, ++i, a);
                case "--scenario" -> scenario = Path.of(value(args, ++i, a));
                case "--baud" -> {
                    String v = value(args, ++i, a);
                    if (!v.equals("38400") && !v.equals("115200")) {
                        throw new IllegalArgumentException("--baud must be 38400 or 115200: " + v);
                    }
                    baud = Integer.parseInt(v);
                }
                case "--seed" -> {
                    String v = value(args, ++i, a);
                    try {
                        seed = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seed must be a whole number: " + v);
                    }
                }
                case "--exit-on-eof" -> exitOnEof = true;
                case "--debug" -> debug = true;
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("--port is required");
        }
        return new Options(port, scenario, baud, seed, exitOnEof, debug);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
