package org.medcab.his;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.lab.MosquittoBroker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * send and the convenience subcommands against a real Mosquitto, a test responder playing gateway
 * cab1: it records every command and answers as a gateway would (accepted then ok for a pick,
 * rejected, partial, nothing at all).
 */
class SendTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    @TempDir
    static Path dir;
    private static MosquittoBroker broker;
    private Responder responder;

    @BeforeAll
    static void startBroker() throws Exception {
        Assumptions.assumeTrue(MosquittoBroker.binary().isPresent(),
                "mosquitto is not installed (apt-get install mosquitto): tests against a real broker skipped");
        broker = MosquittoBroker.start(dir, false);
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void startResponder() throws Exception {
        responder = new Responder(Mqtt.connect(broker.url()));
    }

    @AfterEach
    void stopResponder() throws Exception {
        responder.close();
    }

    /** Plays gateway cab1: answers each command by its name. */
    private static final class Responder implements MqttCallback, AutoCloseable {
        final LinkedBlockingQueue<JsonObject> commands = new LinkedBlockingQueue<>();
        private final Mqtt mqtt;
        // Paho must not publish from its own callback thread while waiting for the acknowledgement.
        private final ExecutorService replies = Executors.newSingleThreadExecutor();

        Responder(Mqtt mqtt) throws MqttException {
            this.mqtt = mqtt;
            mqtt.client.setCallback(this);
            assertEquals(1, mqtt.subscribe("medcab/site1/cab1/cmd/#"));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            JsonObject command = JsonParser.parseString(new String(message.getPayload(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            commands.add(command);
            String name = topic.substring(topic.lastIndexOf('/') + 1);
            replies.execute(() -> answer(name, command));
        }

        private void answer(String name, JsonObject command) {
            switch (name) {
                case "pick" -> {
                    reply(name, command, "other-request", "ok", "{}", null); // someone else's: ignored
                    reply(name, command, null, "accepted", "{}", null);
                    reply(name, command, null, "ok", "{\"picked\":2}", null);
                }
                case "pick-cancel" -> reply(name, command, null, "rejected", "{}",
                        "{\"field\":\"/orderId\",\"problem\":\"no active pick for order o9\"}");
                case "items" -> reply(name, command, null, "partial",
                        "{\"accepted\":1,\"refused\":[{\"index\":1,\"problem\":\"unknown gtin\"}]}", null);
                case "dispense-order" -> reply(name, command, null, "ok", "{}", null);
                case "catalog" -> reply(name, command, null, "ok",
                        "{\"accepted\":" + command.getAsJsonArray("drugs").size() + "}", null);
                default -> {
                    // silence: the sender times out
                }
            }
        }

        private void reply(String name, JsonObject command, String correlationId, String status, String result,
                String error) {
            String correlation = correlationId != null ? correlationId : command.get("correlationId").getAsString();
            String body = "{\"schema\":\"medcab/reply/" + name + "/1\",\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
                    + "\"seq\":7,\"site\":\"site1\",\"gateway\":\"cab1\",\"time\":\"2026-01-05T10:00:00Z\",\"command\":\""
                    + name + "\",\"requestId\":\"" + command.get("requestId").getAsString() + "\",\"correlationId\":\""
                    + correlation + "\",\"status\":\"" + status + "\",\"received\":\"2026-01-05T10:00:00Z\","
                    + "\"durationMs\":5," + (error == null ? "" : "\"error\":" + error + ",") + "\"result\":" + result + "}";
            try {
                mqtt.publish("medcab/site1/cab1/reply/" + name, body);
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }

        JsonObject next() throws InterruptedException {
            return commands.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }

        @Override
        public void close() throws Exception {
            // Let a reply still being acknowledged finish, rather than interrupt it.
            replies.shutdown();
            replies.awaitTermination(5, TimeUnit.SECONDS);
            mqtt.close();
        }
    }

    @Test
    void sendWrapsThePayloadAndPrintsTheRepliesOfItsRequestUntilTheFinalOne() throws Exception {
        Cli send = Cli.start(Map.of(), "{\"orderId\":\"o1\",\"gtin\":\"04012345000016\",\"quantity\":2}",
                "send", "pick", "--broker", broker.url(), "--gateway", "cab1", "--file", "-", "--request-id", "r-1");
        assertEquals(Exit.OK, send.exit(TIMEOUT), send.err());
        assertEquals(JsonParser.parseString("{\"schema\":\"medcab/cmd/pick/1\",\"requestId\":\"r-1\",\"correlationId\":\"r-1\","
                + "\"orderId\":\"o1\",\"gtin\":\"04012345000016\",\"quantity\":2}"), responder.next());
        assertEquals(List.of("reply pick accepted correlationId r-1 (5 ms)",
                "reply pick ok correlationId r-1 (5 ms) result {\"picked\":2}"), send.outLines());
        assertTrue(send.err().contains("sent medcab/site1/cab1/cmd/pick requestId r-1"), send.err());
    }

    @Test
    void aFreshRequestIdIsTheCorrelationIdUnlessOneIsGiven() throws Exception {
        assertEquals(Exit.OK, Cli.run("pick", "--broker", broker.url(), "--gateway", "cab1", "--order", "o2",
                "--gtin", "04012345000023", "--quantity", "1", "--timeout-seconds", "60").exit(TIMEOUT));
        JsonObject pick = responder.next();
        String requestId = pick.get("requestId").getAsString();
        assertTrue(requestId.matches("his-[0-9a-f-]{36}"), requestId);
        assertEquals(requestId, pick.get("correlationId").getAsString());
        assertEquals(60, pick.get("timeoutSeconds").getAsInt());
        assertEquals("o2", pick.get("orderId").getAsString());

        assertEquals(Exit.OK, Cli.run("pick", "--broker", broker.url(), "--gateway", "cab1", "--order", "o3",
                "--gtin", "04012345000023", "--quantity", "1", "--correlation-id", "ward3:order-o3").exit(TIMEOUT));
        assertEquals("ward3:order-o3", responder.next().get("correlationId").getAsString());
    }

    @Test
    void aRejectionIsPrintedWithItsErrorAndExitsTwo() throws Exception {
        Cli cancel = Cli.run("pick-cancel", "--broker", broker.url(), "--gateway", "cab1", "--order", "o9",
                "--request-id", "c-9");
        assertEquals(Exit.NOT_DONE, cancel.exit(TIMEOUT));
        assertEquals(List.of("reply pick-cancel rejected correlationId c-9 (5 ms) error /orderId: no active pick for order o9"),
                cancel.outLines());
        assertEquals("o9", responder.next().get("orderId").getAsString());
    }

    @Test
    void partialExitsOne() throws Exception {
        Path csv = Files.writeString(dir.resolve("items.csv"), "code,gtin,batch,expiry,productionDate\n"
                + "3074257BF7194E4000001A85,04012345000016,B1,2027-03-31,2025-03-01\n"
                + "80123456789012345678,04012345000023,B2,2027-04-30,\n");
        Cli items = Cli.run("items", "--broker", broker.url(), "--gateway", "cab1", "--csv", csv.toString(),
                "--request-id", "i-1");
        assertEquals(Exit.PARTIAL, items.exit(TIMEOUT), items.err());
        assertEquals(List.of("reply items partial correlationId i-1 (5 ms) result"
                + " {\"accepted\":1,\"refused\":[{\"index\":1,\"problem\":\"unknown gtin\"}]}"), items.outLines());
        assertEquals(JsonParser.parseString("{\"schema\":\"medcab/cmd/items/1\",\"requestId\":\"i-1\",\"correlationId\":\"i-1\","
                + "\"items\":[{\"code\":\"3074257BF7194E4000001A85\",\"gtin\":\"04012345000016\",\"batch\":\"B1\","
                + "\"expiry\":\"2027-03-31\",\"productionDate\":\"2025-03-01\"},"
                + "{\"code\":\"80123456789012345678\",\"gtin\":\"04012345000023\",\"batch\":\"B2\",\"expiry\":\"2027-04-30\"}]}"),
                responder.next());
    }

    @Test
    void noFinalReplyInTimeExitsTwo() throws Exception {
        Cli silent = Cli.run("send", "inventory-now", "--broker", broker.url(), "--gateway", "cab1", "--timeout", "1",
                "--request-id", "n-1");
        assertEquals(Exit.NOT_DONE, silent.exit(TIMEOUT));
        assertEquals(List.of("no final reply to inventory-now requestId n-1 within 1 s"), silent.outLines());
        assertEquals("medcab/cmd/inventory-now/1", responder.next().get("schema").getAsString());
    }

    @Test
    void aCatalogIsSentInBatchesOneCommandEach() throws Exception {
        Path csv = Files.writeString(dir.resolve("drugs.csv"),
                "gtin,name,strength,form,manufacturer,approvalNumber,storageClass\n"
                        + "04012345000016,Amoxicillin,500 mg,capsule,Acme,H2020001,room\n"
                        + "04012345000023,\"Insulin, human\",100 IU/ml,injection,Acme,S2020002,cold\n"
                        + "04012345000030,Paracetamol,,tablet,,,\n");
        Cli catalog = Cli.run("catalog", "--broker", broker.url(), "--gateway", "cab1", "--csv", csv.toString(),
                "--batch", "2");
        assertEquals(Exit.OK, catalog.exit(TIMEOUT), catalog.err());
        JsonObject first = responder.next();
        JsonObject second = responder.next();
        assertEquals(2, first.getAsJsonArray("drugs").size());
        assertEquals(JsonParser.parseString("{\"gtin\":\"04012345000023\",\"name\":\"Insulin, human\",\"strength\":\"100 IU/ml\","
                + "\"form\":\"injection\",\"manufacturer\":\"Acme\",\"approvalNumber\":\"S2020002\",\"storageClass\":\"cold\"}"),
                first.getAsJsonArray("drugs").get(1));
        assertEquals(JsonParser.parseString("[{\"gtin\":\"04012345000030\",\"name\":\"Paracetamol\",\"form\":\"tablet\"}]"),
                second.getAsJsonArray("drugs"));
        assertTrue(!first.get("requestId").equals(second.get("requestId")), "one request per batch");
        assertEquals(2, catalog.outLines().size(), catalog.out());
    }

    @Test
    void aDispenseOrderIsSentFromItsFileWithTheEnvelopeCompleted() throws Exception {
        Path order = Files.writeString(dir.resolve("order.json"),
                "{\"requestId\":\"d-1\",\"orderId\":\"d1\",\"lines\":[{\"gtin\":\"04012345000016\",\"quantity\":1}]}");
        Cli dispense = Cli.run("dispense-order", "--broker", broker.url(), "--gateway", "cab1", "--file", order.toString());
        assertEquals(Exit.OK, dispense.exit(TIMEOUT), dispense.err());
        assertEquals(JsonParser.parseString("{\"schema\":\"medcab/cmd/dispense-order/1\",\"requestId\":\"d-1\","
                + "\"correlationId\":\"d-1\",\"orderId\":\"d1\",\"lines\":[{\"gtin\":\"04012345000016\",\"quantity\":1}]}"),
                responder.next());
        assertEquals(List.of("reply dispense-order ok correlationId d-1 (5 ms)"), dispense.outLines());

        Cli missing = Cli.run("dispense-order", "--broker", broker.url(), "--gateway", "cab1", "--file",
                dir.resolve("none.json").toString());
        assertEquals(Exit.DATA, missing.exit(TIMEOUT));
        assertEquals(dir.resolve("none.json") + ": no such file\nnothing was sent\n", missing.err());
        Path wrongSchema = Files.writeString(dir.resolve("wrong.json"), "{\"schema\":\"medcab/cmd/pick/1\"}");
        Cli refused = Cli.run("dispense-order", "--broker", broker.url(), "--gateway", "cab1", "--file",
                wrongSchema.toString());
        assertEquals(Exit.USAGE, refused.exit(TIMEOUT));
        assertTrue(refused.err().startsWith("medcab-his dispense-order: the payload's schema 'medcab/cmd/pick/1' is not"
                + " medcab/cmd/dispense-order/1"), refused.err());
        assertNull(responder.commands.poll(300, TimeUnit.MILLISECONDS), "a command was sent");
    }

    @Test
    void aCsvWithErrorsSendsNothing() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad-levels.csv"), "zone,gtin,level,reorderPoint\n"
                + "A1,04012345000016,10,4\n"
                + "A1,04012345000017,x,4\n");
        Cli levels = Cli.run("par-levels", "--broker", broker.url(), "--gateway", "cab1", "--csv", csv.toString());
        assertEquals(Exit.DATA, levels.exit(TIMEOUT));
        assertEquals("2 error(s) in " + csv + ":\n"
                + csv + " line 3, column gtin: '04012345000017' has a wrong check digit\n"
                + csv + " line 3, column level: 'x' is not a whole number\n"
                + "nothing was sent\n", levels.err());
        assertNull(responder.commands.poll(500, TimeUnit.MILLISECONDS), "a command was sent");
    }

    @Test
    void passwordsAreNotTakenOnTheCommandLineButFromAFileOrTheEnvironment() throws Exception {
        Cli refused = Cli.run("watch", "--broker", broker.url(), "--user", "his", "--password", "s3cret");
        assertEquals(Exit.USAGE, refused.exit(TIMEOUT));
        assertTrue(refused.err().startsWith("medcab-his watch: passwords are not taken on the command line"), refused.err());
        assertTrue(!refused.err().contains("s3cret") && !refused.out().contains("s3cret"));

        // The bench broker is anonymous and ignores the password: what is checked is that it is read and never shown.
        Cli fromEnv = Cli.start(Map.of(BrokerOptions.PASSWORD_ENV, "env-s3cret"), "{\"orderId\":\"o9\"}", "send", "pick-cancel",
                "--broker", broker.url(), "--gateway", "cab1", "--user", "his", "--timeout", "5", "--file", "-");
        assertEquals(Exit.NOT_DONE, fromEnv.exit(TIMEOUT));
        assertTrue(!fromEnv.err().contains("env-s3cret") && !fromEnv.out().contains("env-s3cret"), fromEnv.err());
        Path file = Files.writeString(dir.resolve("his.password"), "file-s3cret\n");
        Cli fromFile = Cli.run("send", "pick-cancel", "--broker", "tcp://127.0.0.1:1", "--gateway", "cab1",
                "--user", "his", "--password-file", file.toString());
        assertEquals(Exit.UNAVAILABLE, fromFile.exit(TIMEOUT));
        assertTrue(fromFile.err().contains("cannot connect to tcp://127.0.0.1:1") && !fromFile.err().contains("file-s3cret"),
                fromFile.err());
    }
}
