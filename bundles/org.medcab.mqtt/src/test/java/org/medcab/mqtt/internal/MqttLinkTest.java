package org.medcab.mqtt.internal;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.mqtt.internal.Cycles.EPC_1;
import static org.medcab.mqtt.internal.Cycles.EPC_2;
import static org.medcab.mqtt.internal.Cycles.EPC_3;
import static org.medcab.mqtt.internal.Cycles.known;
import static org.medcab.mqtt.internal.Cycles.reader;
import static org.medcab.mqtt.internal.Cycles.report;
import static org.medcab.mqtt.internal.Cycles.unknown;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.medcab.api.ZoneInventory;
import org.medcab.mqtt.internal.HisSubscriber.Received;
import org.medcab.lab.MosquittoBroker;

/** The link against a real Mosquitto, watched by a Paho subscriber standing in for the HIS. */
class MqttLinkTest extends BrokerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<BundleVersion> BUNDLES = List.of(new BundleVersion("org.medcab.api", "0.1.0"),
            new BundleVersion("org.medcab.mqtt", "0.1.0"));
    private static final String ROOT = "medcab/site1/cabinet1/";

    private MosquittoBroker broker(boolean persistent) throws IOException {
        return closeLater(MosquittoBroker.start(dir, persistent));
    }

    private MqttLink startLink(MosquittoBroker broker, String gateway) throws IOException {
        LinkSettings settings = LinkSettings.builder(broker.url(), "site1", gateway)
                .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(500)).build();
        MqttLink link = closeLater(new MqttLink(settings, dir.resolve("data-" + gateway), () -> BUNDLES));
        link.start();
        return link;
    }

    private static void assertSeqStrictlyIncreasing(List<Received> messages) {
        for (int i = 1; i < messages.size(); i++) {
            assertTrue(messages.get(i).seq() > messages.get(i - 1).seq(),
                    "seq must rise: " + messages.get(i - 1) + " then " + messages.get(i));
        }
    }

    private static List<String> topics(List<Received> messages) {
        return messages.stream().map(Received::topic).toList();
    }

    @Test
    void birthThenSnapshotsInventoryAndReaderEventsAfterEachCycle() throws Exception {
        MosquittoBroker broker = broker(false);
        HisSubscriber his = closeLater(HisSubscriber.subscribe(broker.url(), "medcab/#"));
        MqttLink link = startLink(broker, "cabinet1");

        Received birth = his.next(TIMEOUT);
        assertEquals(ROOT + "birth", birth.topic());
        assertEquals("medcab/birth/1", birth.schema());
        assertTrue(birth.seq() >= 1);
        UUID.fromString(birth.json().get("id").getAsString());
        Instant.parse(birth.json().get("time").getAsString());
        assertEquals("site1", birth.json().get("site").getAsString());
        assertEquals("cabinet1", birth.json().get("gateway").getAsString());
        assertEquals("[{\"name\":\"org.medcab.api\",\"version\":\"0.1.0\"},{\"name\":\"org.medcab.mqtt\",\"version\":\"0.1.0\"}]",
                birth.array("bundles").toString());
        assertEquals(0, birth.array("readers").size(), "no cycle yet, so no readers known");
        assertEquals(0, birth.json().get("readersOnline").getAsInt());
        assertTrue(link.isConnected());

        link.cycleCompleted(report(1, List.of(known("A1", Set.of(EPC_1, EPC_2), Set.of(EPC_1, EPC_2), Set.of()),
                unknown("A2", Set.of())), List.of(reader("r1", 1, true), reader("r2", 2, false))));
        List<Received> first = his.next(5, TIMEOUT);
        assertEquals(List.of(ROOT + "inventory/A1", ROOT + "inventory/A2", ROOT + "birth", ROOT + "events/inventory",
                ROOT + "events/reader"), topics(first));
        Received rebirth = first.remove(2);
        assertEquals(2, rebirth.array("readers").size(), "readers now known: the birth is sent again with them");
        assertEquals(1, rebirth.json().get("readersOnline").getAsInt());
        Received a1 = first.get(0);
        assertEquals("medcab/zone-inventory/1", a1.schema());
        assertEquals(1, a1.cycle());
        assertEquals("known", a1.json().get("state").getAsString());
        assertEquals(List.of(EPC_1, EPC_2), a1.strings("items"));
        assertEquals(2, a1.json().get("count").getAsInt());
        assertEquals("unknown", first.get(1).json().get("state").getAsString());
        Received event = first.get(2);
        assertEquals("medcab/inventory-event/1", event.schema());
        assertEquals(1500, event.json().get("durationMs").getAsLong());
        JsonObject eventA1 = event.array("zones").get(0).getAsJsonObject();
        assertEquals("A1", eventA1.get("zone").getAsString());
        assertEquals("[\"" + EPC_1 + "\",\"" + EPC_2 + "\"]", eventA1.get("added").toString());
        assertEquals("[]", eventA1.get("removed").toString());
        Received offline = first.get(3);
        assertEquals("medcab/reader-event/1", offline.schema());
        assertEquals("r2", offline.json().get("reader").getAsString());
        assertFalse(offline.json().get("online").getAsBoolean());

        link.cycleCompleted(report(2, List.of(known("A1", Set.of(EPC_1, EPC_3), Set.of(EPC_3), Set.of(EPC_2)),
                known("A2", Set.of(), Set.of(), Set.of())), List.of(reader("r1", 1, true), reader("r2", 2, true))));
        List<Received> second = his.next(4, TIMEOUT);
        assertEquals(List.of(EPC_1, EPC_3), second.get(0).strings("items"));
        JsonObject changeA1 = second.get(2).array("zones").get(0).getAsJsonObject();
        assertEquals("[\"" + EPC_3 + "\"]", changeA1.get("added").toString());
        assertEquals("[\"" + EPC_2 + "\"]", changeA1.get("removed").toString());
        Received online = second.get(3);
        assertEquals("r2", online.json().get("reader").getAsString());
        assertTrue(online.json().get("online").getAsBoolean());
        assertEquals(List.of(), his.drain(Duration.ofMillis(300)), "r1 did not change: no event for it");

        List<Received> all = new ArrayList<>(List.of(birth));
        all.addAll(first);
        all.addAll(second);
        assertSeqStrictlyIncreasing(all);

        // A subscriber that arrives later still learns every zone's contents: the snapshots are retained.
        HisSubscriber late = closeLater(HisSubscriber.subscribe(broker.url(), ROOT + "inventory/+"));
        List<Received> retained = late.next(2, TIMEOUT);
        retained.sort((x, y) -> x.topic().compareTo(y.topic()));
        assertTrue(retained.get(0).retained() && retained.get(1).retained());
        assertEquals(List.of(EPC_1, EPC_3), retained.get(0).strings("items"));
        assertEquals(2, retained.get(0).cycle());
        assertEquals("known", retained.get(1).json().get("state").getAsString());
    }

    @Test
    void seqKeepsRisingAcrossARestartAndACleanCloseSendsDeath() throws Exception {
        MosquittoBroker broker = broker(false);
        HisSubscriber his = closeLater(HisSubscriber.subscribe(broker.url(), "medcab/#"));
        MqttLink first = startLink(broker, "cabinet1");
        Received birth = his.next(TIMEOUT);
        first.cycleCompleted(report(1, List.of(known("A1", Set.of(EPC_1), Set.of(EPC_1), Set.of())), List.of()));
        List<Received> cycle = his.next(2, TIMEOUT);

        first.close();
        Received death = his.next(TIMEOUT);
        assertEquals(ROOT + "death", death.topic());
        assertEquals("medcab/death/1", death.schema());
        assertFalse(death.retained());
        List<Received> before = new ArrayList<>(List.of(birth));
        before.addAll(cycle);
        assertSeqStrictlyIncreasing(before);
        // The clean death is the connection's will itself, numbered just before the birth: no seq goes unused.
        assertEquals(birth.seq() - 1, death.seq());
        assertEquals(List.of(), his.drain(Duration.ofMillis(500)), "a clean disconnect discards the last will");

        MqttLink second = startLink(broker, "cabinet1");
        Received rebirth = his.next(TIMEOUT);
        assertEquals("medcab/birth/1", rebirth.schema());
        assertTrue(rebirth.seq() > death.seq(), rebirth.seq() + " after " + death.seq());
        second.cycleCompleted(report(2, List.of(known("A1", Set.of(EPC_1), Set.of(), Set.of())), List.of()));
        List<Received> after = new ArrayList<>(List.of(rebirth));
        after.addAll(his.next(2, TIMEOUT));
        assertSeqStrictlyIncreasing(after);
        assertEquals(cycle.get(1).seq() + 2, rebirth.seq(),
                "numbering continues exactly after a restart: the new connection's will, then its birth");
    }

    @Test
    void cyclesDuringABrokerOutageAreDeliveredAfterItReturns() throws Exception {
        MosquittoBroker broker = broker(true);
        // A persistent HIS session, as a real HIS keeps: the broker queues what arrives while it is away.
        HisSubscriber his = HisSubscriber.subscribePersistent(broker.url(), "his-outage", "medcab/#");
        MqttLink link = startLink(broker, "cabinet1");
        List<Received> beforeOutage = new ArrayList<>(List.of(his.next(TIMEOUT)));
        link.cycleCompleted(report(0, List.of(known("A1", Set.of(EPC_1), Set.of(EPC_1), Set.of()),
                known("A2", Set.of(), Set.of(), Set.of())), List.of(reader("r1", 1, true))));
        beforeOutage.addAll(his.next(4, TIMEOUT)); // two snapshots, the birth naming r1, the inventory event
        long lastBeforeOutage = beforeOutage.get(4).seq();
        Set<String> seenIds = beforeOutage.stream().map(r -> r.json().get("id").getAsString()).collect(toSet());
        his.close();

        broker.stop();
        awaitDisconnected(link);
        // The inventory keeps cycling; the link must never hold it up.
        List<Set<String>> contents = List.of(Set.of(EPC_1, EPC_2), Set.of(EPC_2), Set.of(EPC_2, EPC_3), Set.of(EPC_3));
        for (int n = 1; n <= 4; n++) {
            List<ZoneInventory> zones = List.of(known("A1", contents.get(n - 1), Set.of(), Set.of()),
                    known("A2", Set.of(EPC_1), n == 1 ? Set.of(EPC_1) : Set.of(), Set.of()));
            long start = System.nanoTime();
            link.cycleCompleted(report(n, zones, List.of(reader("r1", 1, n < 3))));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 100, "cycleCompleted took " + millis + " ms with the broker down");
            Thread.sleep(150); // let reconnection attempts fail in between
        }
        assertFalse(link.isConnected());

        broker.restart();
        HisSubscriber back = closeLater(HisSubscriber.resume(broker.url(), "his-outage"));
        List<Received> received = new ArrayList<>(
                back.until(r -> r.topic().endsWith("events/inventory") && r.cycle() == 4, TIMEOUT));
        // QoS 1 is at least once: the broker may hand the HIS again a message whose acknowledgement it
        // missed. The HIS recognises it by its id, and so does this test.
        received.removeIf(r -> seenIds.contains(r.json().get("id").getAsString()));
        // Mosquitto sends the wills of its clients when it shuts down: the link's connection ended without a
        // DISCONNECT. The link restates that will at the next connection, before the birth, for a broker that
        // went down without sending it: the same death (one id, one seq) once or twice, then the birth.
        Set<String> deathIds = new HashSet<>();
        List<Received> deaths = new ArrayList<>();
        while (received.get(0).topic().equals(ROOT + "death")) {
            deaths.add(received.remove(0));
            deathIds.add(deaths.get(deaths.size() - 1).json().get("id").getAsString());
        }
        assertFalse(deaths.isEmpty(), "the old connection's will is restated before the new birth");
        assertEquals(1, deathIds.size(), "one will, sent by the broker and restated, or restated only: " + deathIds);
        assertTrue(deaths.get(0).seq() < received.get(0).seq(), "the old connection's will, numbered before its birth");
        assertEquals(ROOT + "birth", received.get(0).topic(), "birth comes first: " + topics(received));
        assertEquals(lastBeforeOutage + 2, received.get(0).seq(),
                "the failed attempts shared one will (one seq), then the birth: no gap for the HIS");
        assertEquals("[{\"id\":\"r1\",\"bus\":\"bus1\",\"address\":1,\"online\":false}]",
                received.get(0).array("readers").toString(), "the birth names the readers of the latest cycle");
        assertSeqStrictlyIncreasing(received);

        List<Received> snapshots = received.stream().filter(r -> r.topic().contains("/inventory/")).toList();
        assertEquals(List.of(ROOT + "inventory/A1", ROOT + "inventory/A2"), topics(snapshots),
                "only the latest snapshot per zone");
        assertEquals(List.of(4L, 4L), snapshots.stream().map(Received::cycle).toList());
        assertEquals(List.of(EPC_3), snapshots.get(0).strings("items"));
        List<Long> eventCycles = received.stream().filter(r -> r.topic().endsWith("events/inventory"))
                .map(Received::cycle).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L), eventCycles, "every inventory event, in order");
        List<Received> readerEvents = received.stream().filter(r -> r.topic().endsWith("events/reader")).toList();
        assertEquals(1, readerEvents.size());
        assertFalse(readerEvents.get(0).json().get("online").getAsBoolean(), "r1 went offline in cycle 3");
        assertTrue(link.isConnected());
    }

    private static void awaitDisconnected(MqttLink link) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (link.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(link.isConnected(), "the link did not notice the broker stopping");
    }

    @Test
    void theBrokerSendsDeathWhenTheGatewayProcessIsKilled() throws Exception {
        MosquittoBroker broker = broker(false);
        HisSubscriber his = closeLater(HisSubscriber.subscribe(broker.url(), "medcab/site1/killed/#"));
        // A separate JVM, killed with SIGKILL: no DISCONNECT is ever sent, the kernel just closes the socket,
        // as when the gateway's process crashes. (A power cut is the keep-alive's job: 1.5 x keepAliveSeconds.)
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process gateway = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LinkProcessMain.class.getName(), broker.url(), dir.resolve("killed").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        try {
            Received birth = his.next(Duration.ofSeconds(20));
            assertEquals("medcab/site1/killed/birth", birth.topic(), Files.readString(dir.resolve("killed.log")));
            gateway.destroyForcibly();
            assertTrue(gateway.waitFor(5, TimeUnit.SECONDS));
            Received death = his.next(TIMEOUT);
            assertEquals("medcab/site1/killed/death", death.topic());
            assertEquals("medcab/death/1", death.schema());
            assertFalse(death.retained());
            assertEquals(birth.seq() - 1, death.seq(), "the will's seq is taken just before the birth's");
        } finally {
            gateway.destroyForcibly();
        }
    }

    @Test
    void neitherCyclesNorCloseWaitForABrokerThatNeverAnswers() throws Exception {
        // Accepts TCP connections and never sends CONNACK: a hung broker or a half-open firewall.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            LinkSettings settings = LinkSettings.builder("tcp://127.0.0.1:" + silent.getLocalPort(), "site1", "hung").build();
            MqttLink link = new MqttLink(settings, dir.resolve("data-hung"), () -> BUNDLES);
            link.start();
            try (Socket attempt = silent.accept()) {
                long start = System.nanoTime();
                link.cycleCompleted(report(1, List.of(known("A1", Set.of(EPC_1), Set.of(), Set.of())), List.of()));
                assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100), "cycleCompleted blocked");
                start = System.nanoTime();
                link.close();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                // Paho's own connect timeout is 10 s; close must not sit it out.
                assertTrue(millis < 2000, "close took " + millis + " ms");
                assertFalse(link.isConnected());
            }
        }
    }

    @Test
    void zonesWhoseIdCannotBeATopicLevelAreNotPublished() throws Exception {
        MosquittoBroker broker = broker(false);
        HisSubscriber his = closeLater(HisSubscriber.subscribe(broker.url(), "#"));
        MqttLink link = startLink(broker, "cabinet1");
        assertEquals("medcab/birth/1", his.next(TIMEOUT).schema());
        link.cycleCompleted(report(1, List.of(known("A/1", Set.of(EPC_1), Set.of(), Set.of()),
                known("B+", Set.of(), Set.of(), Set.of()), known("C#", Set.of(), Set.of(), Set.of()),
                known("", Set.of(), Set.of(), Set.of()), known("A2", Set.of(EPC_2), Set.of(), Set.of())), List.of()));
        List<Received> received = his.next(2, TIMEOUT);
        assertEquals(List.of(ROOT + "inventory/A2", ROOT + "events/inventory"), topics(received));
        assertEquals(1, received.get(1).array("zones").size());
        assertEquals("A2", received.get(1).array("zones").get(0).getAsJsonObject().get("zone").getAsString());
        assertEquals(List.of(), his.drain(Duration.ofMillis(300)));
    }
}
