package org.medcab.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medcab.api.ZoneInventory;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.internal.InventoryEngine;
import org.medcab.inventory.internal.InventorySettings;
import org.medcab.lab.PtyPair;
import org.medcab.reader.protocol.DecoderCounters;
import org.medcab.rs485.internal.BusSettings;
import org.medcab.rs485.internal.ReaderBus;
import org.medcab.rs485.internal.ReaderSettings;
import org.medcab.rs485.internal.Rs485Reader;
import org.medcab.simulator.Scenario;
import org.medcab.simulator.Simulator;

/**
 * Stocktake speed and completeness: the real bus driver and inventory engine against the simulator
 * on a real pseudo-terminal line, scored per cycle against the scenario's ground truth. The gateway
 * side is configured only with installation facts (addresses, antenna zones, power), never with
 * where items really are.
 */
public final class StocktakeBenchmark {

    /** One cycle scored against ground truth. */
    record Score(long cycle, long durationMs, int passes, boolean stable, int expected, int found, int missing,
                 int wrongZone, int unexpected) {
        boolean perfect() {
            return missing == 0 && wrongZone == 0 && unexpected == 0;
        }
    }

    /** The cycles' scores and what the gateway's end of the line met. */
    record Result(List<Score> scores, ReaderBus.BusCounters line) {
        boolean perfect() {
            return scores.stream().allMatch(Score::perfect);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Scenario scenario = options.containsKey("scenario")
                ? Scenario.load(Path.of(options.get("scenario"))) : Scenario.demo();
        int cycles = Integer.parseInt(options.getOrDefault("cycles", "10"));
        int baud = Integer.parseInt(options.getOrDefault("baud", String.valueOf(scenario.baud())));
        Long seed = options.containsKey("seed") ? Long.valueOf(options.get("seed")) : null;
        InventorySettings settings = InventorySettings.DEFAULTS.withCyclePauseMillis(0);
        if (options.containsKey("stable-passes")) {
            settings = settings.withStablePasses(Integer.parseInt(options.get("stable-passes")));
        }
        System.exit(run(scenario, cycles, baud, seed, settings, System.out).perfect() ? 0 : 1);
    }

    static Result run(Scenario scenario, int cycles, int baud, Long seed, InventorySettings settings,
                           PrintStream out) throws IOException, InterruptedException {
        Map<String, String> truth = new HashMap<>();
        for (Scenario.Tag tag : scenario.tags()) {
            truth.put(tag.epc(), tag.zone());
        }
        Path dir = Files.createTempDirectory("medcab-stocktake-");
        List<Score> scores = new ArrayList<>();
        ReaderBus.BusCounters counters;
        try (PtyPair line = PtyPair.open(dir, "ttyGateway", "ttySimulator");
             Simulator simulator = new Simulator(scenario, line.b().toString(), baud, seed);
             ReaderBus bus = new ReaderBus(new BusSettings("bus1", line.a().toString(), baud, 300, 2, 1000))) {
            simulator.start();
            List<Rs485Reader> readers = new ArrayList<>();
            for (Scenario.Reader r : scenario.readers()) {
                Map<Integer, String> zones = new LinkedHashMap<>();
                r.antennas().forEach(a -> zones.put(a.port(), a.zone()));
                readers.add(new Rs485Reader(new ReaderSettings(r.id(), r.address(), zones, r.outputPowerDbm()), bus));
            }
            InventoryEngine engine = new InventoryEngine(readers, settings);
            out.printf("scenario %s: %d readers, %d items, %d baud, stablePasses %d%n", scenario.name(),
                    readers.size(), truth.size(), baud, settings.stablePasses());
            out.printf("%5s %9s %6s %7s %8s %6s %8s %7s %10s%n", "cycle", "ms", "passes", "stable",
                    "expected", "found", "missing", "wrong", "unexpected");
            for (int i = 0; i < cycles; i++) {
                Score s = score(engine.runCycle(), truth);
                scores.add(s);
                out.printf("%5d %9d %6d %7s %8d %6d %8d %7d %10d%n", s.cycle(), s.durationMs(), s.passes(),
                        s.stable() ? "yes" : "no", s.expected(), s.found(), s.missing(), s.wrongZone(), s.unexpected());
            }
            counters = bus.counters();
        }
        summarise(scores, out);
        DecoderCounters d = counters.decoder();
        out.printf("line: %d frames, %d checksum errors, %d bad lengths, %d truncated frames, %d bytes discarded%n",
                d.frames(), d.checksumErrors(), d.badLengths(), d.truncatedFrames(), d.discardedBytes());
        return new Result(scores, counters);
    }

    static Score score(CycleReport report, Map<String, String> truth) {
        Map<String, String> reported = new HashMap<>();
        for (ZoneInventory zone : report.zones()) {
            zone.items().forEach(epc -> reported.put(epc, zone.zone()));
        }
        int found = 0;
        int missing = 0;
        int wrong = 0;
        for (Map.Entry<String, String> item : truth.entrySet()) {
            String zone = reported.get(item.getKey());
            if (zone == null) {
                missing++;
            } else if (zone.equals(item.getValue())) {
                found++;
            } else {
                wrong++;
            }
        }
        int unexpected = (int) reported.keySet().stream().filter(epc -> !truth.containsKey(epc)).count();
        return new Score(report.cycle(), report.duration().toMillis(), report.passes(), report.stable(),
                truth.size(), found, missing, wrong, unexpected);
    }

    private static void summarise(List<Score> scores, PrintStream out) {
        if (scores.isEmpty()) {
            return;
        }
        long[] ms = scores.stream().mapToLong(Score::durationMs).sorted().toArray();
        long perfect = scores.stream().filter(Score::perfect).count();
        double completeness = scores.stream().mapToDouble(s -> (double) s.found() / s.expected()).average().orElse(0);
        out.printf("summary: %d cycles, %d perfect; mean %.1f %% of items found in their true zone; "
                        + "cycle ms min %d median %d max %d%n",
                scores.size(), perfect, 100 * completeness, ms[0], ms[ms.length / 2], ms[ms.length - 1]);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: stocktake [--scenario FILE] [--cycles N] [--baud B] "
                        + "[--seed S] [--stable-passes N]; bad argument: " + a);
            }
            options.put(a.substring(2), args[++i]);
        }
        return options;
    }
}
