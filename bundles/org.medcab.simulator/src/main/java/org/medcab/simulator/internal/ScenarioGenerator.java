package org.medcab.simulator.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.medcab.reader.protocol.LinkProfile;
import org.medcab.simulator.Scenario;
import org.medcab.simulator.Scenario.Antenna;
import org.medcab.simulator.Scenario.Band;
import org.medcab.simulator.Scenario.Faults;
import org.medcab.simulator.Scenario.Label;
import org.medcab.simulator.Scenario.Reader;
import org.medcab.simulator.Scenario.Tag;
import org.medcab.simulator.Vector3;

/**
 * Generates the demo cabinet ({@code demo-cabinet.json}) deterministically, so the committed file
 * can be checked and regenerated: {@code java -cp ... org.medcab.simulator.internal.ScenarioGenerator [FILE]}
 * writes it (stdout without FILE) and prints the expected reads per zone on stderr.
 *
 * <p>The cabinet is 2.0 m long (x), 1.8 m high (y), 0.5 m deep (z): two shelves (A upper, B lower)
 * of three columns, six zones of 0.667 × 0.9 m. Each zone has one antenna behind the back panel,
 * 5 cm behind it, at the items' height, looking forward into its compartment. Reader r1 serves A1
 * and B1, r2 A2 and B2, r3 A3, r4 B3. Items stand on the shelf floors at least 3 cm from the
 * dividers. A reader's output power is the lowest whole dBm at which every item of its zones takes
 * part in at least {@link #RELIABLE_PARTICIPATION} of the rounds. With the antenna pattern of 8.2,
 * many items are also powered by a neighbouring zone's antenna, more weakly; an item is only kept
 * where its own antenna's mean RSSI beats every other antenna's by {@link #MIN_RSSI_MARGIN_DB}, so
 * the ground truth is also what the strongest mean RSSI says.
 */
public final class ScenarioGenerator {
    public static final long SEED = 20_251_122L;
    public static final int ITEMS = 300;
    public static final double LENGTH_M = 2.0;
    public static final double HEIGHT_M = 1.8;
    public static final double DEPTH_M = 0.5;
    public static final int COLUMNS = 3;
    public static final int SHELVES = 2;
    /** Per-round participation every item must reach with its own zone's antenna. */
    public static final double RELIABLE_PARTICIPATION = 0.99;
    /** Own antenna's mean RSSI over the best other one, for every item. */
    public static final double MIN_RSSI_MARGIN_DB = 2.0;
    static final double ANTENNA_BEHIND_PANEL_M = 0.05;
    static final double ANTENNA_HEIGHT_M = 0.15;
    static final double DIVIDER_CLEARANCE_M = 0.03;
    static final double ITEM_Y_MIN = 0.02;
    static final double ITEM_Y_MAX = 0.30;
    static final double ITEM_Z_MIN = 0.06;
    static final double ITEM_Z_MAX = 0.46;
    static final double BENT_SHARE = 0.4;
    static final double MAX_TILT_DEG = 50;

    /** A drug pack line: GS1 company prefix and indicator + item reference (13 digits together). */
    private record Product(String companyPrefix, String indicatorItemRef) {
    }

    /** Fictitious products with GS1-style prefixes of several partition sizes (the 0614141 of the TDS examples among them). */
    private static final List<Product> PRODUCTS = List.of(
            new Product("0614141", "812345"), new Product("0614141", "012347"), new Product("0614141", "712340"),
            new Product("4012345", "001234"), new Product("4012345", "009876"), new Product("5012345", "067890"),
            new Product("40123456", "00571"), new Product("40123456", "10572"), new Product("761234567", "0042"),
            new Product("761234567", "0107"), new Product("950110", "0012345"), new Product("3401234567", "015"));

