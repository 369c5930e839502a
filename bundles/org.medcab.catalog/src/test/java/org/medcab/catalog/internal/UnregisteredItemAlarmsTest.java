package org.medcab.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.catalog.internal.TestCatalogs.CLOCK;
import static org.medcab.catalog.internal.TestCatalogs.GTIN;
import static org.medcab.catalog.internal.TestCatalogs.array;
import static org.medcab.catalog.internal.TestCatalogs.command;
import static org.medcab.catalog.internal.TestCatalogs.epc;
import static org.medcab.catalog.internal.TestCatalogs.item;
import static org.medcab.catalog.internal.TestCatalogs.request;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;
import org.medcab.inventory.CycleReport;

import com.google.gson.JsonObject;

class UnregisteredItemAlarmsTest {
    @TempDir
    Path dir;

    private long cycle;

    /** The uplink as a small fake of our own interface: keeps what it is given, or refuses while told to. */
    static final class Uplink implements HospitalUplink {
        final List<UplinkMessage> sent = new ArrayList<>();
        volatile boolean refusing;

        @Override
        public synchronized void send(UplinkMessage message) throws UplinkRefusedException {
            if (refusing) {
                throw new UplinkRefusedException("outbox full");
            }
            sent.add(message);
        }

        synchronized List<UplinkMessage> take() {
            List<UplinkMessage> taken = new ArrayList<>(sent);
            sent.clear();
            return taken;
        }
    }

