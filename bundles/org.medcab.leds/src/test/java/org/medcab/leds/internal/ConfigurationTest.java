package org.medcab.leds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medcab.leds.LightColour;
import org.medcab.leds.LightScene;

/** What hospital IT can get wrong in a configuration, and the Metatype descriptions they configure by. */
class ConfigurationTest {
    static Stream<Arguments> badCoilMappings() {
        return Stream.of(
                arguments(new String[]{"A1:red=0", "A1:red=1"}, "\"A1:red=1\": zone A1 red already mapped by \"A1:red=0\""),
                arguments(new String[]{"A1:red=0", "A2:red=0"}, "\"A2:red=0\": coil 0 already used by \"A1:red=0\""),
                arguments(new String[]{"A1:blue=0"}, "\"A1:blue=0\": colour must be red, yellow or green"),
                arguments(new String[]{"A1:off=0"}, "\"A1:off=0\": colour must be red, yellow or green"),
                arguments(new String[]{"A1 red 0"}, "\"A1 red 0\": expected zone:colour=coil"),
                arguments(new String[]{"A1:red="}, "\"A1:red=\": expected zone:colour=coil"),
                arguments(new String[]{"A1:red=-1"}, "\"A1:red=-1\": expected zone:colour=coil"),
                arguments(new String[]{"A1:red=65536"}, "\"A1:red=65536\": coil must be 0..65535"),
                arguments(new String[]{"A1:red=99999999999"}, "\"A1:red=99999999999\": coil must be 0..65535"),
                arguments(new String[]{}, "no coil mapping"),
                arguments(null, "no coil mapping"));
    }

    /** A rejected configuration fails before the component registers anything, so no BundleContext is needed. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("badCoilMappings")
    void aBadCoilMappingNamesTheEntry(String[] coils, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModbusDriverComponent(modbus("/dev/ttyUSB1", 9600, "none", 1, coils), null));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void badSerialSettingsAreRefused() {
        String[] coils = {"A1:red=0"};
        assertRefused("port must not be empty", () -> new ModbusDriverComponent(modbus(null, 9600, "none", 1, coils), null));
        assertRefused("baud must be", () -> new ModbusDriverComponent(modbus("/dev/ttyUSB1", 0, "none", 1, coils), null));
        assertRefused("parity must be none, even or odd: mark", () -> new ModbusDriverComponent(modbus("/dev/ttyUSB1", 9600, "mark", 1, coils), null));
        assertRefused("unitId must be 1..247: 0", () -> new ModbusDriverComponent(modbus("/dev/ttyUSB1", 9600, "none", 0, coils), null));
        assertRefused("unitId must be 1..247: 248", () -> new ModbusDriverComponent(modbus("/dev/ttyUSB1", 9600, "none", 248, coils), null));
    }

    @Test
    void aGoodMappingIsSortedByOutputAndTrimmed() {
        OutputMap map = OutputMap.parse("coil", new String[]{" B1 : Green = 7 ", "A1:red=2", "A1:yellow=3"}, 65535);
        assertEquals(List.of(new OutputMap.Output("A1", LightColour.RED, 2), new OutputMap.Output("A1", LightColour.YELLOW, 3),
                new OutputMap.Output("B1", LightColour.GREEN, 7)), map.outputs());
        boolean[] on = map.states(new LightScene(Map.of(), Map.of("A1", LightColour.YELLOW, "B1", LightColour.GREEN)));
        assertEquals("[false, true, true]", java.util.Arrays.toString(on));
    }

    @Test
    void controllerRetryPausesAreChecked() {
        assertEquals(RetryPolicy.DEFAULT, LightControllerComponent.retryPolicy(controller(1000, 30000)));
        assertRefused("retryFirstMillis", () -> LightControllerComponent.retryPolicy(controller(10, 30000)));
        assertRefused("longest no shorter than the first", () -> LightControllerComponent.retryPolicy(controller(5000, 1000)));
    }

    @Test
    void everyConfigurationIsDescribedByMetatype() throws IOException {
        assertMetatype("LightControllerComponent", "<Designate pid=\"org.medcab.leds\"", "retryFirstMillis", "retryLongestMillis");
        assertMetatype("ModbusDriverComponent", "<Designate factoryPid=\"org.medcab.leds.modbus\"",
                "\"port\"", "\"baud\"", "\"parity\"", "\"unitId\"", "\"timeoutMillis\"", "\"coils\"");
        assertMetatype("GpioDriverComponent", "<Designate factoryPid=\"org.medcab.leds.gpio\"",
                "\"backend\"", "\"chip\"", "\"lines\"", "\"activeLow\"", "\"gpiosetPath\"", "\"sysfsBase\"", "\"timeoutMillis\"");
        assertMetatype("MqttMirrorComponent", "<Designate factoryPid=\"org.medcab.leds.mqtt\"");
    }

    private static void assertMetatype(String component, String... fragments) throws IOException {
        String resource = "OSGI-INF/metatype/org.medcab.leds.internal." + component + "$Config.xml";
        try (InputStream in = ConfigurationTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " missing");
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String fragment : fragments) {
                assertTrue(xml.contains(fragment), resource + " lacks " + fragment);
            }
        }
    }

    private static void assertRefused(String message, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static LightControllerComponent.Config controller(int first, int longest) {
        return new LightControllerComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LightControllerComponent.Config.class;
            }

            @Override
            public int retryFirstMillis() {
                return first;
            }

            @Override
            public int retryLongestMillis() {
                return longest;
            }
        };
    }

    private static ModbusDriverComponent.Config modbus(String port, int baud, String parity, int unitId, String[] coils) {
        return new ModbusDriverComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ModbusDriverComponent.Config.class;
            }

            @Override
            public String port() {
                return port;
            }

            @Override
            public int baud() {
                return baud;
            }

            @Override
            public String parity() {
                return parity;
            }

            @Override
            public int unitId() {
                return unitId;
            }

            @Override
            public int timeoutMillis() {
                return 300;
            }

            @Override
            public String[] coils() {
                return coils;
            }
        };
    }
}
