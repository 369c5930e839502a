package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The shipped bundle set resolves and starts in Equinox, and describes its configuration. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GatewayBundlesIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private MetaTypeService metatype;

    @Configuration
    public Option[] config() {
        return GatewayBundles.options(false);
    }

    @Test
    public void everyShippedBundleIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertEquals("bundles not started: " + notActive, List.of(), notActive);
    }

    @Test
    public void medcabBundlesAreAllThere() {
        Set<String> names = new TreeSet<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("org.medcab.")) {
                names.add(b.getSymbolicName());
            }
        }
        assertEquals(Set.of("org.medcab.api", "org.medcab.reader.protocol", "org.medcab.rs485",
                "org.medcab.inventory", "org.medcab.hospital", "org.medcab.identifiers", "org.medcab.catalog",
                "org.medcab.rules", "org.medcab.picking", "org.medcab.leds", "org.medcab.mqtt", "org.medcab.updates"), names);
    }

    @Test
    public void configurationIsDescribedByMetatype() {
        for (String[] bundleAndPid : new String[][] {
                {"org.medcab.rs485", "org.medcab.rs485.bus"},
                {"org.medcab.rs485", "org.medcab.rs485.reader"},
                {"org.medcab.inventory", "org.medcab.inventory"},
                {"org.medcab.mqtt", "org.medcab.mqtt"},
                {"org.medcab.catalog", "org.medcab.catalog"},
                {"org.medcab.rules", "org.medcab.rules"},
                {"org.medcab.picking", "org.medcab.picking"},
                {"org.medcab.leds", "org.medcab.leds"},
                {"org.medcab.leds", "org.medcab.leds.modbus"},
                {"org.medcab.leds", "org.medcab.leds.gpio"}}) {
            Bundle bundle = bundle(bundleAndPid[0]);
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            String pid = bundleAndPid[1];
            boolean known = Arrays.asList(info.getPids()).contains(pid)
                    || Arrays.asList(info.getFactoryPids()).contains(pid);
            assertTrue(pid + " is not described by " + bundle.getSymbolicName(), known);
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            assertNotNull(ocd);
            assertTrue(pid + " has no attributes", ocd.getAttributeDefinitions(ObjectClassDefinition.ALL).length > 0);
        }
    }

    @Test
    public void componentsAreDeclared() {
        Set<String> components = new TreeSet<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.bundle.symbolicName.startsWith("org.medcab.")) {
                components.addAll(Arrays.asList(d.configurationPid));
            }
        }
        assertTrue(components.toString(), components.containsAll(
                Set.of("org.medcab.rs485.bus", "org.medcab.rs485.reader", "org.medcab.inventory", "org.medcab.mqtt",
                        "org.medcab.catalog", "org.medcab.rules", "org.medcab.picking",
                        "org.medcab.leds", "org.medcab.leds.modbus", "org.medcab.leds.gpio", "org.medcab.leds.mqtt")));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }
}
