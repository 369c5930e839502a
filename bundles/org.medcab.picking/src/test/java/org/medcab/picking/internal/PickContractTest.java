package org.medcab.picking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.medcab.picking.internal.Bench.IBUPROFEN;
import static org.medcab.picking.internal.Bench.PARACETAMOL;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonObject;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.HospitalContract;
import org.medcab.hospital.ReplyStatus;

/**
 * The pick commands, their replies and the wrong-item alarm against the contract in
 * {@code org.medcab.hospital}: valid commands pass and each kind of bad one fails with the finding
 * expected; every reply and alarm the engine really produces, put in the envelope the link adds,
 * is valid; and the AsyncAPI document names a channel for each.
 */
class PickContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig ASSERT_FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> LOADED = new HashMap<>();
    private static final String E1 = "3074257BF7194E4000001A01";
    private static final String E2 = "3074257BF7194E4000001A02";
    private static final String E3 = "3074257BF7194E4000001A03";
    private static long seq;

    @TempDir
    Path dir;

    static Stream<Arguments> badPicks() {
        return Stream.of(
                arguments("no orderId", "required /orderId", (Consumer<ObjectNode>) j -> j.remove("orderId")),
                arguments("no requestId", "required /requestId", (Consumer<ObjectNode>) j -> j.remove("requestId")),
                arguments("no quantity", "required /quantity", (Consumer<ObjectNode>) j -> j.remove("quantity")),
                arguments("quantity 0", "minimum /quantity", (Consumer<ObjectNode>) j -> j.put("quantity", 0)),
                arguments("quantity 101", "maximum /quantity", (Consumer<ObjectNode>) j -> j.put("quantity", 101)),
                arguments("quantity as text", "type /quantity", (Consumer<ObjectNode>) j -> j.put("quantity", "2")),
                arguments("quantity 1.5", "type /quantity", (Consumer<ObjectNode>) j -> j.put("quantity", 1.5)),
                arguments("GTIN-13", "pattern /gtin", (Consumer<ObjectNode>) j -> j.put("gtin", "9501101530003")),
                arguments("orderId with a space", "pattern /orderId", (Consumer<ObjectNode>) j -> j.put("orderId", "O 1")),
                arguments("orderId too long", "pattern /orderId",
                        (Consumer<ObjectNode>) j -> j.put("orderId", "O".repeat(65))),
                arguments("timeout 0", "minimum /timeoutSeconds", (Consumer<ObjectNode>) j -> j.put("timeoutSeconds", 0)),
                arguments("timeout over a day", "maximum /timeoutSeconds",
                        (Consumer<ObjectNode>) j -> j.put("timeoutSeconds", 86401)),
                arguments("request id with a slash", "pattern /requestId",
                        (Consumer<ObjectNode>) j -> j.put("requestId", "a/b")),
                arguments("another command's schema", "const /schema",
                        (Consumer<ObjectNode>) j -> j.put("schema", "medcab/cmd/pick-cancel/1")),
                arguments("undocumented field", "unevaluatedProperties /zone", (Consumer<ObjectNode>) j -> j.put("zone", "A1")));
    }

    private static ObjectNode pickCommand() {
        ObjectNode json = JSON.createObjectNode();
        json.put("schema", "medcab/cmd/pick/1");
        json.put("requestId", "his-42");
        json.put("correlationId", "ward-7/round-3");
        json.put("orderId", "PO-2026-0001");
        json.put("gtin", PARACETAMOL);
        json.put("quantity", 2);
        json.put("timeoutSeconds", 300);
        return json;
    }

    @Test
    void validPickCommandsPass() {
        assertValid("cmd-pick", pickCommand());
        ObjectNode minimal = pickCommand();
        minimal.remove("correlationId");
        minimal.remove("timeoutSeconds");
        assertValid("cmd-pick", minimal);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPicks")
    void badPickCommandsFail(String description, String finding, Consumer<ObjectNode> breakIt) {
        ObjectNode command = pickCommand();
        breakIt.accept(command);
        assertFinding("cmd-pick", command, finding);
    }

    @Test
    void pickCancelCommands() {
        ObjectNode cancel = JSON.createObjectNode();
        cancel.put("schema", "medcab/cmd/pick-cancel/1");
        cancel.put("requestId", "his-43");
        cancel.put("orderId", "PO-2026-0001");
        assertValid("cmd-pick-cancel", cancel);

        assertFinding("cmd-pick-cancel", cancel.deepCopy().put("quantity", 1), "unevaluatedProperties /quantity");
        ObjectNode noOrder = cancel.deepCopy();
        noOrder.remove("orderId");
        assertFinding("cmd-pick-cancel", noOrder, "required /orderId");
        assertFinding("cmd-pick-cancel", cancel.deepCopy().put("orderId", ""), "pattern /orderId");
    }

    @Test
    void everyReplyAndAlarmTheEngineProducesIsValid() throws Exception {
        Bench bench = new Bench(dir, "A1", "A2");
        bench.put("A1", E1, PARACETAMOL, "L1", "2027-01-31");
        bench.put("A1", E2, IBUPROFEN, "X1", "2027-02-28");
        bench.put("A2", E3, PARACETAMOL, "L2", "2027-03-31");
        bench.cycle();

        CommandReply accepted = bench.engine.pick(new PickOrder("O1", PARACETAMOL, 2, null),
                new PickOrigin("r1", "r1")).reply();
        assertValid("reply-pick", reply("pick", accepted));
        bench.take("A1", E2); // wrong item
        bench.take("A1", E1);
        bench.cycle();
        CommandReply cancelled = bench.engine.cancel("O1");
        assertValid("reply-pick-cancel", reply("pick-cancel", cancelled));

        bench.engine.pick(new PickOrder("O2", PARACETAMOL, 1, 30), new PickOrigin("r2", "r2"));
        bench.clock.advance(Duration.ofSeconds(30));
        bench.engine.tick();
        bench.zones.get("A1").add(E1); // back on the shelf
        bench.cycle();
        bench.engine.pick(new PickOrder("O3", PARACETAMOL, 1, null), new PickOrigin("r3", "r3"));
        bench.take("A1", E1);
        bench.cycle();

        List<ReplyStatus> outcomes = bench.followUps.stream().map(f -> f.reply().status()).toList();
        assertEquals(List.of(ReplyStatus.CANCELLED, ReplyStatus.TIMED_OUT, ReplyStatus.OK), outcomes);
        for (Bench.FollowUp followUp : bench.followUps) {
            assertValid("reply-pick", reply("pick", followUp.reply()));
        }
        assertEquals(List.of("raised", "cleared"),
                bench.alarms.stream().map(a -> a.body().get("state").getAsString()).toList());
        for (Bench.Alarm alarm : bench.alarms) {
            ObjectNode message = envelope("medcab/alarm/1");
            message.setAll((ObjectNode) JSON.readTree(alarm.body().toString()));
            assertValid("alarm", message);
        }

        CommandRejectedException rejected = assertThrows(CommandRejectedException.class,
                () -> bench.engine.pick(new PickOrder("O4", PARACETAMOL, 5, null), new PickOrigin("r4", "r4")));
        ObjectNode refusal = reply("pick", CommandReply.of(ReplyStatus.REJECTED, new JsonObject()));
        refusal.putObject("error").put("field", rejected.field()).put("problem", rejected.problem());
        assertValid("reply-pick", refusal);
    }

    @Test
    void replySchemasRefuseWhatTheHisCouldNotRelyOn() throws Exception {
        Bench bench = new Bench(dir, "A1");
        bench.put("A1", E1, PARACETAMOL, "L1", "2027-01-31");
        bench.cycle();
        ObjectNode accepted = reply("pick", bench.engine.pick(new PickOrder("O1", PARACETAMOL, 1, null),
                new PickOrigin("r1", "r1")).reply());
        bench.take("A1", E1);
        bench.cycle();
        ObjectNode ok = reply("pick", bench.followUps.get(0).reply());

        ObjectNode noZones = accepted.deepCopy();
        ((ObjectNode) noZones.get("result")).remove("zones");
        assertFinding("reply-pick", noZones, "required /result/zones");
        ObjectNode noItems = ok.deepCopy();
        ((ObjectNode) noItems.get("result")).remove("items");
        assertFinding("reply-pick", noItems, "required /result/items");
        ObjectNode unsaid = ok.deepCopy();
        ((ObjectNode) unsaid.at("/result/items/0")).remove("suggested");
        assertFinding("reply-pick", unsaid, "required /result/items/0/suggested");
        assertFinding("reply-pick", ok.deepCopy().put("status", "partial"), "enum /status");
        ObjectNode rejectedWithoutError = ok.deepCopy().put("status", "rejected");
        assertFinding("reply-pick", rejectedWithoutError, "required /error");
        ObjectNode extra = ok.deepCopy();
        ((ObjectNode) extra.get("result")).put("note", "x");
        assertFinding("reply-pick", extra, "additionalProperties /result/note");
    }

    @Test
    void theAsyncApiDocumentHasAChannelForEachPickMessage() throws IOException {
        JsonNode asyncApi;
        try (InputStream in = HospitalContract.asyncApi().openStream()) {
            asyncApi = new YAMLMapper().readTree(in);
        }
        Map<String, String> expected = Map.of(
                "medcab/{site}/{gateway}/cmd/pick", "publish ./schemas/cmd-pick.json",
                "medcab/{site}/{gateway}/cmd/pick-cancel", "publish ./schemas/cmd-pick-cancel.json",
                "medcab/{site}/{gateway}/reply/pick", "subscribe ./schemas/reply-pick.json",
                "medcab/{site}/{gateway}/reply/pick-cancel", "subscribe ./schemas/reply-pick-cancel.json",
                "medcab/{site}/{gateway}/events/alarm", "subscribe ./schemas/alarm.json");
        int examples = 0;
        for (Map.Entry<String, String> channel : expected.entrySet()) {
            String operation = channel.getValue().split(" ")[0];
            JsonNode message = asyncApi.path("channels").path(channel.getKey()).path(operation).path("message");
            assertFalse(message.isMissingNode(), channel.getKey() + " has no " + operation + " message");
            if (message.has("$ref")) {
                message = asyncApi.at(message.get("$ref").asText().substring(1));
            }
            String ref = message.path("payload").path("$ref").asText();
            assertEquals(channel.getValue().split(" ")[1], ref, channel.getKey());
            String schema = ref.replace("./schemas/", "").replace(".json", "");
            for (JsonNode example : message.path("examples")) {
                assertValid(schema, example.path("payload"));
                examples++;
            }
        }
        assertTrue(examples >= expected.size(), "every pick message has an example, found " + examples);
    }

    /** The reply as the link publishes it: the envelope, the reply fields, the handler's result. */
    private static ObjectNode reply(String command, CommandReply reply) throws IOException {
        ObjectNode json = envelope("medcab/reply/" + command + "/1");
        json.put("command", command);
        json.put("requestId", "his-42");
        json.put("correlationId", "his-42");
        json.put("status", reply.status().wireName());
        json.put("received", "2026-12-01T08:00:00Z");
        json.put("durationMs", 12);
        json.set("result", JSON.readTree(reply.result().toString()));
        return json;
    }

    private static ObjectNode envelope(String schema) {
        ObjectNode json = JSON.createObjectNode();
        json.put("schema", schema);
        json.put("id", UUID.randomUUID().toString());
        json.put("seq", ++seq);
        json.put("site", "site1");
        json.put("gateway", "cabinet1");
        json.put("time", "2026-12-01T08:00:01Z");
        return json;
    }

    private static Set<ValidationMessage> validate(String name, JsonNode payload) {
        JsonSchema schema = LOADED.computeIfAbsent(name, n -> {
            URL url = HospitalContract.schema(n);
            assertNotNull(url, "contract/schemas/" + n + ".json is not in the hospital bundle");
            return SCHEMAS.getSchema(SchemaLocation.of(url.toString()), ASSERT_FORMATS);
        });
        return schema.validate(payload);
    }

    private static void assertValid(String schema, JsonNode payload) {
        Set<ValidationMessage> errors = validate(schema, payload);
        assertTrue(errors.isEmpty(), () -> payload + " is not valid against " + schema + ": " + errors);
    }

    private static void assertFinding(String schema, JsonNode payload, String finding) {
        Set<String> findings = validate(schema, payload).stream()
                .map(e -> e.getType() + " " + (e.getProperty() == null ? e.getInstanceLocation().toString()
                        : e.getInstanceLocation() + "/" + e.getProperty()))
                .collect(Collectors.toSet());
        assertTrue(findings.contains(finding), payload + ": expected " + finding + ", found " + findings);
    }
}
