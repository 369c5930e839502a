package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.catalog.ItemCatalog;
import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.ReplyStatus;
import org.medcab.hospital.UplinkMessage;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The catalog inside Equinox as the gateway ships it: H2's DataSourceFactory opens the database in the
 * bundle's data area, HIS commands go through the registered CommandHandler services, the data is
 * still there after the bundle restarts, and an unregistered item reaches the uplink as an alarm.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CatalogInFrameworkIT {
    private static final String GTIN = "80614141123458";
    /** TDS vector 1: an SGTIN-96 of this GTIN, serial 6789. */
    private static final String EPC = "3074257BF7194E4000001A85";
    private static final String UNREGISTERED = "3074257BF7194E4000001A86";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return GatewayBundles.options(false);
    }

    @Test
    public void commandsAreAppliedAndSurviveARestartOfTheBundle() throws Exception {
        assertFalse("H2 registers no DataSourceFactory",
                context.getServiceReferences("org.osgi.service.jdbc.DataSourceFactory", "(osgi.jdbc.driver.class=org.h2.Driver)") == null);

        CommandReply drugs = handler("catalog").handle(new ImmediateCommand("catalog", JsonParser.parseString(
                "{\"schema\":\"medcab/cmd/catalog/1\",\"requestId\":\"it-catalog-1\",\"drugs\":[{\"gtin\":\"" + GTIN
                        + "\",\"name\":\"Paracetamol\",\"strength\":\"500 mg\",\"form\":\"tablet\"}]}").getAsJsonObject()));
        assertEquals(drugs.toString(), ReplyStatus.OK, drugs.status());
        CommandReply items = handler("items").handle(new ImmediateCommand("items", JsonParser.parseString(
                "{\"schema\":\"medcab/cmd/items/1\",\"requestId\":\"it-items-1\",\"items\":[{\"code\":\"" + EPC
                        + "\",\"gtin\":\"" + GTIN + "\",\"batch\":\"A1B2C3\",\"expiry\":\"2027-06-30\"},"
                        + "{\"code\":\"" + UNREGISTERED + "\",\"gtin\":\"70614141123451\",\"batch\":\"X\",\"expiry\":\"2027-06-30\"}]}")
                .getAsJsonObject()));
        assertEquals(items.toString(), ReplyStatus.PARTIAL, items.status());
        assertEquals(1, items.result().get("applied").getAsInt());
        assertEquals("/items/1/gtin", items.result().getAsJsonArray("rejected").get(0).getAsJsonObject().get("field").getAsString());
        assertEquals(LocalDate.of(2027, 6, 30), catalog().item(EPC).orElseThrow().expiry());

        Bundle bundle = bundle("org.medcab.catalog");
        bundle.stop();
        assertTrue(bundle.getDataFile("catalog.mv.db").isFile());
        bundle.start();

        RegisteredItem item = catalog().item(EPC).orElseThrow(() -> new AssertionError("item lost over the restart"));
        assertEquals(GTIN, item.gtin());
        assertEquals("A1B2C3", item.batch());
        assertEquals("Paracetamol", catalog().drug(GTIN).orElseThrow().name());
        CommandReply again = handler("items").handle(new ImmediateCommand("items", JsonParser.parseString(
                "{\"schema\":\"medcab/cmd/items/1\",\"requestId\":\"it-items-2\",\"items\":[{\"code\":\"" + EPC
                        + "\",\"gtin\":\"" + GTIN + "\",\"batch\":\"A1B2C3\",\"expiry\":\"2027-06-30\"}]}").getAsJsonObject()));
        assertEquals(1, again.result().get("unchanged").getAsInt());
    }

    @Test
    public void anUnregisteredItemInAZoneReachesTheUplinkAsAnAlarm() throws Exception {
        BlockingQueue<UplinkMessage> sent = new LinkedBlockingQueue<>();
        Dictionary<String, Object> ranking = new Hashtable<>();
        ranking.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        ServiceRegistration<HospitalUplink> uplink = context.registerService(HospitalUplink.class, sent::add, ranking);
        try {
            catalog();
            InventoryListener catalogListener = null;
            for (ServiceReference<InventoryListener> ref : context.getServiceReferences(InventoryListener.class, null)) {
                if ("org.medcab.catalog".equals(ref.getBundle().getSymbolicName())) {
                    catalogListener = context.getService(ref);
                }
            }
            assertNotNull("the catalog is no InventoryListener", catalogListener);
            catalogListener.cycleCompleted(new CycleReport(1, Instant.now(), Duration.ofSeconds(1), 2, true,
                    List.of(new ZoneInventory("A1", ZoneState.KNOWN, Set.of(UNREGISTERED), Set.of(UNREGISTERED), Set.of())),
                    List.of()));
            UplinkMessage alarm = sent.poll(30, TimeUnit.SECONDS);
            assertNotNull("no alarm within 30 s", alarm);
            assertEquals("medcab/alarm/1", alarm.schema());
            assertEquals("raised", alarm.body().get("state").getAsString());
            JsonArray alarmItems = alarm.body().getAsJsonArray("items");
            assertEquals(UNREGISTERED, alarmItems.get(0).getAsJsonObject().get("code").getAsString());
        } finally {
            uplink.unregister();
        }
    }

    private ItemCatalog catalog() throws InterruptedException {
        return await(ItemCatalog.class, null);
    }

    private CommandHandler handler(String name) throws Exception {
        return await(CommandHandler.class, "(" + CommandHandler.COMMAND + "=" + name + ")");
    }

    private <T> T await(Class<T> type, String filter) throws InterruptedException {
        try {
            ServiceTracker<T, T> tracker = new ServiceTracker<>(context, filter == null
                    ? context.createFilter("(" + Constants.OBJECTCLASS + "=" + type.getName() + ")")
                    : context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")" + filter + ")"), null);
            tracker.open();
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertNotNull(type.getSimpleName() + " " + filter + " not registered within 30 s", service);
            return service;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
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
