package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;
import org.medcab.lab.PtyPair;
import org.medcab.rs485.RfidReader;
import org.medcab.simulator.Scenario;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A whole cabinet wired inside Equinox by configuration alone, as hospital IT would do it through
 * ConfigAdmin: the simulator bundle on one end of a socat line, a bus and four readers on the other,
 * and the inventory reporting to a listener service registered by the test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CabinetInFrameworkIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        return CoreOptions.options(CoreOptions.composite(GatewayBundles.options(true)),
                CoreOptions.bundle(GatewayBundles.labBundle().toUri().toString()));
    }

    @Test
    public void configuredCabinetReportsEveryItemInItsTrueZone() throws Exception {
        Scenario scenario = Scenario.demo();
        Map<String, Set<String>> truth = new TreeMap<>();
        scenario.tags().forEach(t -> truth.computeIfAbsent(t.zone(), z -> new TreeSet<>()).add(t.epc()));

        Path dir = Files.createTempDirectory("medcab-pax-");
        try (PtyPair line = PtyPair.open(dir, "ttyGateway", "ttySimulator")) {
            BlockingQueue<CycleReport> reports = new LinkedBlockingQueue<>();
            ServiceRegistration<InventoryListener> listener =
                    context.registerService(InventoryListener.class, reports::add, null);
            try {
                configure("org.medcab.simulator", "demo", Map.of("port", line.b().toString(), "scenario", ""));
                configure("org.medcab.rs485.bus", "bus1", Map.of("id", "bus1", "port", line.a().toString(), "baud", 115200));
                for (Scenario.Reader r : scenario.readers()) {
                    String[] zones = r.antennas().stream().map(a -> a.port() + "=" + a.zone()).toArray(String[]::new);
                    configure("org.medcab.rs485.reader", r.id(), Map.of("id", r.id(), "busId", "bus1",
                            "address", r.address(), "zones", zones, "outputPowerDbm", r.outputPowerDbm(),
                            "bus.target", "(bus.id=bus1)"));
                }

                CycleReport report = reports.poll(90, TimeUnit.SECONDS);
                assertNotNull("no inventory cycle within 90 s", report);
                Map<String, Set<String>> reported = new TreeMap<>();
                for (ZoneInventory zone : report.zones()) {
                    assertEquals("zone " + zone.zone(), ZoneState.KNOWN, zone.state());
                    reported.put(zone.zone(), new TreeSet<>(zone.items()));
                }
                assertEquals(truth, reported);
                assertEquals(4, report.readers().stream().filter(h -> h.online()).count());

                // Removing a reader's configuration takes its service away while the rest keeps running.
                configurationAdmin.getFactoryConfiguration("org.medcab.rs485.reader", "r4", "?").delete();
                assertTrue("reader r4 service still registered", awaitGone("(reader.id=r4)"));
                assertEquals(3, context.getServiceReferences(RfidReader.class, null).size());
            } finally {
                listener.unregister();
                for (org.osgi.service.cm.Configuration c : configurationAdmin.listConfigurations(null) == null
                        ? new org.osgi.service.cm.Configuration[0] : configurationAdmin.listConfigurations(null)) {
                    c.delete();
                }
            }
        }
    }

    private void configure(String factoryPid, String name, Map<String, Object> properties) throws Exception {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        configurationAdmin.getFactoryConfiguration(factoryPid, name, "?").update(dictionary);
    }

    private boolean awaitGone(String filter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (context.getServiceReferences(RfidReader.class, filter).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
