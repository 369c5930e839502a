package org.medcab.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.medcab.reader.protocol.LinkProfile;
import org.medcab.reader.protocol.Region;
import org.medcab.simulator.internal.ScenarioJson;

/**
 * A simulated cabinet: readers with their antennas, tags with their true zones, and the faults
 * switched on. Coordinates are metres in the cabinet frame. The antenna zone, reader address and
 * output power are installation facts the gateway is configured with; a tag's zone is ground truth
 * the gateway never sees. Build one with {@link #parse(String)} or {@link #load(Path)}, which check
 * every field and name the one that is wrong.
 *
 * @param name        free text
 * @param seed        seed of every random draw (fading, slots, RSSI noise, faults)
 * @param baud        line speed, 38400 or 115200
 * @param linkProfile the readers' RF link profile at power-up
 * @param readers     at least one, unique ids and addresses
 * @param tags        unique EPCs
 * @param faults      faults on from the start
 */
public record Scenario(String name, long seed, int baud, LinkProfile linkProfile, List<Reader> readers, List<Tag> tags,
                       Faults faults) {

    /** Where the built-in demo cabinet lives in this bundle. */
    public static final String DEMO_RESOURCE = "/org/medcab/simulator/demo-cabinet.json";

    public Scenario {
        readers = List.copyOf(readers);
        tags = List.copyOf(tags);
    }

    /**
     * One reader on the line.
     *
     * @param id             the reader's name in the installation (e.g. "r1")
     * @param address        bus address 0..254
     * @param outputPowerDbm power at start-up on every port, 0..33 (until the gateway sets it with 0x76)
     * @param ports          4 or 8 antenna ports
     * @param band           channel plan at start-up
     * @param antennas       the connected antennas; a port without one answers "antenna missing"
     */
    public record Reader(String id, int address, int outputPowerDbm, int ports, Band band, List<Antenna> antennas) {
        public Reader {
            antennas = List.copyOf(antennas);
        }
    }

    /**
     * A fixed-region channel plan. The reader hops over {@code startIndex..endIndex}, one channel per
     * round; the default is the single channel 915.0 MHz (FCC index 33), the spec's default frequency.
     */
    public record Band(Region region, int startIndex, int endIndex) {
        public static final Band DEFAULT = new Band(Region.FCC, 33, 33);
    }

    /**
     * An antenna: the zone it watches, where it is and where it points.
     *
     * @param boresight a direction, any non-zero length
     */
    public record Antenna(int port, String zone, Vector3 position, Vector3 boresight) {
    }

    /**
     * A tagged item.
     *
     * @param epc     upper-case hex, whole 16-bit words
     * @param zone    the zone it really sits in (ground truth)
     * @param tiltDeg angle of the label against the line to an antenna, 0..90
     */
    public record Tag(String epc, String zone, Vector3 position, Label label, double tiltDeg) {
    }

    /** How the label is stuck on: flat on a box, or bent round a bottle or vial. */
    public enum Label {
        FLAT, BENT;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Faults of section 8.6; all off by default.
     *
     * @param silentReaders    addresses of readers that do not answer
     * @param unpluggedReaders addresses of readers whose serial line is unplugged (the simulator closes the line)
     * @param byteErrorRate    probability that a byte on the line, either way, is damaged, 0..1
     * @param truncateEvery    every N-th frame a reader sends is cut short; 0 = never
     * @param badChecksumEvery every N-th frame a reader sends has a wrong checksum; 0 = never
     */
    public record Faults(List<Integer> silentReaders, List<Integer> unpluggedReaders, double byteErrorRate,
                         int truncateEvery, int badChecksumEvery) {
        public static final Faults NONE = new Faults(List.of(), List.of(), 0.0, 0, 0);

        public Faults {
            silentReaders = List.copyOf(silentReaders);
            unpluggedReaders = List.copyOf(unpluggedReaders);
        }
    }

    /** Reads and checks a scenario. */
    public static Scenario parse(String json) throws ScenarioException {
        return ScenarioJson.parse(json);
    }

    public static Scenario load(Path file) throws IOException, ScenarioException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ScenarioException e) {
            throw new ScenarioException(file + ": " + e.getMessage());
        }
    }

    /** The demo cabinet shipped with the simulator: 4 readers, 6 zones, 300 items. */
    public static Scenario demo() {
        try (InputStream in = Scenario.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo scenario missing from the bundle: " + DEMO_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | ScenarioException e) {
            throw new IllegalStateException("demo scenario unreadable: " + e.getMessage(), e);
        }
    }

    /** The scenario file text: one reader antenna and one tag per line, so diffs stay readable. */
    public String toJson() {
        return ScenarioJson.write(this);
    }
}
