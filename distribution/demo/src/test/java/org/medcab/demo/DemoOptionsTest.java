package org.medcab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    private static final Path HOME = Path.of("/opt/medcab");
    private static final Path CWD = Path.of("/home/tech");

    @Test
    void defaultsRunTheLayoutsCabinetOnAnEmbeddedBroker() {
        DemoOptions o = DemoOptions.parse(new String[0], HOME, CWD);
        assertEquals(Path.of("/opt/medcab/scenarios/demo-cabinet.json"), o.scenario());
        assertNull(o.brokerUrl());
        assertFalse(o.mosquitto());
        assertEquals("site1", o.site());
        assertEquals("cabinet1", o.gateway());
        assertNull(o.baud());
        assertEquals(0, o.seconds());
    }

    @Test
    void everyOptionIsRead() {
        DemoOptions o = DemoOptions.parse(new String[] {"--scenario", "s.json", "--broker", "tcp://10.0.0.5:1883",
                "--site", "ward-3", "--gateway", "cab.7", "--baud", "57600", "--seconds", "90", "--keep"}, HOME, CWD);
        assertEquals(Path.of("/home/tech/s.json"), o.scenario());
        assertEquals("tcp://10.0.0.5:1883", o.brokerUrl());
        assertEquals("ward-3", o.site());
        assertEquals("cab.7", o.gateway());
        assertEquals(57600, o.baud());
        assertEquals(90, o.seconds());
        assertTrue(o.keep());
        assertTrue(DemoOptions.parse(new String[] {"--mosquitto"}, HOME, CWD).mosquitto());
    }

    @Test
    void refusesWhatWouldBreakTopicsOrMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--site", "a/b"}, HOME, CWD));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--gateway", "#"}, HOME, CWD));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--baud", "fast"}, HOME, CWD));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--seconds", "0"}, HOME, CWD));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--broker", "localhost"}, HOME, CWD));
        assertThrows(IllegalArgumentException.class,
                () -> DemoOptions.parse(new String[] {"--broker", "tcp://x:1", "--mosquitto"}, HOME, CWD));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--scenario"}, HOME, CWD));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--verbose"}, HOME, CWD));
    }
}
