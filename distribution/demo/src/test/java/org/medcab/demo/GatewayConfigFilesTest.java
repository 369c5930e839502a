package org.medcab.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.felix.cm.file.ConfigurationHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigFilesTest {
    private static final GatewayConfigFiles.HospitalLink LINK =
            new GatewayConfigFiles.HospitalLink("tcp://127.0.0.1:41883", "site1", "cabinet1");

    private static Map<String, String> files() throws IOException {
        return GatewayConfigFiles.files(Installation.parse(InstallationTest.resource("two-readers.json")),
                Path.of("/tmp/run/ttyGateway"), LINK);
    }

    @Test
    void oneBusOneFilePerReaderAndTheHospitalLink() throws IOException {
        assertEquals(List.of("org.medcab.rs485.bus-bus1.config", "org.medcab.rs485.reader-r1.config",
                "org.medcab.rs485.reader-r2.config", "org.medcab.mqtt.config"), List.copyOf(files().keySet()));
    }

    @Test
    void filesSayExactlyWhatATechnicianWouldWrite() throws IOException {
        Map<String, String> f = files();
        String origin = "# Written by medcab-demo from scenario \"two\\ shelves\" (installation facts only: no item positions).\n";
        assertEquals(origin + """
                # The RS485 bus: the gateway's end of the simulated serial line.
                id="bus1"
                port="/tmp/run/ttyGateway"
                baud=I"57600"
                """, f.get("org.medcab.rs485.bus-bus1.config"));
        assertEquals(origin + """
                # Reader r1: its RS485 address, transmit power, and the zone each antenna watches.
                id="r1"
                busId="bus1"
                address=I"1"
                outputPowerDbm=I"10"
                zones=["0\\=A1","1\\=A2"]
                bus.target="(bus.id\\=bus1)"
                """, f.get("org.medcab.rs485.reader-r1.config"));
        // No power in the scenario: the reader component's default applies, so nothing is written.
        assertEquals(origin + """
                # Reader r2: its RS485 address, transmit power, and the zone each antenna watches.
                id="r2"
                busId="bus1"
                address=I"7"
                zones=["3\\=B1"]
                bus.target="(bus.id\\=bus1)"
                """, f.get("org.medcab.rs485.reader-r2.config"));
        assertEquals(origin + """
                # The hospital link.
                brokerUrl="tcp://127.0.0.1:41883"
                site="site1"
                gateway="cabinet1"
                """, f.get("org.medcab.mqtt.config"));
    }

    @Test
    void configAdminReadsTheTypesTheComponentsExpect() throws IOException {
        Map<String, String> f = files();
        Dictionary<String, Object> bus = read(f.get("org.medcab.rs485.bus-bus1.config"));
        assertEquals(Set.of("id", "port", "baud"), keys(bus));
        assertEquals("bus1", bus.get("id"));
        assertEquals("/tmp/run/ttyGateway", bus.get("port"));
        assertEquals(Integer.valueOf(57600), assertInstanceOf(Integer.class, bus.get("baud")));

        Dictionary<String, Object> r1 = read(f.get("org.medcab.rs485.reader-r1.config"));
        assertEquals(Set.of("id", "busId", "address", "outputPowerDbm", "zones", "bus.target"), keys(r1));
        assertEquals(Integer.valueOf(1), assertInstanceOf(Integer.class, r1.get("address")));
        assertEquals(Integer.valueOf(10), assertInstanceOf(Integer.class, r1.get("outputPowerDbm")));
        assertArrayEquals(new String[] {"0=A1", "1=A2"}, assertInstanceOf(String[].class, r1.get("zones")));
        assertEquals("(bus.id=bus1)", r1.get("bus.target"));
        assertEquals("bus1", r1.get("busId"));

        Dictionary<String, Object> mqtt = read(f.get("org.medcab.mqtt.config"));
        assertEquals("tcp://127.0.0.1:41883", mqtt.get("brokerUrl"));
        assertEquals("cabinet1", mqtt.get("gateway"));
    }

    @Test
    void awkwardCharactersSurviveTheRoundTrip() throws IOException {
        String path = "/tmp/my cabinet/tty\"A\\1=x\tü";
        Installation i = new Installation("line\nbreak", 115200, List.of(new Installation.Reader("r1", 0, 0,
                List.of(new Installation.Antenna(0, "Schrank A, Fach 1")))));
        Map<String, String> f = GatewayConfigFiles.files(i, Path.of(path), LINK);
        String bus = f.get("org.medcab.rs485.bus-bus1.config");
        assertTrue(bus.chars().allMatch(c -> c == '\n' || c >= 0x20 && c <= 0x7e), bus);
        assertEquals(2 + 3, bus.lines().count(), "the scenario name's line break must not leave the comment: " + bus);
        assertEquals(path, read(bus).get("port"));
        assertArrayEquals(new String[] {"0=Schrank A, Fach 1"},
                (String[]) read(f.get("org.medcab.rs485.reader-r1.config")).get("zones"));
    }

    @Test
    void writtenFilesAreCompleteAndNothingElseIsLeft(@TempDir Path dir) throws IOException {
        Map<String, String> f = files();
        GatewayConfigFiles.write(f, dir);
        try (var listing = Files.list(dir)) {
            assertEquals(new TreeSet<>(f.keySet()),
                    listing.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)));
        }
        for (Map.Entry<String, String> e : f.entrySet()) {
            assertEquals(e.getValue(), Files.readString(dir.resolve(e.getKey()), StandardCharsets.US_ASCII));
        }
    }

    @SuppressWarnings("unchecked")
    private static Dictionary<String, Object> read(String text) throws IOException {
        return ConfigurationHandler.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Set<String> keys(Dictionary<String, Object> d) {
        return new TreeSet<>(Collections.list(d.keys()));
    }
}
