package org.medcab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class InstallationTest {

    static String resource(String name) throws IOException {
        try (InputStream in = InstallationTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheInstallationFactsOfAScenario() throws IOException {
        Installation i = Installation.parse(resource("two-readers.json"));
        assertEquals("two shelves", i.name());
        assertEquals(57600, i.baud());
        assertEquals(List.of(
                new Installation.Reader("r1", 1, 10, List.of(new Installation.Antenna(0, "A1"), new Installation.Antenna(1, "A2"))),
                new Installation.Reader("r2", 7, null, List.of(new Installation.Antenna(3, "B1")))),
                i.readers());
    }

    @Test
    void aScenarioWithoutBaudRunsAtTheUsualSpeed() {
        Installation i = Installation.parse("""
                {"readers": [{"id": "r1", "address": 1, "antennas": [{"port": 0, "zone": "A1"}]}]}""");
        assertEquals(Installation.DEFAULT_BAUD, i.baud());
        assertNull(i.readers().get(0).outputPowerDbm());
        assertEquals(9600, i.withBaud(9600).baud());
    }

    @Test
    void refusesWhatWouldConfigureTheWrongReaderOrZone() {
        assertRefused("{}", "readers");
        assertRefused("{\"readers\": []}", "no readers");
        assertRefused(reader("\"id\": \"r1\", \"address\": 255"), "address 255 is outside 0..254");
        assertRefused(reader("\"id\": \"r1\", \"address\": 1.5"), "whole number");
        assertRefused(reader("\"id\": \"r1\", \"address\": \"1\""), "must be a number");
        assertRefused(reader("\"id\": \"r1\", \"address\": 1, \"outputPowerDbm\": 40"), "outputPowerDbm 40");
        assertRefused(reader("\"id\": \"r/1\", \"address\": 1"), "reader id");
        assertRefused("{\"readers\": [" + readerObject("r1", 1, "A1") + "," + readerObject("r1", 2, "A2") + "]}",
                "used twice");
        assertRefused("{\"readers\": [" + readerObject("r1", 1, "A1") + "," + readerObject("r2", 1, "A2") + "]}",
                "address 1 is used by another reader");
        assertRefused("{\"readers\": [" + readerObject("r1", 1, "A=1") + "]}", "zone 'A=1'");
        assertRefused("{\"readers\": [" + readerObject("r1", 1, "A/1") + "]}", "zone 'A/1'");
        assertRefused("{\"readers\": [{\"id\": \"r1\", \"address\": 1, \"antennas\": []}]}", "no antennas");
        assertRefused("{\"readers\": [{\"id\": \"r1\", \"address\": 1, \"antennas\": "
                + "[{\"port\": 0, \"zone\": \"A1\"}, {\"port\": 0, \"zone\": \"A2\"}]}]}", "port 0 is listed twice");
        assertRefused("{\"readers\": [{\"id\": \"r1\", \"address\": 1, \"antennas\": [{\"port\": 8, \"zone\": \"A1\"}]}]}",
                "port 8 is outside");
        assertRefused("{\"readers\": [{\"id\": \"r1\", \"address\": 1, \"ports\": 4, \"antennas\": [{\"port\": 4, \"zone\": \"A1\"}]}]}",
                "port 4 is outside 0..3");
        assertRefused("{\"baud\": 0, \"readers\": []}", "baud 0");
        assertRefused("[1, 2]", "JSON object");
        assertRefused("{\"readers\": [", "not valid JSON");
    }

    private static String reader(String fields) {
        return "{\"readers\": [{" + fields + ", \"antennas\": [{\"port\": 0, \"zone\": \"A1\"}]}]}";
    }

    private static String readerObject(String id, int address, String zone) {
        return "{\"id\": \"" + id + "\", \"address\": " + address + ", \"antennas\": [{\"port\": 0, \"zone\": \"" + zone + "\"}]}";
    }

    private static void assertRefused(String json, String expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Installation.parse(json), json);
        assertTrue(e.getMessage().contains(expectedInMessage), "'" + e.getMessage() + "' should say " + expectedInMessage);
    }
}
