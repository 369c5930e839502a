package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonObject;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;
import org.medcab.lab.MosquittoBroker;
import org.medcab.mqtt.internal.HisSubscriber.Received;

/** {@code HospitalUplink.send}, priorities, health, births on bundle changes and the command inbox, against real Mosquitto. */
class UplinkAndCommandsTest extends BrokerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String ROOT = "medcab/site1/cabinet1/";

    private final AtomicReference<List<BundleVersion>> bundles =
            new AtomicReference<>(List.of(new BundleVersion("org.medcab.rules", "0.1.0")));

    /** A command as the inbox got it. */
    private record Arrived(String command, String payload) {
    }

    private final LinkedBlockingQueue<Arrived> inbox = new LinkedBlockingQueue<>();

    private MqttLink link(MosquittoBroker broker, Duration health) throws IOException {
        LinkSettings settings = LinkSettings.builder(broker.url(), "site1", "cabinet1")
                .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(300)).healthInterval(health).build();
        MqttLink link = closeLater(new MqttLink(settings, dir.resolve("data"), bundles::get,
                (command, payload) -> inbox.add(new Arrived(command, new String(payload, StandardCharsets.UTF_8)))));
        link.start();
        return link;
    }

    private static UplinkMessage message(String subtopic, String field, Delivery delivery) {
        JsonObject body = new JsonObject();
        body.addProperty(field, "A1");
        return new UplinkMessage("medcab/alarm/1", subtopic, Instant.parse("2026-01-05T10:00:00Z"), body, delivery, false);
    }

    @Test
    void sentMessagesGetTheEnvelopeAndBadOnesAreRefused() throws Exception {
        MosquittoBroker broker = closeLater(MosquittoBroker.start(dir, false));
        HisSubscriber his = closeLater(HisSubscriber.subscribe(broker.url(), "medcab/#"));
        MqttLink link = link(broker, Duration.ofHours(1));
        Received birth = his.next(TIMEOUT);
        assertEquals(ROOT + "birth", birth.topic());
        assertEquals(0, birth.json().getAsJsonObject("outbox").get("messages").getAsInt());

        link.send(message("events/alarm", "zone", Delivery.URGENT));
        Received alarm = his.next(TIMEOUT);
        assertEquals(ROOT + "events/alarm", alarm.topic());
        assertEquals("medcab/alarm/1", alarm.schema());
        assertEquals("A1", alarm.json().get("zone").getAsString());
        assertEquals("2026-01-05T10:00:00Z", alarm.json().get("time").getAsString());
        assertEquals(birth.seq() + 1, alarm.seq());

        for (String bad : List.of("", "events//alarm", "events/+", "#", "/events", "events/", "cmd/pick", "a\u0000b")) {
            UplinkRefusedException e = assertThrows(UplinkRefusedException.class,
                    () -> link.send(message(bad, "zone", Delivery.RECORD)), "subtopic '" + bad + "'");
            assertTrue(e.getMessage().contains("subtopic") || e.getMessage().contains("level"), e.getMessage());
        }
        UplinkRefusedException envelope = assertThrows(UplinkRefusedException.class,
                () -> link.send(message("events/alarm", "seq", Delivery.RECORD)));
        assertTrue(envelope.getMessage().contains("'seq'"), envelope.getMessage());
        assertEquals(List.of(), his.drain(Duration.ofMillis(300)), "nothing refused was published");
        link.close();
        assertThrows(UplinkRefusedException.class, () -> link.send(message("events/alarm", "zone", Delivery.URGENT)));
    }

    @Test
    void anUrgentMessageOvertakesABacklogOfRecords() throws Exception {
        MosquittoBroker broker = closeLater(MosquittoBroker.start(dir, true));
        HisSubscriber.subscribePersistent(broker.url(), "his-urgent", "medcab/#").close();
        broker.stop();
        MqttLink link = link(broker, Duration.ofHours(1));
        for (int i = 0; i < 200; i++) {
            link.send(message("events/inventory", "zone", Delivery.RECORD));
        }
        link.send(message("events/alarm", "zone", Delivery.URGENT));
        assertEquals(201, link.outboxFigures().total());
        assertEquals(1, link.outboxFigures().messages().get(Delivery.URGENT));
        broker.restart();
        HisSubscriber his = closeLater(HisSubscriber.resume(broker.url(), "his-urgent"));
        List<Received> received = his.until(r -> r.topic().endsWith("events/alarm"), TIMEOUT);
        received.removeIf(r -> r.topic().endsWith("/death")); // the will of the first attempt, at broker shutdown
        assertEquals(List.of(ROOT + "birth", ROOT + "events/alarm"), received.stream().map(Received::topic).toList(),
                "birth, then the alarm before the 200 waiting records");
        assertEquals(200, his.next(200, TIMEOUT).size());
    }

    @Test
    void healthIsSentPeriodicallyWithTheOutboxFigures() throws Exception {
        MosquittoBroker broker = closeLater(MosquittoBroker.start(dir, false));
        HisSubscriber his = closeLater(HisSubscriber.subscribe(broker.url(), ROOT + "health"));
        link(broker, Duration.ofMillis(300));
        Received first = his.next(TIMEOUT);
        Received second = his.next(TIMEOUT);
        assertEquals("medcab/health/1", first.schema());
        assertTrue(second.seq() > first.seq());
        JsonObject connection = second.json().getAsJsonObject("connection");
        assertTrue(connection.get("connected").getAsBoolean());
        Instant.parse(connection.get("since").getAsString());
        JsonObject outbox = second.json().getAsJsonObject("outbox");
        assertEquals(100_000, outbox.get("maxMessages").getAsInt());
        assertEquals(0, outbox.get("droppedRoutine").getAsLong());
        assertFalse(outbox.get("overLimit").getAsBoolean());
    }

    @Test
    void aChangeOfInstalledBundlesSendsAFreshBirth() throws Exception {
        MosquittoBroker broker = closeLater(MosquittoBroker.start(dir, false));
        HisSubscriber his = closeLater(HisSubscriber.subscribe(broker.url(), ROOT + "birth"));
        MqttLink link = link(broker, Duration.ofHours(1));
        assertEquals("0.1.0", his.next(TIMEOUT).array("bundles").get(0).getAsJsonObject().get("version").getAsString());
        bundles.set(List.of(new BundleVersion("org.medcab.rules", "0.2.0")));
        link.bundlesChanged();
        Received rebirth = his.next(TIMEOUT);
        assertEquals("0.2.0", rebirth.array("bundles").get(0).getAsJsonObject().get("version").getAsString(),
                "after an update the HIS sees the new version");
    }

    @Test
    void commandsReachTheInboxAcrossBrokerRestartsAndWhileTheGatewayWasAway() throws Exception {
        MosquittoBroker broker = closeLater(MosquittoBroker.start(dir, true));
        HisSubscriber births = closeLater(HisSubscriber.subscribe(broker.url(), ROOT + "birth"));
        MqttLink link = link(broker, Duration.ofHours(1));
        births.next(TIMEOUT);
        // The subscription is made after the birth; a command published a moment later must not race it.
        awaitCommand(broker, "pick", "{\"requestId\":\"r1\"}");

        broker.stop();
        broker.restart();
        awaitCommand(broker, "inventory-now", "{\"requestId\":\"r2\"}");

        // Gateway away (clean close keeps the persistent session): the broker keeps the command for it.
        link.close();
        publish(broker, "pick", "{\"requestId\":\"r3\"}");
        link(broker, Duration.ofHours(1));
        Arrived kept = inbox.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(kept, "the command sent while the gateway was away did not arrive");
        assertEquals(new Arrived("pick", "{\"requestId\":\"r3\"}"), kept);

        publish(broker, "pick/extra", "{}");
        assertEquals(null, inbox.poll(300, TimeUnit.MILLISECONDS), "cmd/+ is one level: cmd/pick/extra is no command");
    }

    /** Publishes until the inbox has it: the link subscribes only once connected. */
    private void awaitCommand(MosquittoBroker broker, String command, String payload) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            publish(broker, command, payload);
            Arrived arrived = inbox.poll(200, TimeUnit.MILLISECONDS);
            if (arrived != null) {
                assertEquals(new Arrived(command, payload), arrived);
                inbox.clear(); // later copies of the same attempt
                return;
            }
        }
        throw new AssertionError("command " + command + " never reached the inbox");
    }

    private static void publish(MosquittoBroker broker, String command, String payload) throws Exception {
        MqttClient his = new MqttClient(broker.url(), "his-cmd-" + System.nanoTime(), new MemoryPersistence());
        his.connect();
        his.publish(ROOT + "cmd/" + command, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        his.disconnect();
        his.close();
    }
}
