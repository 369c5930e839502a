package org.medcab.itests;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;


import org.junit.Test;
import org.junit.runner.RunWith;
import org.medcab.lab.CoilBoard;
import org.medcab.lab.PtyPair;
import org.medcab.leds.LightDriver;
import org.medcab.picking.PickListener;
import org.medcab.picking.ZonePicks;
import org.medcab.rules.ZoneCondition;
import org.medcab.rules.ZoneStatus;
import org.medcab.rules.ZoneStatusListener;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The zone lights wired inside Equinox by configuration alone: a Modbus relay board (a j2mod slave on
 * the far end of a socat line) and sysfs-style GPIO lines enabled by factory configurations, driven
 * by the rules and picking whiteboard, as the shipped gateway runs them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ZoneLightsInFrameworkIT {
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        return CoreOptions.options(CoreOptions.composite(GatewayBundles.options(false)),
                CoreOptions.bundle(GatewayBundles.labBundle().toUri().toString()));
    }

    @Test
    public void configuredDriversShowTheRulesAndPicks() throws Exception {
        Path dir = Files.createTempDirectory("medcab-leds-");
        Path sysfs = Files.createDirectories(dir.resolve("gpio"));
        for (int line : new int[] {17, 18, 27}) {
            Files.createDirectories(sysfs.resolve("gpio" + line));
            Files.writeString(sysfs.resolve("gpio" + line + "/value"), "0\n");
            Files.writeString(sysfs.resolve("gpio" + line + "/direction"), "in\n");
        }
        try (PtyPair line = PtyPair.open(dir, "ttyGateway", "ttyBoard")) {
            CoilBoard board = new CoilBoard(line.b(), 1, 3);
            try {
                configure("org.medcab.leds.modbus", "board1", Map.of("port", line.a().toString(), "baud", 9600,
                        "unitId", 1, "coils", new String[] {"A1:red=0", "A1:yellow=1", "A1:green=2"}));
                configure("org.medcab.leds.gpio", "pi", Map.of("backend", "sysfs", "sysfsBase", sysfs.toString(),
                        "lines", new String[] {"A1:red=17", "A1:yellow=18", "A1:green=27"}));
                // A broken mapping is refused and leaves the other drivers alone.
                configure("org.medcab.leds.modbus", "broken", Map.of("port", line.a().toString(),
                        "coils", new String[] {"A1:blue=0"}));
                awaitTrue("two light drivers registered", () -> drivers().size() == 2);

                ZoneStatusListener rules = service(ZoneStatusListener.class);
                PickListener picking = service(PickListener.class);
                rules.zoneStatusChanged(new ZoneStatus("A1", ZoneCondition.EXPIRING, List.of(), false, T0));
                awaitTrue("yellow on coils and lines", () -> board.states().equals("010") && lines(sysfs).equals("010"));
                rules.zoneStatusChanged(new ZoneStatus("A1", ZoneCondition.OK, List.of(), false, T0));
                picking.zonePicksChanged(new ZonePicks("A1", Set.of("O1"), false));
                awaitTrue("green on coils and lines", () -> board.states().equals("001") && lines(sysfs).equals("001"));
                rules.zoneStatusChanged(new ZoneStatus("A1", ZoneCondition.OK, List.of(), true, T0));
                // An alarm blinks red at 4 Hz: the coil is seen on and off.
                awaitTrue("red on", () -> board.states().equals("100"));
                awaitTrue("red off-phase", () -> board.states().equals("000"));
                awaitTrue("red on again", () -> board.states().equals("100"));

                configurationAdmin.getFactoryConfiguration("org.medcab.leds.gpio", "pi", "?").delete();
                awaitTrue("the GPIO driver goes with its configuration", () -> drivers().size() == 1);
            } finally {
                board.close();
                org.osgi.service.cm.Configuration[] all = configurationAdmin.listConfigurations(null);
                for (org.osgi.service.cm.Configuration c : all == null ? new org.osgi.service.cm.Configuration[0] : all) {
                    c.delete();
                }
            }
        }
    }

    private static String lines(Path sysfs) {
        StringBuilder s = new StringBuilder();
        for (int line : new int[] {17, 18, 27}) {
            try {
                s.append(Files.readString(sysfs.resolve("gpio" + line + "/value")).trim());
            } catch (java.io.IOException e) {
                s.append('?');
            }
        }
        return s.toString();
    }

    private Collection<ServiceReference<LightDriver>> drivers() {
        try {
            return context.getServiceReferences(LightDriver.class, null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The zone light controller's registration of a whiteboard interface (not another bundle's). */
    private <T> T service(Class<T> type) throws Exception {
        for (ServiceReference<T> reference : context.getServiceReferences(type, null)) {
            if ("org.medcab.leds".equals(reference.getBundle().getSymbolicName())) {
                return context.getService(reference);
            }
        }
        throw new AssertionError("org.medcab.leds registers no " + type.getName());
    }

    private void configure(String factoryPid, String name, Map<String, Object> properties) throws Exception {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        configurationAdmin.getFactoryConfiguration(factoryPid, name, "?").update(dictionary);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(what + " within 20 s", System.nanoTime() < deadline);
            Thread.sleep(20);
        }
    }
}
