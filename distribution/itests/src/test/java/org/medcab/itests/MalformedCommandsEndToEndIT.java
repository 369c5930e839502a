package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.medcab.demo.HospitalData;
import org.medcab.hospital.HospitalContract;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * A few hundred malformed commands sent to the assembled gateway over a real broker, as a faulty or hostile HIS
 * would: bad JSON, every field of real commands missing, of the wrong type or joined by a stranger, cut short,
 * oversized, bad request ids, unknown commands. Each must get exactly one rejection naming the problem, and the
 * catalog, the registered units and the par levels must be what they were: sending the valid commands again
 * afterwards changes nothing.
 */
public class MalformedCommandsEndToEndIT {
    private static final int WAIT_SECONDS = 60;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private ProcessCabinet cabinet;
    private MqttClient raw;

    @Before
    public void startCabinet() throws Exception {
        cabinet = ProcessCabinet.start(temp.getRoot().toPath(), "ward7", "cab-bad-his");
        cabinet.startGateway();
        raw = new MqttClient(cabinet.broker.url(), "bad-his-" + System.nanoTime(), new MemoryPersistence());
        raw.connect();
    }

    @After
    public void stopCabinet() throws Exception {
        if (raw != null && raw.isConnected()) {
            raw.disconnect();
        }
        if (cabinet != null) {
            cabinet.close();
        }
    }

    @Test
    public void everyMalformedCommandIsRefusedWithOneReplyAndChangesNothing() throws Exception {
        HospitalSubscriber his = cabinet.hospital;
        his.await(0, m -> m.topic().equals(cabinet.prefix + "birth"), 60, "birth message");
        HospitalData data = HospitalData.of(HospitalData.tags(java.nio.file.Files.readString(cabinet.scenarioFile)), LocalDate.now());
        JsonObject items = firstRows(data.items(), "items", 20);
        // In this order: units name drugs the catalog must already have.
        Map<String, JsonObject> valid = new LinkedHashMap<>();
        valid.put("catalog", data.catalog());
        valid.put("items", items);
        valid.put("par-levels", data.parLevels());
        for (Map.Entry<String, JsonObject> command : valid.entrySet()) {
            assertEquals("ok", send(command.getKey(), withEnvelope(command.getKey(), command.getValue())).get("status").getAsString());
        }

        List<String[]> cases = new ArrayList<>(); // {command, payload}
        for (Map.Entry<String, JsonObject> command : valid.entrySet()) {
            malformed(command.getKey(), withEnvelope(command.getKey(), command.getValue()), cases);
        }
        JsonObject pick = new JsonObject();
        pick.addProperty("orderId", "PO-BAD");
        pick.addProperty("gtin", data.mainDrug("A2"));
        pick.addProperty("quantity", 1);
        malformed("pick", withEnvelope("pick", pick), cases);
        for (String unknown : List.of("dispense-now", "CATALOG", "catalog2", "x")) {
            cases.add(new String[] {unknown, withEnvelope(unknown, new JsonObject()).toString()});
        }
        assertTrue("a few hundred cases: " + cases.size(), cases.size() >= 200);

        int rejected = 0;
        for (String[] c : cases) {
            JsonObject reply = send(c[0], c[1]);
            assertEquals(c[0] + " " + c[1] + " -> " + reply, "rejected", reply.get("status").getAsString());
            JsonObject error = reply.getAsJsonObject("error");
            assertFalse(c[1] + ": error without a problem", error.get("problem").getAsString().isBlank());
            rejected++;
        }
        assertEquals(cases.size(), rejected);
        // No second reply to anything sent: one reply each, nothing left over.
        Thread.sleep(1000);
        long replies = his.snapshot().stream().filter(m -> m.topic().startsWith(cabinet.prefix + "reply/")).count();
        assertEquals(valid.size() + cases.size(), replies);

        // The same valid commands again: nothing to apply, every row unchanged.
        JsonObject catalogAgain = send("catalog", withEnvelope("catalog", data.catalog())).getAsJsonObject("result");
        assertEquals(0, catalogAgain.get("applied").getAsInt());
        assertEquals(data.catalog().getAsJsonArray("drugs").size(), catalogAgain.get("unchanged").getAsInt());
        JsonObject itemsAgain = send("items", withEnvelope("items", items)).getAsJsonObject("result");
        assertEquals(0, itemsAgain.get("applied").getAsInt());
        assertEquals(items.getAsJsonArray("items").size(), itemsAgain.get("unchanged").getAsInt());
        JsonObject levelsAgain = send("par-levels", withEnvelope("par-levels", data.parLevels())).getAsJsonObject("result");
        assertEquals(data.parLevels().getAsJsonArray("levels").size(), levelsAgain.get("tableRows").getAsInt());
    }

