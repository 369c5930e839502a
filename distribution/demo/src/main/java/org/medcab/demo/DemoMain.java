package org.medcab.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.medcab.lab.ChildProcess;
import org.medcab.lab.CoilBoard;
import org.medcab.lab.Executables;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code bin/medcab-demo}: a whole simulated cabinet on one machine. A socat pseudo-terminal pair is the RS485
 * line; the reader simulator answers on one end, the gateway (its own process, configured from the scenario's
 * installation facts only) drives the other; a broker carries the gateway's reports to the hospital view,
 * which prints them. Ctrl-C stops the gateway first (its goodbye still reaches the broker), then the
 * simulator, the serial line and the broker, and leaves no process behind.
 */
public final class DemoMain {
    private static final PrintStream OUT = System.out;

    private final DemoOptions options;
    private final Path home;
    private final List<ChildProcess> children = new ArrayList<>();
    private Path runDir;
    private Broker broker;
    private ChildProcess socat;
    private ChildProcess simulator;
    private ChildProcess gateway;
    private HospitalView view;
    private LampBoardView lamps;
    private volatile boolean closing;
    private boolean closed;

    private DemoMain(DemoOptions options, Path home) {
        this.options = options;
        this.home = home;
    }

    public static void main(String[] args) {
        quietLibraries();
        String homeProperty = System.getProperty("medcab.home");
        if (homeProperty == null) {
            System.err.println("medcab-demo: run it through bin/medcab-demo (system property medcab.home is not set)");
            System.exit(2);
        }
        Path home = Path.of(homeProperty).toAbsolutePath().normalize();
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, home, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println("medcab-demo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            OUT.println(DemoOptions.USAGE);
            return;
        }
        DemoMain demo = new DemoMain(options, home);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "medcab-demo-stop"));
        int code;
        try {
            code = demo.run();
        } catch (Exception e) {
            System.err.println("medcab-demo: " + e.getMessage());
            code = 1;
        }
        demo.close();
        System.exit(code);
    }

    /** The embedded broker's libraries log through slf4j-simple; their routine chatter is not the demo's story. */
    private static void quietLibraries() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
    }

    private int run() throws Exception {
        String scenarioText = readScenario();
        Installation installation = Installation.parse(scenarioText);
        if (options.baud() != null) {
            installation = installation.withBaud(options.baud());
        }
        runDir = Files.createTempDirectory("medcab-demo-");
        say("cabinet \"" + installation.name() + "\": " + installation.readers().size() + " readers, "
                + installation.readers().stream().mapToInt(r -> r.antennas().size()).sum() + " antennas, "
                + installation.baud() + " baud; run folder " + runDir);

        broker = startBroker();
        say("MQTT broker " + broker.url() + (options.brokerUrl() == null
                ? (options.mosquitto() ? " (Mosquitto)" : " (embedded)") : ""));

        Path gatewayEnd = runDir.resolve("ttyGateway");
        Path simulatorEnd = runDir.resolve("ttySimulator");
        // Not lab's PtyPair: socat must run in its own session (ChildProcess does that), or Ctrl-C would cut the
        // serial line before the gateway stops, and the hospital would see readers fail instead of a clean stop.
        String socatBinary = Executables.find("socat").orElseThrow(() -> new IllegalStateException(
                "socat is not installed: sudo apt-get install socat")).toString();
        socat = child("socat", List.of(socatBinary, "-d", "-d",
                "pty,raw,echo=0,link=" + gatewayEnd, "pty,raw,echo=0,link=" + simulatorEnd), null);
        awaitSerialLine(socat, gatewayEnd, simulatorEnd);

        List<String> zones = installation.readers().stream().flatMap(r -> r.antennas().stream())
                .map(Installation.Antenna::zone).distinct().sorted().toList();
        // The zone lamps: a Modbus RTU relay board, simulated on the far end of its own serial line.
        Path lampsEnd = runDir.resolve("ttyLamps");
        Path boardEnd = runDir.resolve("ttyBoard");
        ChildProcess lampLine = child("socat lamps", List.of(socatBinary, "-d", "-d",
                "pty,raw,echo=0,link=" + lampsEnd, "pty,raw,echo=0,link=" + boardEnd), null);
        awaitSerialLine(lampLine, lampsEnd, boardEnd);
        lamps = new LampBoardView(new CoilBoard(boardEnd, 1, zones.size() * LampBoardView.COLOURS.length), zones, OUT);
        lamps.start();
        say("lamp board (Modbus RTU, unit 1) on " + boardEnd + ": coils red, yellow, green per zone " + zones);

        simulator = child("simulator", List.of(home.resolve("bin/medcab-simulator").toString(),
                "--port", simulatorEnd.toString(), "--scenario", simulatorScenario(scenarioText, installation).toString()),
                "[simulator] ");
        if (!simulator.awaitLine(l -> l.contains("simulator ready"), Duration.ofSeconds(30))) {
            boolean exited = simulator.process().waitFor(1, TimeUnit.SECONDS);
            throw new IllegalStateException("the simulator did not get ready"
                    + (exited ? " (it exited)" : " within 30 s") + ":\n" + simulator.recentOutput());
        }

        Path configDir = runDir.resolve("config");
        copyLayoutConfiguration(configDir);
        GatewayConfigFiles.write(GatewayConfigFiles.files(installation, gatewayEnd,
                new GatewayConfigFiles.HospitalLink(broker.url(), options.site(), options.gateway())), configDir);

        Files.writeString(configDir.resolve("org.medcab.leds.modbus-board1.config"), "port=\"" + lampsEnd + "\"\n"
                + "baud=I\"9600\"\nparity=\"none\"\nunitId=I\"1\"\ncoils=[" + LampBoardView.coils(zones).stream()
                .map(c -> "\"" + c.replace("=", "\\=") + "\"").collect(Collectors.joining(",")) + "]\n");
        Files.copy(home.resolve("config/examples/org.medcab.leds.mqtt-his.config"),
                configDir.resolve("org.medcab.leds.mqtt-his.config"));

        view = new HospitalView(broker.url(), new Reports("medcab", options.site(), options.gateway()), OUT, "");
        view.connect();
        say("hospital view subscribed to medcab/" + options.site() + "/" + options.gateway() + "/#");

        gateway = child("gateway", List.of(home.resolve("bin/medcab").toString(),
                "--config", configDir.toString(), "--storage", runDir.resolve("storage").toString()), "[gateway] ");
        say("gateway starting with configuration " + configDir);
        say("type simulator commands to change the cabinet (remove EPC | add EPC ZONE X Y Z [flat|bent] | "
                + "move EPC X Y Z | silence ADDRESS | resume ADDRESS); Ctrl-C stops everything");
        forwardConsoleToSimulator();
        loadHospitalData(scenarioText);

        if (options.seconds() > 0) {
            if (!gateway.process().waitFor(options.seconds(), TimeUnit.SECONDS)) {
                say(options.seconds() + " s are over");
                return 0;
            }
        } else {
            gateway.process().waitFor();
        }
        if (!closing) {
            say("the gateway exited unexpectedly (exit code " + gateway.process().exitValue() + ")");
            return 1;
        }
        return 0;
    }

    private String readScenario() throws IOException {
        if (!Files.isRegularFile(options.scenario())) {
            throw new IOException("no scenario at " + options.scenario()
                    + " (give one with --scenario FILE; the layout's default is scenarios/demo-cabinet.json)");
        }
        return Files.readString(options.scenario(), StandardCharsets.UTF_8);
    }

    private Broker startBroker() throws Exception {
        if (options.brokerUrl() != null) {
            return Broker.external(options.brokerUrl());
        }
        return options.mosquitto() ? Broker.mosquitto(runDir, OUT) : Broker.embedded();
    }

    private ChildProcess child(String name, List<String> command, String echoPrefix) throws IOException {
        ChildProcess c = ChildProcess.start(name, command, OUT, echoPrefix);
        synchronized (children) {
            children.add(c);
        }
        return c;
    }

    private void awaitSerialLine(ChildProcess line, Path a, Path b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!line.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("socat did not make the serial line " + a + " <-> " + b + ":\n"
                        + line.recentOutput());
            }
            Thread.sleep(20);
        }
    }

    /** The simulator paces bytes at the scenario's baud; with --baud it gets a copy that says the new speed. */
    private Path simulatorScenario(String scenarioText, Installation installation) throws IOException {
        if (options.baud() == null) {
            return options.scenario();
        }
        JsonObject scenario = JsonParser.parseString(scenarioText).getAsJsonObject();
        scenario.addProperty("baud", installation.baud());
        Path copy = runDir.resolve("scenario.json");
        Files.writeString(copy, scenario.toString(), StandardCharsets.UTF_8);
        return copy;
    }

    /** The layout's own configuration (inventory settings, for one), then the demo's files over it. */
    private void copyLayoutConfiguration(Path configDir) throws IOException {
        Files.createDirectories(configDir);
        try (Stream<Path> files = Files.list(home.resolve("config"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, configDir.resolve(f.getFileName()));
            }
        }
    }

    /**
     * Plays the HIS once the gateway is up: drugs, registered units and par levels made from the scenario, so
     * that every zone rule shows on the lamps (see {@link HospitalData}).
     */
    private void loadHospitalData(String scenarioText) {
        HospitalData data = HospitalData.of(HospitalData.tags(scenarioText), LocalDate.now());
        Thread t = new Thread(() -> {
            try {
                if (!view.awaitBirth(Duration.ofMinutes(2))) {
                    say("no birth from the gateway within 2 minutes: the hospital data is not sent");
                    return;
                }
                String run = Long.toString(System.currentTimeMillis(), 36);
                say("the hospital sends its drug catalog, the registered units and the par levels "
                        + "(zone rules shown, zone by zone: " + data.roles() + ")");
                view.send("catalog", data.catalog(), "demo-catalog-" + run);
                view.send("items", data.items(), "demo-items-" + run);
                view.send("par-levels", data.parLevels(), "demo-par-levels-" + run);
                String quiet = data.roles().entrySet().stream().filter(e -> e.getValue() == HospitalData.Role.OK)
                        .map(Map.Entry::getKey).findFirst().orElse("");
                say("try a pick from another terminal: " + home.resolve("bin/medcab-his") + " pick --broker "
                        + broker.url() + " --site " + options.site() + " --gateway " + options.gateway()
                        + " --order PO-1 --quantity 2 --gtin " + data.mainDrug(quiet)
                        + "; its zones turn green; take the units it names out here with 'remove EPC'");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                say("the hospital data could not be sent: " + e.getMessage());
            }
        }, "demo-hospital-data");
        t.setDaemon(true);
        t.start();
    }

    private void forwardConsoleToSimulator() {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null && !closing; ) {
                    if (!line.isBlank()) {
                        simulator.send(line.trim());
                    }
                }
            } catch (IOException e) {
                // no console (or the simulator is gone): nothing more to forward
            }
        }, "console-to-simulator");
        t.setDaemon(true);
        t.start();
    }

    /** Stops in the order that lets every part finish its sentence; safe to call twice (hook and main). */
    private synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        if (gateway != null && gateway.isAlive()) {
            say("stopping the gateway");
            gateway.stop(Duration.ofSeconds(20));
            if (view != null) {
                try {
                    if (!view.awaitDeath(Duration.ofSeconds(2))) {
                        say("(no death message from the gateway reached the hospital view)");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (view != null) {
            view.close();
        }
        List<ChildProcess> rest;
        synchronized (children) {
            rest = new ArrayList<>(children);
        }
        Collections.reverse(rest);
        for (ChildProcess c : rest) {
            if (c.isAlive()) {
                c.stop(Duration.ofSeconds(5));
            }
        }
        if (lamps != null) {
            lamps.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (runDir != null) {
            if (options.keep()) {
                say("run folder kept: " + runDir);
            } else {
                deleteTree(runDir);
            }
            say("demo stopped");
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            say("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void say(String line) {
        OUT.println("[demo] " + line);
    }
}
