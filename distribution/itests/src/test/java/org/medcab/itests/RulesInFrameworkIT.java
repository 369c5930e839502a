package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.catalog.Drug;
import org.medcab.catalog.ItemCatalog;
import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.ReplyStatus;
import org.medcab.hospital.UplinkMessage;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;
import org.medcab.rules.StatusReason;
import org.medcab.rules.ZoneCondition;
import org.medcab.rules.ZoneStatus;
import org.medcab.rules.ZoneStatusListener;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;


/**
 * The rules bundle wired inside Equinox as the gateway ships it: configured through ConfigAdmin,
 * bound to a catalog and an uplink by target filters, fed a cycle through its InventoryListener
 * service, given par levels through its CommandHandler service; the bundle restarted, the par levels
 * and the outstanding replenishment request still there.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RulesInFrameworkIT {
    private static final String AMOXICILLIN = "80614141123458";
    private static final String EPC_1 = "3074257BF7194E4000001A85";
    private static final String EPC_2 = "3074257BF7194E4000001A86";
    private static final long TIMEOUT_S = 20;
    private static final String RULES = "(component.name=org.medcab.rules.internal.RulesComponent)";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        return GatewayBundles.options(false);
    }

    @Test
    public void parLevelsFromTheHisTurnAZoneRedAndSurviveABundleRestart() throws Exception {
        Path storage = Files.createTempDirectory("medcab-rules-");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ItemCatalog catalog = new ItemCatalog() {
            @Override
            public Optional<RegisteredItem> item(String code) {
                return Set.of(EPC_1, EPC_2).contains(code)
                        ? Optional.of(new RegisteredItem(code, AMOXICILLIN, "LOT1", today.plusYears(1), null, Instant.EPOCH))
                        : Optional.empty();
            }

            @Override
            public Optional<Drug> drug(String gtin) {
                return Optional.of(new Drug(gtin, "Amoxicillin 500 mg", "", "", "", "", ""));
            }
        };
        BlockingQueue<UplinkMessage> his = new LinkedBlockingQueue<>();
        BlockingQueue<ZoneStatus> lights = new LinkedBlockingQueue<>();
        // Configured before the catalog appears, so the component's first activation has its configuration.
        Dictionary<String, Object> rulesConfig = new Hashtable<>(Map.of("timeZone", "UTC",
                "storageFolder", storage.toString(), "catalog.target", "(medcab.test=rules)",
                "uplink.target", "(medcab.test=rules)"));
        configurationAdmin.getConfiguration("org.medcab.rules", "?").update(rulesConfig);
        context.registerService(ItemCatalog.class, catalog, props("medcab.test", "rules"));
        context.registerService(HospitalUplink.class, his::add, props("medcab.test", "rules"));
        context.registerService(ZoneStatusListener.class, lights::add, null);

        String configured = "(storageFolder=" + storage + ")";
        CommandHandler parLevels = awaitService(CommandHandler.class, "(medcab.command=par-levels)" + configured);
        CommandReply reply = parLevels.handle(new ImmediateCommand("par-levels", "{\"schema\":\"medcab/cmd/par-levels/1\",\"requestId\":\"pax-1\","
                + "\"levels\":[{\"zone\":\"A1\",\"gtin\":\"" + AMOXICILLIN + "\",\"level\":3,\"reorderPoint\":1}]}"));
        assertEquals(ReplyStatus.OK, reply.status());
        assertEquals(1, reply.result().get("applied").getAsInt());

        InventoryListener rules = awaitService(InventoryListener.class, RULES + configured);
        rules.cycleCompleted(cycle(EPC_1));
        ZoneStatus red = awaitStatus(lights, ZoneCondition.CRITICAL);
        assertEquals(new StatusReason(StatusReason.Kind.BELOW_PAR, AMOXICILLIN, List.of(), null, 3, 1), red.reasons().get(0));
        UplinkMessage request = awaitMessage(his, "events/replenishment");
        assertEquals(2, request.body().get("suggestedQuantity").getAsInt());
        assertEquals("Amoxicillin 500 mg", request.body().get("drug").getAsString());

        Bundle bundle = bundle("org.medcab.rules");
        bundle.stop();
        bundle.start();
        lights.clear();
        his.clear();
        rules = awaitService(InventoryListener.class, RULES + configured);
        rules.cycleCompleted(cycle(EPC_1));
        ZoneStatus stillRed = awaitStatus(lights, ZoneCondition.CRITICAL);
        assertEquals(3, stillRed.reasons().get(0).required());
        UplinkMessage status = awaitMessage(his, "events/zone-status");
        assertEquals("critical", status.body().get("condition").getAsString());
        rules.cycleCompleted(cycle(EPC_1, EPC_2));
        awaitStatus(lights, ZoneCondition.CRITICAL);
        assertNull("the outstanding request is not sent again after the restart",
                his.stream().filter(m -> m.subtopic().equals("events/replenishment")).findAny().orElse(null));
    }

    private static CycleReport cycle(String... items) {
        ZoneInventory a1 = new ZoneInventory("A1", ZoneState.KNOWN, Set.of(items), Set.of(), Set.of());
        return new CycleReport(1, Instant.now(), Duration.ofSeconds(1), 3, true, List.of(a1), List.of());
    }

    private static ZoneStatus awaitStatus(BlockingQueue<ZoneStatus> lights, ZoneCondition wanted) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < end) {
            ZoneStatus s = lights.poll(1, TimeUnit.SECONDS);
            if (s != null && s.condition() == wanted) {
                return s;
            }
        }
        throw new AssertionError("no zone status " + wanted + " within " + TIMEOUT_S + " s");
    }

    private static UplinkMessage awaitMessage(BlockingQueue<UplinkMessage> his, String subtopic) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < end) {
            UplinkMessage m = his.poll(1, TimeUnit.SECONDS);
            if (m != null && m.subtopic().equals(subtopic)) {
                return m;
            }
        }
        throw new AssertionError("nothing on " + subtopic + " within " + TIMEOUT_S + " s");
    }

    private <T> T awaitService(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        tracker.close();
        assertNotNull(type.getSimpleName() + " " + filter + " not registered", service);
        return service;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    private static Dictionary<String, Object> props(String key, Object value) {
        return new Hashtable<>(Map.of(key, value));
    }
}