    private ScenarioGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Scenario s = generate();
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), s.toJson(), StandardCharsets.UTF_8);
        } else {
            System.out.print(s.toJson());
        }
        System.err.print(report(s));
    }

    public static Scenario generate() {
        SplittableRandom random = new SplittableRandom(SEED);
        // Upper shelf first: antennas 0..2 watch A1..A3, 3..5 watch B1..B3.
        List<Antenna> antennas = new ArrayList<>();
        for (int shelf = SHELVES - 1; shelf >= 0; shelf--) {
            for (int column = 0; column < COLUMNS; column++) {
                antennas.add(new Antenna(0, zone(shelf, column),
                        new Vector3(round((column + 0.5) * columnWidth()), round(shelfFloor(shelf) + ANTENNA_HEIGHT_M),
                                -ANTENNA_BEHIND_PANEL_M),
                        new Vector3(0, 0, 1)));
            }
        }
        // Items first, with positions checked against every antenna, then the power that reads them all.
        List<Tag> tags = new ArrayList<>();
        Set<String> epcs = new HashSet<>();
        for (int i = 0; i < ITEMS; i++) {
            int shelf = i % (SHELVES * COLUMNS) / COLUMNS;
            int column = i % COLUMNS;
            String zone = zone(shelf, column);
            String epc;
            do {
                epc = epc(random, i);
            } while (!epcs.add(epc));
            Tag tag;
            do {
                double x = column * columnWidth() + DIVIDER_CLEARANCE_M
                        + random.nextDouble() * (columnWidth() - 2 * DIVIDER_CLEARANCE_M);
                double y = shelfFloor(shelf) + ITEM_Y_MIN + random.nextDouble() * (ITEM_Y_MAX - ITEM_Y_MIN);
                double z = ITEM_Z_MIN + random.nextDouble() * (ITEM_Z_MAX - ITEM_Z_MIN);
                Label label = random.nextDouble() < BENT_SHARE ? Label.BENT : Label.FLAT;
                double tilt = Math.round(random.nextDouble() * MAX_TILT_DEG);
                tag = new Tag(epc, zone, new Vector3(round(x), round(y), round(z)), label, tilt);
            } while (rssiMarginDb(tag, antennas) < MIN_RSSI_MARGIN_DB);
            tags.add(tag);
        }
        List<Reader> readers = List.of(
                reader("r1", 1, tags, antennas.get(0), antennas.get(3)),
                reader("r2", 2, tags, antennas.get(1), antennas.get(4)),
                reader("r3", 3, tags, antennas.get(2)),
                reader("r4", 4, tags, antennas.get(5)));
        return new Scenario("demo cabinet: 2 shelves x 3 columns, 300 items", SEED, ScenarioJson.DEFAULT_BAUD,
                LinkProfile.D1, readers, tags, Faults.NONE);
    }

    private static Reader reader(String id, int address, List<Tag> tags, Antenna... own) {
        List<Antenna> antennas = new ArrayList<>();
        for (int port = 0; port < own.length; port++) {
            antennas.add(new Antenna(port, own[port].zone(), own[port].position(), own[port].boresight()));
        }
        int power = 0;
        for (Antenna a : antennas) {
            for (Tag t : tags) {
                if (t.zone().equals(a.zone())) {
                    while (participation(power, a, t) < RELIABLE_PARTICIPATION) {
                        power++;
                    }
                }
            }
        }
        if (power > 33) {
            throw new IllegalStateException("no output power reads every item of " + id);
        }
        return new Reader(id, address, power, 4, Band.DEFAULT, antennas);
    }

    static double participation(double powerDbm, Antenna a, Tag t) {
        return LinkBudget.participation(link(powerDbm, a, t).tagPowerDbm());
    }

    static LinkBudget.Link link(double powerDbm, Antenna a, Tag t) {
        return LinkBudget.link(powerDbm, a.position(), a.boresight(), t.position(), t.label(), t.tiltDeg(),
                LinkBudget.DEFAULT_FREQUENCY_HZ);
    }

    /** Own zone's mean RSSI minus the best other antenna's, at equal power (the readers' powers differ by few dB and the margin is checked again at the chosen powers). */
    private static double rssiMarginDb(Tag t, List<Antenna> antennas) {
        double own = Double.NEGATIVE_INFINITY;
        double other = Double.NEGATIVE_INFINITY;
        for (Antenna a : antennas) {
            double rssi = link(0, a, t).rssiDbm();
            if (a.zone().equals(t.zone())) {
                own = rssi;
            } else {
                other = Math.max(other, rssi);
            }
        }
        return own - other;
    }

    /** Per item: which antenna has the strongest mean RSSI at the scenario's powers. */
    public static String strongestZone(Scenario s, Tag t) {
        String best = null;
        double bestRssi = Double.NEGATIVE_INFINITY;
        for (Reader r : s.readers()) {
            for (Antenna a : r.antennas()) {
                double rssi = link(r.outputPowerDbm(), a, t).rssiDbm();
                if (rssi > bestRssi) {
                    bestRssi = rssi;
                    best = a.zone();
                }
            }
        }
        return best;
    }

    /** Expected reads per zone: own participation, and how often neighbouring antennas power the zone's items. */
    public static String report(Scenario s) {
        StringBuilder b = new StringBuilder();
        Map<String, double[]> byZone = new LinkedHashMap<>();
        int wrong = 0;
        for (Reader r : s.readers()) {
            b.append(String.format("%s address %d: %d dBm, antennas %s%n", r.id(), r.address(), r.outputPowerDbm(),
                    r.antennas().stream().map(a -> a.port() + "=" + a.zone()).toList()));
        }
        for (Tag t : s.tags()) {
            if (!t.zone().equals(strongestZone(s, t))) {
                wrong++;
            }
            double own = 0;
            double bestOther = 0;
            double otherSum = 0;
            double ownRssi = Double.NEGATIVE_INFINITY;
            double otherRssi = Double.NEGATIVE_INFINITY;
            for (Reader r : s.readers()) {
                for (Antenna a : r.antennas()) {
                    LinkBudget.Link l = link(r.outputPowerDbm(), a, t);
                    double p = LinkBudget.participation(l.tagPowerDbm());
                    if (a.zone().equals(t.zone())) {
                        own = p;
                        ownRssi = l.rssiDbm();
                    } else {
                        bestOther = Math.max(bestOther, p);
                        otherSum += p;
                        otherRssi = Math.max(otherRssi, l.rssiDbm());
                    }
                }
            }
            // items, sum own, min own, seen by another (>= 5 %), sum other participation, min margin, sum own rssi
            double[] z = byZone.computeIfAbsent(t.zone(), k -> new double[] {0, 0, 1, 0, 0, Double.MAX_VALUE, 0});
            z[0]++;
            z[1] += own;
            z[2] = Math.min(z[2], own);
            z[3] += bestOther >= 0.05 ? 1 : 0;
            z[4] += otherSum;
            z[5] = Math.min(z[5], ownRssi - otherRssi);
            z[6] += ownRssi;
        }
        b.append(String.format("zone items  own-antenna participation (mean / min)  items also seen by another antenna"
                + " (>=5%% of rounds)  other-antenna reads per round per item  own mean RSSI  min RSSI margin%n"));
        for (Map.Entry<String, double[]> e : byZone.entrySet()) {
            double[] z = e.getValue();
            b.append(String.format("%-4s %5.0f  %.4f / %.4f  %3.0f  %.2f  %.1f dBm  %.1f dB%n", e.getKey(), z[0], z[1] / z[0],
                    z[2], z[3], z[4] / z[0], z[6] / z[0], z[5]));
        }
        b.append("items whose strongest mean RSSI is not their own zone's antenna: ").append(wrong).append('\n');
        return b.toString();
    }

    private static String epc(SplittableRandom random, int i) {
        double kind = random.nextDouble();
        Product p = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
        if (kind < 0.05) {
            StringBuilder code = new StringBuilder("8");
            for (int d = 0; d < 19; d++) {
                code.append(random.nextInt(10));
            }
            return EpcEncoder.raw128TraceCode(code.toString());
        }
        int filter = random.nextDouble() < 0.15 ? 7 : 1;
        if (kind < 0.15) {
            String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
            StringBuilder serial = new StringBuilder();
            int length = 6 + random.nextInt(7);
            for (int c = 0; c < length; c++) {
                serial.append(alphabet.charAt(random.nextInt(alphabet.length())));
                if (c == 3 && length > 8) {
                    serial.append(random.nextBoolean() ? '-' : '/');
                }
            }
            return EpcEncoder.sgtin198(filter, p.companyPrefix(), p.indicatorItemRef(), serial.toString());
        }
        // Numeric serials without a leading zero, below 2^38.
        long serial = 100_000 + random.nextLong(274_877_906_943L - 100_000);
        return EpcEncoder.sgtin96(filter, p.companyPrefix(), p.indicatorItemRef(), serial);
    }

    static String zone(int shelf, int column) {
        // Shelf 0 is the lower one (B), shelf 1 the upper (A).
        return (shelf == 1 ? "A" : "B") + (column + 1);
    }

    static double columnWidth() {
        return LENGTH_M / COLUMNS;
    }

    static double shelfFloor(int shelf) {
        return shelf * HEIGHT_M / SHELVES;
    }

    private static double round(double metres) {
        return Math.round(metres * 1000) / 1000.0;
    }
}
