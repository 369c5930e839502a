package org.medcab.leds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.leds.internal.Zones.alarm;
import static org.medcab.leds.internal.Zones.expired;
import static org.medcab.leds.internal.Zones.expiring;
import static org.medcab.leds.internal.Zones.ok;
import static org.medcab.leds.internal.Zones.pick;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.leds.LightColour;
import org.medcab.leds.LightDriverException;
import org.medcab.leds.LightScene;

/**
 * The GPIO drivers. A build machine has no GPIO chip, so the sysfs driver writes into a temporary
 * folder laid out like {@code /sys/class/gpio}, and the gpioset driver runs a script in gpioset's
 * place that records its arguments (and fails on demand).
 */
class GpioDriverTest {
    private static final String[] LINES = {"A1:red=17", "A1:yellow=18", "A1:green=27", "B1:red=22"};
    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200));

    @TempDir
    Path dir;
    private final LightController controller = new LightController(QUICK, Clock.systemUTC(), health -> { });

    @AfterEach
    void close() {
        controller.close();
    }

    @Test
    void sysfsLinesFollowTheLightsAndBlinking() throws Exception {
        Path sysfs = sysfs(17, 18, 27, 22);
        controller.addDriver(new SysfsGpioDriver("sysfs", sysfs, OutputMap.parse("line", LINES, 4095), false));
        Await.until(() -> direction(sysfs, 22).equals("out"), () -> "line 22 direction " + direction(sysfs, 22));
        assertEquals("out", direction(sysfs, 17), "every line made an output");
        assertEquals("0000", values(sysfs, 17, 18, 27, 22));
        controller.zoneStatusChanged(expiring("A1"));
        controller.zoneStatusChanged(expired("B1"));
        Await.until(() -> values(sysfs, 17, 18, 27, 22).equals("0101"), () -> values(sysfs, 17, 18, 27, 22));
        controller.zonePicksChanged(pick("A1", "O1")); // green, slow blink (expiring zone)
        Await.until(() -> values(sysfs, 17, 18, 27, 22).equals("0011"), () -> values(sysfs, 17, 18, 27, 22));
        for (int i = 0; i < 4; i++) {
            controller.tick();
        }
        Await.until(() -> values(sysfs, 17, 18, 27, 22).equals("0001"), () -> "off-phase: " + values(sysfs, 17, 18, 27, 22));
    }

    @Test
    void sysfsActiveLowInvertsAndUnexportedLinesAreExported() throws Exception {
        Path sysfs = sysfs(17);
        Files.writeString(sysfs.resolve("export"), "");
        SysfsGpioDriver driver = new SysfsGpioDriver("sysfs", sysfs, OutputMap.parse("line", new String[]{"A1:red=17"}, 4095), true);
        driver.show(new LightScene(Map.of(), Map.of("A1", LightColour.RED)));
        assertEquals("0", Files.readString(sysfs.resolve("gpio17/value")).trim(), "active low: lit is 0");
        driver.show(LightScene.DARK);
        assertEquals("1", Files.readString(sysfs.resolve("gpio17/value")).trim());

        // Line 18 is not exported: the driver asks the kernel (writes "18" to export); here no kernel creates gpio18.
        SysfsGpioDriver unexported = new SysfsGpioDriver("sysfs", sysfs, OutputMap.parse("line", new String[]{"A1:red=18"}, 4095), false);
        LightDriverException e = assertThrows(LightDriverException.class, () -> unexported.show(LightScene.DARK));
        assertTrue(e.getMessage().contains("line 18 not exported"), e.getMessage());
        assertEquals("18", Files.readString(sysfs.resolve("export")).trim());
    }

    @Test
    void anUnwritableValueFileIsReportedRetriedAndEveryLineRewrittenOnceItWorks() throws Exception {
        Path sysfs = sysfs(17, 18, 27, 22);
        controller.addDriver(new SysfsGpioDriver("sysfs", sysfs, OutputMap.parse("line", LINES, 4095), false));
        controller.zoneStatusChanged(expired("B1"));
        Await.until(() -> values(sysfs, 17, 18, 27, 22).equals("0001"), () -> values(sysfs, 17, 18, 27, 22));
        Path value = sysfs.resolve("gpio17/value");
        Files.delete(value);
        Files.createDirectory(value); // now it cannot be written
        controller.zoneStatusChanged(alarm(ok("A1")));
        Await.until(() -> !controller.health().get(0).working(), () -> "health " + controller.health());
        assertTrue(controller.health().get(0).problem().contains("gpio17/value"), controller.health().get(0).problem());
        Files.writeString(sysfs.resolve("gpio22/value"), "0\n"); // as if the line had reset meanwhile
        Files.delete(value);
        Files.writeString(value, "0\n");
        Await.until(() -> controller.health().get(0).working(), () -> "health " + controller.health());
        Await.until(() -> values(sysfs, 22).equals("1"), () -> "line 22 rewritten after the outage: " + values(sysfs, 22));
    }

    @Test
    void gpiosetIsCalledWithEveryLineOnEachChange() throws Exception {
        Path log = dir.resolve("calls.log");
        Path gpioset = fakeGpioset(log);
        controller.addDriver(new GpiosetDriver("gpioset", gpioset, "gpiochip0", OutputMap.parse("line", LINES, 4095), false, 2000));
        Await.until(() -> calls(log).size() == 1, () -> "calls " + calls(log));
        assertEquals("gpiochip0 17=0 18=0 22=0 27=0", calls(log).get(0));
        controller.zoneStatusChanged(expiring("A1"));
        Await.until(() -> calls(log).size() == 2, () -> "calls " + calls(log));
        assertEquals("gpiochip0 17=0 18=1 22=0 27=0", calls(log).get(1));
        controller.zoneStatusChanged(expiring("B1")); // B1 has no yellow lamp: no line changes, no call
        controller.zonePicksChanged(pick("A1", "O1"));
        Await.until(() -> calls(log).size() == 3, () -> "calls " + calls(log));
        assertEquals("gpiochip0 17=0 18=0 22=0 27=1", calls(log).get(2));
        Thread.sleep(200);
        assertEquals(3, calls(log).size(), "nothing changed, nothing called: " + calls(log));
    }

    @Test
    void gpiosetActiveLowIsPassedOn() throws Exception {
        Path log = dir.resolve("calls.log");
        GpiosetDriver driver = new GpiosetDriver("gpioset", fakeGpioset(log), "1", OutputMap.parse("line", LINES, 4095), true, 2000);
        driver.show(new LightScene(Map.of(), Map.of("B1", LightColour.RED)));
        assertEquals(List.of("--active-low 1 17=0 18=0 22=1 27=0"), calls(log));
    }

    @Test
    void aFailingOrMissingGpiosetIsReportedAndRetried() throws Exception {
        Path log = dir.resolve("calls.log");
        Path gpioset = fakeGpioset(log);
        Files.writeString(dir.resolve("fail"), "");
        controller.addDriver(new GpiosetDriver("gpioset", gpioset, "gpiochip0", OutputMap.parse("line", LINES, 4095), false, 2000));
        controller.zoneStatusChanged(expired("A1"));
        Await.until(() -> !controller.health().get(0).working(), () -> "health " + controller.health());
        assertTrue(controller.health().get(0).problem().contains("Device or resource busy"), controller.health().get(0).problem());
        Files.delete(dir.resolve("fail"));
        Await.until(() -> controller.health().get(0).working(), () -> "health " + controller.health());
        assertEquals("gpiochip0 17=1 18=0 22=0 27=0", calls(log).get(calls(log).size() - 1));

        GpiosetDriver missing = new GpiosetDriver("gpioset", dir.resolve("no-such-gpioset"), "gpiochip0",
                OutputMap.parse("line", LINES, 4095), false, 2000);
        LightDriverException e = assertThrows(LightDriverException.class, () -> missing.show(LightScene.DARK));
        assertTrue(e.getMessage().contains("apt-get install gpiod"), e.getMessage());
    }

    @Test
    void theConfigurationChoosesTheInterface() {
        assertInstanceOf(GpiosetDriver.class, GpioDriverComponent.driver(config("gpioset", LINES)));
        assertInstanceOf(SysfsGpioDriver.class, GpioDriverComponent.driver(config("SYSFS", LINES)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GpioDriverComponent.driver(config("libgpiod2", LINES)));
        assertTrue(e.getMessage().contains("gpioset or sysfs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GpioDriverComponent.driver(config("gpioset", new String[]{"A1:red=17", "A1:blue=18"})));
        assertTrue(e.getMessage().contains("A1:blue=18"), e.getMessage());
        assertFalse(GpioDriverComponent.driver(config("gpioset", LINES)).name().isEmpty());
    }

    private Path sysfs(int... lines) throws IOException {
        Path sysfs = Files.createDirectories(dir.resolve("sys/class/gpio"));
        for (int line : lines) {
            Path gpio = Files.createDirectories(sysfs.resolve("gpio" + line));
            Files.writeString(gpio.resolve("value"), "0\n");
            Files.writeString(gpio.resolve("direction"), "in\n");
        }
        return sysfs;
    }

    private static String direction(Path sysfs, int line) {
        try {
            return Files.readString(sysfs.resolve("gpio" + line + "/direction")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String values(Path sysfs, int... lines) {
        StringBuilder s = new StringBuilder();
        for (int line : lines) {
            try {
                s.append(Files.readString(sysfs.resolve("gpio" + line + "/value")).trim());
            } catch (IOException e) {
                s.append('?');
            }
        }
        return s.toString();
    }

    /** A stand-in for gpioset: appends its arguments to the log; fails like a busy line while {@code dir/fail} exists. */
    private Path fakeGpioset(Path log) throws IOException {
        Path script = dir.resolve("gpioset");
        Files.writeString(script, "#!/bin/sh\n"
                + "if [ -e '" + dir.resolve("fail") + "' ]; then\n"
                + "  echo 'gpioset: error setting the GPIO line values: Device or resource busy' >&2; exit 1\n"
                + "fi\n"
                + "echo \"$*\" >> '" + log + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static List<String> calls(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }


    private GpioDriverComponent.Config config(String backend, String[] lines) {
        return new GpioDriverComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GpioDriverComponent.Config.class;
            }

            @Override
            public String backend() {
                return backend;
            }

            @Override
            public String chip() {
                return "gpiochip0";
            }

            @Override
            public String[] lines() {
                return lines;
            }

            @Override
            public boolean activeLow() {
                return false;
            }

            @Override
            public String gpiosetPath() {
                return dir.resolve("gpioset").toString();
            }

            @Override
            public String sysfsBase() {
                return dir.resolve("sys/class/gpio").toString();
            }

            @Override
            public int timeoutMillis() {
                return 2000;
            }
        };
    }
}
