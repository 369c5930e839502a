package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;

class InventoryComponentTest {

    /** A configuration as ConfigAdmin would hand it over. */
    private static InventoryConfig config(int stablePasses, int pause, int session, String target, int rounds,
                                          double alpha, double hysteresis, double confidence) {
        return new InventoryConfig() {
            @Override public Class<? extends Annotation> annotationType() { return InventoryConfig.class; }
            @Override public int stablePasses() { return stablePasses; }
            @Override public int maxCycleMillis() { return 30_000; }
            @Override public int cyclePauseMillis() { return pause; }
            @Override public int readerSettleMillis() { return 20; }
            @Override public int session() { return session; }
            @Override public String target() { return target; }
            @Override public int rounds() { return rounds; }
            @Override public double rssiSmoothing() { return alpha; }
            @Override public double hysteresisDb() { return hysteresis; }
            @Override public double placementConfidence() { return confidence; }
        };
    }

    @Test
    void everyKeyOfAValidConfigurationIsTaken() {
        InventorySettings s = InventoryComponent.settings(config(5, 200, 1, "B", 4, 0.5, 6, 3));
        assertEquals(new InventorySettings(5, 30_000, 200, 20, 1, 1, 4, 0.5, 6, 3), s);
    }

    @Test
    void aBadValueFallsBackToItsDefaultAndKeepsTheOthers() {
        InventorySettings s = InventoryComponent.settings(config(0, 200, 9, "C", 4, 0, -2, Double.NaN));
        InventorySettings d = InventorySettings.DEFAULTS;
        assertEquals(new InventorySettings(d.stablePasses(), 30_000, 200, 20, d.session(), d.target(), 4,
                d.rssiSmoothing(), d.hysteresisDb(), d.placementConfidence()), s);
    }

    @Test
    void theComponentRunsCyclesFromActivationToDeactivation() throws Exception {
        Cabinet cabinet = new Cabinet();
        BlockingQueue<CycleReport> reports = new LinkedBlockingQueue<>();
        InventoryComponent component = new InventoryComponent(config(3, 5, 0, "A", 1, 0.1, 1, 2));
        component.bindReader(cabinet.reader("r1", "0=A1").hears(0, "E1", -50));
        InventoryListener listener = reports::add;
        component.bindListener(listener);
        component.start();
        try {
            CycleReport report = reports.poll(5, TimeUnit.SECONDS);
            assertNotNull(report);
            assertEquals("A1", Reports.zoneOf(report, "E1"));
        } finally {
            component.stop();
        }
        component.unbindListener(listener);
        reports.clear();
        assertEquals(null, reports.poll(50, TimeUnit.MILLISECONDS), "no reports after deactivation");
    }

    @Test
    void aStopOfTheReaderBundleReachesTheHospitalAsNothingButTheCyclesBeforeIt() throws Exception {
        Cabinet cabinet = new Cabinet();
        BlockingQueue<CycleReport> reports = new LinkedBlockingQueue<>();
        InventoryComponent component = new InventoryComponent(config(3, 5, 0, "A", 1, 0.1, 1, 2));
        FakeReader r1 = cabinet.reader("r1", "0=A1").hears(0, "E1", -50);
        FakeReader r2 = cabinet.reader("r2", "0=B1").hears(0, "E2", -50);
        component.bindReader(r1);
        component.bindReader(r2);
        component.bindListener(reports::add);
        component.start();
        try {
            assertNotNull(reports.poll(5, TimeUnit.SECONDS));
            // The reader bundle stops: its readers are unbound, their bus closes, in the middle of a cycle.
            r1.beforeCommand(antenna -> {
                component.unbindReader(r1);
                component.unbindReader(r2);
                r1.offline();
                r2.offline();
            });
            Thread.sleep(300);
        } finally {
            component.stop();
        }
        for (CycleReport report : reports) {
            assertTrue(report.zones().stream().allMatch(z -> z.state() == org.medcab.api.ZoneState.KNOWN), report.toString());
            assertTrue(report.readers().stream().allMatch(h -> h.online()), report.toString());
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = InventoryComponentTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name + " was not generated");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDescriptorBindsReadersAndListenersDynamicallyAndUsesTheAgreedPid() throws IOException {
        String xml = resource("OSGI-INF/org.medcab.inventory.internal.InventoryComponent.xml");
        assertTrue(xml.contains("configuration-pid=\"org.medcab.inventory\""), xml);
        assertTrue(xml.contains("configuration-policy=\"optional\""), xml);
        assertTrue(xml.contains("cardinality=\"0..n\" policy=\"dynamic\" interface=\"org.medcab.rs485.RfidReader\""), xml);
        assertTrue(xml.contains("cardinality=\"0..n\" policy=\"dynamic\" interface=\"org.medcab.inventory.InventoryListener\""), xml);
        assertTrue(xml.contains("activate=\"start\"") && xml.contains("deactivate=\"stop\"") && xml.contains("modified=\"modified\""), xml);
    }

    @Test
    void theMetatypeDescribesEveryKeyWithItsTypeAndDefault() throws IOException {
        String xml = resource("OSGI-INF/metatype/org.medcab.inventory.xml");
        InventorySettings d = InventorySettings.DEFAULTS;
        assertAttribute(xml, "stablePasses", "Integer", String.valueOf(d.stablePasses()));
        assertAttribute(xml, "maxCycleMillis", "Integer", String.valueOf(d.maxCycleMillis()));
        assertAttribute(xml, "cyclePauseMillis", "Integer", String.valueOf(d.cyclePauseMillis()));
        assertAttribute(xml, "readerSettleMillis", "Integer", String.valueOf(d.readerSettleMillis()));
        assertAttribute(xml, "session", "Integer", String.valueOf(d.session()));
        assertAttribute(xml, "target", "String", "A");
        assertAttribute(xml, "rounds", "Integer", String.valueOf(d.rounds()));
        assertAttribute(xml, "rssiSmoothing", "Double", String.valueOf(d.rssiSmoothing()));
        assertAttribute(xml, "hysteresisDb", "Double", String.valueOf(d.hysteresisDb()));
        assertAttribute(xml, "placementConfidence", "Double", String.valueOf(d.placementConfidence()));
    }

    /** The Metatype default must be the engine's default, or a configuration tool would show another value. */
    private static void assertAttribute(String xml, String id, String type, String defaultValue) {
        int start = xml.indexOf("<AD id=\"" + id + "\"");
        assertTrue(start >= 0, id + " missing in " + xml);
        String ad = xml.substring(start, xml.indexOf("/>", start));
        assertTrue(ad.contains("type=\"" + type + "\""), ad);
        assertTrue(ad.contains("default=\"" + defaultValue + "\""), ad);
        assertTrue(ad.contains("description=\""), ad);
    }
}
