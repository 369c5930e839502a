package org.medcab.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hospital view on the embedded broker the demo runs by default, fed by a plain MQTT publisher. */
class HospitalViewTest {
    private static Broker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Broker.embedded();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void printsWhatArrivesAndSurvivesABadMessage() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (HospitalView view = new HospitalView(broker.url(), new Reports("medcab", "site1", "cabinet1"),
                        new PrintStream(printed, true, StandardCharsets.UTF_8), "")) {
            view.connect();
            MqttClient publisher = new MqttClient(broker.url(), "test-gateway", new MemoryPersistence());
            publisher.connect();
            try {
                publisher.publish("medcab/site1/cabinet1/events/reader", "{broken".getBytes(StandardCharsets.UTF_8), 1, false);
                publisher.publish("medcab/site1/cabinet1/events/inventory", ("{\"schema\": \"medcab/inventory-event/1\","
                        + " \"id\": \"a\", \"seq\": 2, \"site\": \"site1\", \"gateway\": \"cabinet1\", \"time\": \"t\","
                        + " \"cycle\": 1, \"durationMs\": 900, \"passes\": 3, \"stable\": true, \"zones\": ["
                        + "{\"zone\": \"A1\", \"state\": \"known\", \"count\": 4, \"added\": [], \"removed\": []}]}")
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                publisher.publish("medcab/site1/cabinet1/death", "{\"seq\": 0, \"gateway\": \"cabinet1\"}"
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                assertTrue(view.awaitFirstInventory(Duration.ofSeconds(10)), printed.toString(StandardCharsets.UTF_8));
                assertTrue(view.awaitDeath(Duration.ofSeconds(10)), printed.toString(StandardCharsets.UTF_8));
            } finally {
                publisher.disconnect();
                publisher.close();
            }
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("unreadable message on medcab/site1/cabinet1/events/reader: not JSON"), out);
        assertTrue(out.contains("zone A1   known       4 items  (+0 -0)  cycle 1"), out);
        assertTrue(out.contains("gateway cabinet1 OFFLINE (death message)"), out);
    }

    @Test
    void theEmbeddedBrokerCarriesTheCycleOfALargeZone() throws Exception {
        StringBuilder added = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            added.append(i == 0 ? "" : ",").append(String.format("\"3074257BF7194E40%08X\"", i));
        }
        String event = "{\"schema\": \"medcab/inventory-event/1\", \"id\": \"c\", \"seq\": 9, \"site\": \"site1\","
                + " \"gateway\": \"cabinet1\", \"time\": \"t\", \"cycle\": 4, \"durationMs\": 5000, \"passes\": 4,"
                + " \"stable\": true, \"zones\": [{\"zone\": \"A9\", \"state\": \"known\", \"count\": 500,"
                + " \"added\": [" + added + "], \"removed\": []}]}";
        assertTrue(event.length() > 8092, "the message must exceed Moquette's default limit to test anything");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (HospitalView view = new HospitalView(broker.url(), new Reports("medcab", "site1", "cabinet1"),
                        new PrintStream(printed, true, StandardCharsets.UTF_8), "")) {
            view.connect();
            MqttClient gateway = new MqttClient(broker.url(), "test-gateway", new MemoryPersistence());
            gateway.connect();
            try {
                gateway.publish("medcab/site1/cabinet1/events/inventory", event.getBytes(StandardCharsets.UTF_8), 1, false);
                assertTrue(view.awaitFirstInventory(Duration.ofSeconds(10)), printed.toString(StandardCharsets.UTF_8));
            } finally {
                gateway.disconnect();
                gateway.close();
            }
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("zone A9   known     500 items  (+500 -0)  cycle 4"), out);
        assertTrue(out.contains("            + ... and 495 more"), out);
    }
}