    /** Every way a field of {@code good} can be broken, plus broken JSON, request ids and sizes. */
    private static void malformed(String command, JsonObject good, List<String[]> cases) throws Exception {
        Set<String> required = required(command);
        for (String field : good.keySet()) {
            if (required.contains(field)) {
                JsonObject missing = fresh(good);
                missing.remove(field);
                cases.add(new String[] {command, missing.toString()});
            }
            for (JsonElement wrong : wrongTypes(good.get(field))) {
                JsonObject typed = fresh(good);
                typed.add(field, wrong);
                cases.add(new String[] {command, typed.toString()});
            }
            JsonElement value = good.get(field);
            if (value.isJsonArray() && value.getAsJsonArray().size() > 0 && value.getAsJsonArray().get(0).isJsonObject()) {
                JsonObject row = value.getAsJsonArray().get(0).getAsJsonObject();
                for (String rowField : row.keySet()) {
                    for (JsonElement wrong : wrongTypes(row.get(rowField))) {
                        JsonObject broken = fresh(good);
                        broken.getAsJsonArray(field).get(0).getAsJsonObject().add(rowField, wrong);
                        cases.add(new String[] {command, broken.toString()});
                    }
                }
                JsonObject extraInRow = fresh(good);
                extraInRow.getAsJsonArray(field).get(0).getAsJsonObject().addProperty("dosage", "double");
                cases.add(new String[] {command, extraInRow.toString()});
            }
        }
        JsonObject extra = fresh(good);
        extra.addProperty("unexpected", true);
        cases.add(new String[] {command, extra.toString()});
        for (String badId : List.of("", "has space", "x".repeat(65), "semi;colon")) {
            JsonObject id = fresh(good);
            id.addProperty("requestId", badId);
            cases.add(new String[] {command, id.toString()});
        }
        JsonObject wrongSchema = fresh(good);
        wrongSchema.addProperty("schema", "medcab/cmd/other/1");
        cases.add(new String[] {command, wrongSchema.toString()});
        String text = fresh(good).toString();
        for (int cut = 1; cut < text.length(); cut += Math.max(1, text.length() / 12)) {
            cases.add(new String[] {command, text.substring(0, cut)});
        }
        cases.add(new String[] {command, text + " trailing"});
        cases.add(new String[] {command, "[" + text + "]"});
        cases.add(new String[] {command, "{\"requestId\":\"dup\",\"requestId\":\"dup2\"}"});
        cases.add(new String[] {command, "{\"schema\":\"medcab/cmd/" + command + "/1\",\"requestId\":\"" + UUID.randomUUID()
                + "\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}"});
    }

    /** The fields the command's schema requires, the envelope's {@code schema} and {@code requestId} among them. */
    private static Set<String> required(String command) throws Exception {
        Set<String> required = new HashSet<>(Set.of("schema", "requestId"));
        try (InputStream in = HospitalContract.commandSchema(command).openStream()) {
            JsonObject schema = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
            if (schema.has("required")) {
                schema.getAsJsonArray("required").forEach(f -> required.add(f.getAsString()));
            }
        }
        return required;
    }

    /** The same fields with a fresh request id, so each case is a request of its own. */
    private static JsonObject fresh(JsonObject good) {
        JsonObject copy = good.deepCopy();
        copy.addProperty("requestId", UUID.randomUUID().toString());
        return copy;
    }

    private static List<JsonElement> wrongTypes(JsonElement value) {
        List<JsonElement> wrong = new ArrayList<>();
        if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber())) {
            wrong.add(new JsonPrimitive(-1));
        }
        if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isString())) {
            wrong.add(new JsonPrimitive("text"));
        }
        if (!value.isJsonArray()) {
            wrong.add(new JsonArray());
        }
        wrong.add(com.google.gson.JsonNull.INSTANCE);
        return wrong;
    }

    private static JsonObject firstRows(JsonObject body, String field, int rows) {
        JsonObject copy = new JsonObject();
        JsonArray all = body.getAsJsonArray(field);
        JsonArray some = new JsonArray();
        for (int i = 0; i < Math.min(rows, all.size()); i++) {
            some.add(all.get(i));
        }
        copy.add(field, some);
        return copy;
    }

    private static JsonObject withEnvelope(String command, JsonObject fields) {
        return HospitalSubscriber.commandPayload(command, fields, UUID.randomUUID().toString());
    }

    private JsonObject send(String command, JsonObject payload) throws Exception {
        return send(command, payload.toString());
    }

    /** Publishes the bytes as they are and waits for the next reply. */
    private JsonObject send(String command, String payload) throws Exception {
        int mark = cabinet.hospital.size();
        raw.publish(cabinet.prefix + "cmd/" + command, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        return cabinet.hospital.await(mark, m -> m.topic().startsWith(cabinet.prefix + "reply/"), WAIT_SECONDS,
                "reply to cmd/" + command + " " + (payload.length() > 200 ? payload.substring(0, 200) + "..." : payload)).json();
    }
}
