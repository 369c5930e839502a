package org.medcab.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.NoSuchFileException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.Requests;
import org.medcab.simulator.internal.SimulatorComponent;
import org.medcab.lab.PtyPair;

/** The DS shell: configuration in, simulator answering on the port, stopped on deactivation. */
class SimulatorComponentTest {
    /** The configuration SCR would build from {@code org.medcab.simulator-*.config}. */
    private static SimulatorComponent.Config config(Map<String, Object> values) {
        return (SimulatorComponent.Config) Proxy.newProxyInstance(SimulatorComponent.Config.class.getClassLoader(),
                new Class<?>[] {SimulatorComponent.Config.class}, (proxy, method, args) -> {
                    Object v = values.get(method.getName());
                    return v != null ? v : defaultOf(method);
                });
    }

    private static Object defaultOf(Method m) {
        return m.getDefaultValue();
    }

    @Test
    void startsTheDemoCabinetOnTheConfiguredPortAndStopsOnDeactivation() throws Exception {
        try (PtyPair pty = PtyPair.open(java.nio.file.Files.createTempDirectory("medcab-sim-"), "ttyA", "ttyB"); GatewayPort gateway = new GatewayPort(pty.a().toString())) {
            SimulatorComponent component = new SimulatorComponent(config(Map.of("port", pty.b().toString())));
            assertEquals(new Frame(4, 0x72, (byte) 8, (byte) 1), gateway.request(Requests.getFirmwareVersion(4), 500));
            Method stop = SimulatorComponent.class.getDeclaredMethod("stop");
            stop.setAccessible(true);
            stop.invoke(component);
            assertNull(gateway.request(Requests.getFirmwareVersion(4), 300));
        }
    }

    @Test
    void badConfigurationIsRefusedWithTheReason() {
        assertThrows(NoSuchFileException.class,
                () -> new SimulatorComponent(config(Map.of("port", "/nonexistent/tty", "scenario", "/nonexistent.json"))));
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> new SimulatorComponent(config(Map.of("port", "/nonexistent/tty", "baud", 9600))));
        assertEquals("baud must be 0, 38400 or 115200: 9600", e.getMessage());
    }
}