    @Test
    void anUnregisteredItemIsRaisedOnceAndClearedOnceItIsRegistered() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir);
             UnregisteredItemAlarms alarms = alarms(opened)) {
            TestCatalogs.withDrugs(opened.catalog());
            Uplink uplink = new Uplink();
            alarms.uplinkChanged(uplink);
            register(opened, epc(1));

            cycle(alarms, Map.of("A1", Set.of(epc(1), epc(2))));
            List<UplinkMessage> raised = uplink.take();
            assertEquals(1, raised.size(), raised::toString);
            UplinkMessage m = raised.get(0);
            assertEquals("medcab/alarm/1", m.schema());
            assertEquals("events/alarm", m.subtopic());
            assertEquals(Delivery.URGENT, m.delivery());
            assertEquals("raised", m.body().get("state").getAsString());
            assertEquals("unregistered-item", m.body().get("alarm").getAsString());
            assertEquals("A1", m.body().get("zone").getAsString());
            JsonObject item = m.body().getAsJsonArray("items").get(0).getAsJsonObject();
            assertEquals(epc(2), item.get("code").getAsString());
            assertEquals(GTIN, item.get("gtin").getAsString(), "the SGTIN's own GTIN tells the pharmacist what it claims to be");

            cycle(alarms, Map.of("A1", Set.of(epc(1), epc(2))));
            cycle(alarms, Map.of("A2", Set.of(epc(1), epc(2))));
            assertEquals(List.of(), uplink.take(), "raised once, not every cycle");

            register(opened, epc(2));
            alarms.awaitIdle(5, TimeUnit.SECONDS);
            List<UplinkMessage> cleared = uplink.take();
            assertEquals(1, cleared.size(), cleared::toString);
            assertEquals("cleared", cleared.get(0).body().get("state").getAsString());
            JsonObject registered = cleared.get(0).body().getAsJsonArray("items").get(0).getAsJsonObject();
            assertEquals("B1", registered.get("batch").getAsString());
            assertTrue(cleared.get(0).body().get("detail").getAsString().contains("registered"));
            assertEquals(0, opened.store().count("unregistered_alarm"), "a sent clearing is forgotten");

            cycle(alarms, Map.of("A1", Set.of(epc(1), epc(2))));
            assertEquals(List.of(), uplink.take());
        }
    }

    @Test
    void anItemThatLeavesIsClearedButOneInAnUnreadableZoneStaysRaised() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir);
             UnregisteredItemAlarms alarms = alarms(opened)) {
            Uplink uplink = new Uplink();
            alarms.uplinkChanged(uplink);
            cycle(alarms, Map.of("A1", Set.of(epc(1), epc(2))));
            assertEquals(1, uplink.take().size(), "both items of the zone in one message");

            // Zone A1 unreadable: its last known items are not gone.
            alarms.cycleCompleted(report(List.of(new ZoneInventory("A1", ZoneState.UNKNOWN, Set.of(epc(1), epc(2)), Set.of(), Set.of()))));
            alarms.awaitIdle(5, TimeUnit.SECONDS);
            assertEquals(List.of(), uplink.take());

            cycle(alarms, Map.of("A1", Set.of(epc(1))));
            List<UplinkMessage> cleared = uplink.take();
            assertEquals(1, cleared.size());
            assertEquals("cleared", cleared.get(0).body().get("state").getAsString());
            assertEquals(epc(2), cleared.get(0).body().getAsJsonArray("items").get(0).getAsJsonObject().get("code").getAsString());
            assertTrue(cleared.get(0).body().get("detail").getAsString().contains("left the cabinet"));
            assertEquals(Set.of(epc(1)), alarms.standing());
        }
    }

    @Test
    void alarmsAreRememberedAcrossARestartAndWaitForTheUplink() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir);
             UnregisteredItemAlarms alarms = alarms(opened)) {
            cycle(alarms, Map.of("A1", Set.of(epc(1), epc(2))));
            Uplink refusing = new Uplink();
            refusing.refusing = true;
            alarms.uplinkChanged(refusing);
            alarms.awaitIdle(5, TimeUnit.SECONDS);
            assertEquals(2, opened.store().count("unregistered_alarm"));
        }
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir);
             UnregisteredItemAlarms alarms = alarms(opened)) {
            // After the restart: the raise that never went out goes out once, and the next cycles add nothing.
            assertEquals(Set.of(epc(1), epc(2)), alarms.standing());
            Uplink uplink = new Uplink();
            alarms.uplinkChanged(uplink);
            cycle(alarms, Map.of("A1", Set.of(epc(1), epc(2))));
            List<UplinkMessage> sent = uplink.take();
            assertEquals(1, sent.size(), sent::toString);
            assertEquals(2, sent.get(0).body().getAsJsonArray("items").size());
        }
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir);
             UnregisteredItemAlarms alarms = alarms(opened)) {
            Uplink uplink = new Uplink();
            alarms.uplinkChanged(uplink);
            cycle(alarms, Map.of("A1", Set.of(epc(1), epc(2))));
            assertEquals(List.of(), uplink.take(), "a restart does not raise them again");
            cycle(alarms, Map.of("A1", Set.of()));
            assertEquals(1, uplink.take().size());
            assertEquals(0, opened.store().count("unregistered_alarm"));
        }
    }

    @Test
    void thousandsOfUnknownTagsGoOutInMessagesOfAHundred() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir);
             UnregisteredItemAlarms alarms = alarms(opened)) {
            Uplink uplink = new Uplink();
            alarms.uplinkChanged(uplink);
            Set<String> many = new java.util.HashSet<>();
            for (int i = 1; i <= 1050; i++) {
                many.add(epc(i));
            }
            cycle(alarms, Map.of("A1", many));
            List<UplinkMessage> sent = uplink.take();
            assertEquals(11, sent.size());
            assertEquals(1050, sent.stream().mapToInt(m -> m.body().getAsJsonArray("items").size()).sum());
        }
    }

    private UnregisteredItemAlarms alarms(TestCatalogs.Opened opened) throws Exception {
        UnregisteredItemAlarms alarms = new UnregisteredItemAlarms(opened.store(), opened.catalog(), CLOCK);
        opened.catalog().addListener(alarms);
        return alarms;
    }

    private static void register(TestCatalogs.Opened opened, String code) throws Exception {
        new ItemsCommand(opened::catalog).handle(request("items", command("items", "items",
                array(item(code, GTIN, "B1", "2027-01-01")))));
    }

    private void cycle(UnregisteredItemAlarms alarms, Map<String, Set<String>> zones) throws InterruptedException {
        List<ZoneInventory> inventories = new ArrayList<>();
        zones.forEach((zone, items) -> inventories.add(new ZoneInventory(zone, ZoneState.KNOWN, items, Set.of(), Set.of())));
        alarms.cycleCompleted(report(inventories));
        assertTrue(alarms.awaitIdle(5, TimeUnit.SECONDS));
    }

    private CycleReport report(List<ZoneInventory> zones) {
        return new CycleReport(++cycle, TestCatalogs.NOW, Duration.ofMillis(900), 3, true, zones, List.of());
    }
}
