package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
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
import org.medcab.hospital.CommandRequest;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.ReplyStatus;
import org.medcab.hospital.UplinkMessage;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;
import org.medcab.picking.PickListener;
import org.medcab.picking.ZonePicks;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The shipped pick guidance wired inside Equinox through services alone: a catalog, a zone-light
 * listener and an uplink registered by the test; the pick handler found by its {@code medcab.command}
 * property and the inventory listener of the picking bundle fed with cycles, as the link and the
 * inventory do it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class PickingInFrameworkIT {
    private static final String PARACETAMOL = "09501101530003";
    private static final String IBUPROFEN = "09501101540002";
    private static final String E1 = "3074257BF7194E4000001A01";
    private static final String E2 = "3074257BF7194E4000001A02";
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Inject
    private BundleContext context;

    @Inject
    private MetaTypeService metatype;

    @Configuration
    public Option[] config() {
        return GatewayBundles.options(false);
    }

    @Test
    public void aPickIsLitAlarmedAndCompletedThroughServices() throws Exception {
        Map<String, RegisteredItem> items = Map.of(
                E1, new RegisteredItem(E1, PARACETAMOL, "L1", LocalDate.now().plusYears(1), null, T0),
                E2, new RegisteredItem(E2, IBUPROFEN, "X1", LocalDate.now().plusYears(1), null, T0));
        ItemCatalog catalog = new ItemCatalog() {
            @Override
            public Optional<RegisteredItem> item(String code) {
                return Optional.ofNullable(items.get(code));
            }

            @Override
            public Optional<Drug> drug(String gtin) {
                return Optional.empty();
            }
        };
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        context.registerService(ItemCatalog.class, catalog, ranked());
        context.registerService(PickListener.class, seen::add, null);
        context.registerService(HospitalUplink.class, seen::add, ranked());

        CommandHandler pick = service(CommandHandler.class, "(" + CommandHandler.COMMAND + "=pick)");
        assertNotNull("a pick-cancel handler", service(CommandHandler.class, "(" + CommandHandler.COMMAND + "=pick-cancel)"));
        InventoryListener inventory = pickingInventoryListener();

        inventory.cycleCompleted(cycle(1, Set.of(E1, E2)));
        JsonObject payload = JsonParser.parseString("{\"schema\":\"medcab/cmd/pick/1\",\"requestId\":\"his-1\","
                + "\"orderId\":\"PO-1\",\"gtin\":\"" + PARACETAMOL + "\",\"quantity\":1}").getAsJsonObject();
        CommandReply accepted = pick.handle(new CommandRequest() {
            @Override
            public String command() {
                return "pick";
            }

            @Override
            public String requestId() {
                return "his-1";
            }

            @Override
            public String correlationId() {
                return "corr-1";
            }

            @Override
            public JsonObject payload() {
                return payload.deepCopy();
            }

            @Override
            public Instant received() {
                return T0;
            }

            @Override
            public void followUp(CommandReply reply) {
                seen.add(reply);
            }
        });
        assertEquals(ReplyStatus.ACCEPTED, accepted.status());
        assertEquals(new ZonePicks("A1", Set.of("PO-1"), false), next(seen));

        inventory.cycleCompleted(cycle(2, Set.of(E1))); // ibuprofen left the lit zone
        UplinkMessage alarm = (UplinkMessage) next(seen);
        assertEquals("events/alarm", alarm.subtopic());
        assertEquals("wrong-item-taken", alarm.body().get("alarm").getAsString());
        assertEquals(new ZonePicks("A1", Set.of("PO-1"), true), next(seen));

        inventory.cycleCompleted(cycle(3, Set.of()));
        CommandReply done = (CommandReply) next(seen);
        assertEquals(ReplyStatus.OK, done.status());
        assertEquals(E1, done.result().getAsJsonArray("items").get(0).getAsJsonObject().get("code").getAsString());
        assertEquals("cleared", ((UplinkMessage) next(seen)).body().get("state").getAsString());
        assertEquals(new ZonePicks("A1", Set.of(), false), next(seen));
    }

    @Test
    public void pickingConfigurationIsDescribedByMetatype() {
        Bundle picking = Arrays.stream(context.getBundles())
                .filter(b -> "org.medcab.picking".equals(b.getSymbolicName())).findFirst().orElseThrow();
        List<String> pids = Arrays.asList(metatype.getMetaTypeInformation(picking).getPids());
        assertTrue(pids.toString(), pids.contains("org.medcab.picking"));
    }

    private static Dictionary<String, Object> ranked() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        return properties;
    }

    private static CycleReport cycle(long number, Set<String> a1) {
        return new CycleReport(number, T0.plusSeconds(10 * number), Duration.ofSeconds(2), 3, true,
                List.of(new ZoneInventory("A1", ZoneState.KNOWN, a1, Set.of(), Set.of())), List.of());
    }

    private static Object next(BlockingQueue<Object> seen) throws InterruptedException {
        Object next = seen.poll(10, TimeUnit.SECONDS);
        assertNotNull("nothing within 10 s", next);
        return next;
    }

    private <T> T service(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        assertNotNull(type.getSimpleName() + " " + filter + " within 10 s", service);
        return service;
    }

    private InventoryListener pickingInventoryListener() throws Exception {
        service(CommandHandler.class, "(" + CommandHandler.COMMAND + "=pick)"); // the component is active
        Collection<ServiceReference<InventoryListener>> refs = context.getServiceReferences(InventoryListener.class, null);
        for (ServiceReference<InventoryListener> ref : refs) {
            if ("org.medcab.picking".equals(ref.getBundle().getSymbolicName())) {
                return context.getService(ref);
            }
        }
        throw new AssertionError("the picking bundle registers no InventoryListener");
    }
}
