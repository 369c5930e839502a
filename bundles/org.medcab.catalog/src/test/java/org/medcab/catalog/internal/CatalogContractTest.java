package org.medcab.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.medcab.catalog.internal.TestCatalogs.EPC_6789;
import static org.medcab.catalog.internal.TestCatalogs.GTIN;
import static org.medcab.catalog.internal.TestCatalogs.TRACE_CODE;
import static org.medcab.catalog.internal.TestCatalogs.array;
import static org.medcab.catalog.internal.TestCatalogs.command;
import static org.medcab.catalog.internal.TestCatalogs.drug;
import static org.medcab.catalog.internal.TestCatalogs.epc;
import static org.medcab.catalog.internal.TestCatalogs.item;
import static org.medcab.catalog.internal.TestCatalogs.request;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.HospitalContract;
import org.medcab.hospital.UplinkMessage;
import org.medcab.inventory.CycleReport;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The catalog's part of the hospital contract: the schemas of cmd/catalog, cmd/items, cmd/receive and
 * their replies, and the alarm. Example commands pass and each kind of bad input fails; the replies and
 * alarms the real code renders are valid; every channel of these commands is in asyncapi.yaml with
 * valid examples.
 */
class CatalogContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // "format" only annotates by default since 2019-09; the contract promises real dates.
    private static final SchemaValidatorsConfig ASSERT_FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final List<String> COMMANDS = List.of("catalog", "items", "receive");

    @TempDir
    Path dir;

    static Stream<Arguments> validCommands() {
        String items = command("items", "items",
                array(item(EPC_6789, GTIN, "A1B2C3", "2027-06-30"), item(TRACE_CODE, GTIN, "L2", "2027-01-31"))).toString();
        return Stream.of(
                arguments("catalog", command("catalog", "drugs", array(drug(GTIN, "Paracetamol"))).toString()),
                arguments("catalog", "{\"schema\":\"medcab/cmd/catalog/1\",\"requestId\":\"r1\",\"correlationId\":\"c\","
                        + "\"drugs\":[{\"gtin\":\"" + GTIN + "\",\"name\":\"Paracetamol\"}]}"),
                arguments("items", items),
                arguments("items", "{\"schema\":\"medcab/cmd/items/1\",\"requestId\":\"r1\",\"items\":[],\"remove\":[\"" + EPC_6789 + "\"]}"),
                arguments("receive", ReceiveCommandTest.receive(ReceiveCommandTest.unit("epc", EPC_6789, ReceiveCommandTest.SCANNED),
                        ReceiveCommandTest.unit("traceCode", TRACE_CODE, "(01)80614141123458(17)270600(10)A")).toString()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validCommands")
    void aValidCommandPasses(String name, String payload) throws IOException {
        assertValid(HospitalContract.commandSchema(name), JSON.readTree(payload));
    }

    static Stream<Arguments> badCommands() {
        String drugs = command("catalog", "drugs", array(drug(GTIN, "Paracetamol"))).toString();
        String items = command("items", "items", array(item(EPC_6789, GTIN, "A1B2C3", "2027-06-30"))).toString();
        String receive = ReceiveCommandTest.receive(ReceiveCommandTest.unit("epc", EPC_6789, ReceiveCommandTest.SCANNED)).toString();
        return Stream.of(
                arguments("catalog", drugs, "no requestId", "required", (Consumer<ObjectNode>) j -> j.remove("requestId")),
                arguments("catalog", drugs, "another command's schema", "const", (Consumer<ObjectNode>) j -> j.put("schema", "medcab/cmd/items/1")),
                arguments("catalog", drugs, "undocumented field", "unevaluatedProperties", (Consumer<ObjectNode>) j -> j.put("force", true)),
                arguments("catalog", drugs, "no drugs", "minItems", (Consumer<ObjectNode>) j -> j.putArray("drugs")),
                arguments("catalog", drugs, "13-digit GTIN", "pattern", (Consumer<ObjectNode>) j -> row(j, "drugs").put("gtin", "8061414112345")),
                arguments("catalog", drugs, "drug without name", "required", (Consumer<ObjectNode>) j -> row(j, "drugs").remove("name")),
                arguments("catalog", drugs, "undocumented drug field", "additionalProperties", (Consumer<ObjectNode>) j -> row(j, "drugs").put("price", 3)),
                arguments("catalog", drugs, "name too long", "maxLength", (Consumer<ObjectNode>) j -> row(j, "drugs").put("name", "n".repeat(201))),
                arguments("catalog", drugs, "10,001 drugs", "maxItems", (Consumer<ObjectNode>) j -> {
                    ArrayNode rows = j.putArray("drugs");
                    for (int i = 0; i <= Rows.MAX_ROWS; i++) {
                        rows.addObject().put("gtin", GTIN).put("name", "x");
                    }
                }),
                arguments("items", items, "lower-case EPC", "pattern", (Consumer<ObjectNode>) j -> row(j, "items").put("code", EPC_6789.toLowerCase())),
                arguments("items", items, "expiry not a date", "format", (Consumer<ObjectNode>) j -> row(j, "items").put("expiry", "30.06.2027")),
                arguments("items", items, "batch too long", "pattern", (Consumer<ObjectNode>) j -> row(j, "items").put("batch", "B".repeat(21))),
                arguments("items", items, "no items list", "required", (Consumer<ObjectNode>) j -> j.remove("items")),
                arguments("items", items, "item without gtin", "required", (Consumer<ObjectNode>) j -> row(j, "items").remove("gtin")),
                arguments("items", items, "a removal twice", "uniqueItems", (Consumer<ObjectNode>) j -> j.putArray("remove").add(EPC_6789).add(EPC_6789)),
                arguments("items", items, "requestId with a space", "pattern", (Consumer<ObjectNode>) j -> j.put("requestId", "a b")),
                arguments("receive", receive, "no station", "required", (Consumer<ObjectNode>) j -> j.remove("station")),
                arguments("receive", receive, "unit with epc and traceCode", "oneOf", (Consumer<ObjectNode>) j -> row(j, "units").put("traceCode", TRACE_CODE)),
                arguments("receive", receive, "unit with neither", "oneOf", (Consumer<ObjectNode>) j -> row(j, "units").remove("epc")),
                arguments("receive", receive, "unit without label", "required", (Consumer<ObjectNode>) j -> row(j, "units").remove("label")),
                arguments("receive", receive, "short trace code", "pattern", (Consumer<ObjectNode>) j -> {
                    row(j, "units").remove("epc");
                    row(j, "units").put("traceCode", "8123");
                }));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("badCommands")
    void aBadCommandFails(String name, String valid, String description, String keyword, Consumer<ObjectNode> breakIt) throws IOException {
        URL schema = HospitalContract.commandSchema(name);
        ObjectNode payload = (ObjectNode) JSON.readTree(valid);
        assertValid(schema, payload);
        breakIt.accept(payload);
        Set<String> types = validate(schema, payload).stream().map(ValidationMessage::getType).collect(Collectors.toSet());
        assertTrue(types.contains(keyword), description + ": expected " + keyword + ", found " + types);
    }

    @Test
    void theRepliesTheHandlersRenderAreValid() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            CommandReply catalog = new DrugsCommand(opened::catalog).handle(request("catalog",
                    command("catalog", "drugs", array(drug(GTIN, "Paracetamol"), drug(TestCatalogs.OTHER_GTIN, "Ibuprofen"),
                            drug("80614141123459", "bad")))));
            assertValidReply("catalog", catalog);
            JsonObject withRemoval = command("items", "items", array(item(EPC_6789, GTIN, "A1B2C3", "2027-06-30"),
                    item(epc(1), "00614141999996", "B", "2027-01-01")));
            JsonArray remove = new JsonArray();
            remove.add(epc(7));
            withRemoval.add("remove", remove);
            assertValidReply("items", new ItemsCommand(opened::catalog).handle(request("items", withRemoval)));
            assertValidReply("receive", new ReceiveCommand(opened::catalog).handle(request("receive", ReceiveCommandTest.receive(
                    ReceiveCommandTest.unit("epc", epc(6789), ReceiveCommandTest.SCANNED),
                    ReceiveCommandTest.unit("epc", epc(2), ReceiveCommandTest.SCANNED)))));

            ObjectNode reply = envelope("catalog", catalog);
            ((ObjectNode) reply.get("result")).put("warnings", 0);
            assertFalse(validate(HospitalContract.replySchema("catalog"), reply).isEmpty(), "undocumented result field accepted");
        }
    }

    @Test
    void theAlarmsTheCodeRendersAreValid() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir);
             UnregisteredItemAlarms alarms = new UnregisteredItemAlarms(opened.store(), opened.catalog(), TestCatalogs.CLOCK)) {
            TestCatalogs.withDrugs(opened.catalog());
            opened.catalog().addListener(alarms);
            UnregisteredItemAlarmsTest.Uplink uplink = new UnregisteredItemAlarmsTest.Uplink();
            alarms.uplinkChanged(uplink);
            alarms.cycleCompleted(new CycleReport(1, TestCatalogs.NOW, Duration.ofSeconds(1), 2, true,
                    List.of(new ZoneInventory("A1", ZoneState.KNOWN, Set.of(epc(1), "E2801160600002054B7C3A1F"), Set.of(), Set.of())),
                    List.of()));
            assertTrue(alarms.awaitIdle(5, TimeUnit.SECONDS));
            new ItemsCommand(opened::catalog).handle(request("items", command("items", "items",
                    array(item(epc(1), GTIN, "B1", "2027-01-01")))));
            assertTrue(alarms.awaitIdle(5, TimeUnit.SECONDS));
            List<UplinkMessage> sent = uplink.take();
            assertEquals(2, sent.size(), sent::toString);
            for (UplinkMessage m : sent) {
                assertValid(HospitalContract.schema("alarm"), envelope(m));
            }
        }
    }

    @Test
    void everyCatalogChannelIsInTheContractWithValidExamples() throws IOException {
        JsonNode asyncApi;
        try (InputStream in = HospitalContract.asyncApi().openStream()) {
            asyncApi = new YAMLMapper().readTree(in);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String name : COMMANDS) {
            expected.put("medcab/{site}/{gateway}/cmd/" + name, "publish:cmd-" + name);
            expected.put("medcab/{site}/{gateway}/reply/" + name, "subscribe:reply-" + name);
        }
        expected.put("medcab/{site}/{gateway}/events/alarm", "subscribe:alarm");
        expected.forEach((channel, operation) -> {
            String[] parts = operation.split(":");
            JsonNode op = asyncApi.path("channels").path(channel).path(parts[0]);
            assertFalse(op.isMissingNode(), channel + " has no " + parts[0] + " operation");
            assertEquals(1, op.path("bindings").path("mqtt").path("qos").asInt(), channel);
            String ref = op.path("message").path("$ref").asText();
            JsonNode message = asyncApi.at(ref.substring(1));
            assertEquals("./schemas/" + parts[1] + ".json", message.path("payload").path("$ref").asText(), channel);
            assertTrue(message.path("examples").size() > 0, channel + " has no example");
            for (JsonNode example : message.path("examples")) {
                assertValid(HospitalContract.schema(parts[1]), example.path("payload"));
            }
        });
    }

    private static ObjectNode row(ObjectNode payload, String list) {
        return (ObjectNode) payload.get(list).get(0);
    }

    /** A reply as the link publishes it: message envelope, reply envelope, the handler's result. */
    private static ObjectNode envelope(String command, CommandReply reply) throws IOException {
        ObjectNode json = head("medcab/reply/" + command + "/1");
        json.put("command", command).put("requestId", "req-" + command).put("correlationId", "req-" + command)
                .put("status", reply.status().wireName()).put("received", TestCatalogs.NOW.toString()).put("durationMs", 12);
        json.set("result", JSON.readTree(reply.result().toString()));
        return json;
    }

    private static ObjectNode envelope(UplinkMessage message) throws IOException {
        ObjectNode json = head(message.schema());
        json.setAll((ObjectNode) JSON.readTree(message.body().toString()));
        return json;
    }

    private static ObjectNode head(String schema) {
        return JSON.createObjectNode().put("schema", schema).put("id", UUID.randomUUID().toString()).put("seq", 7)
                .put("site", "site1").put("gateway", "cabinet1").put("time", TestCatalogs.NOW.toString());
    }

    private static void assertValidReply(String command, CommandReply reply) throws IOException {
        assertValid(HospitalContract.replySchema(command), envelope(command, reply));
    }

    private static Set<ValidationMessage> validate(URL schemaUrl, JsonNode payload) {
        assertNotNull(schemaUrl, "schema missing from the contract");
        JsonSchema schema = SCHEMAS.getSchema(SchemaLocation.of(schemaUrl.toString()), ASSERT_FORMATS);
        return schema.validate(payload);
    }

    private static void assertValid(URL schemaUrl, JsonNode payload) {
        Set<ValidationMessage> errors = validate(schemaUrl, payload);
        assertTrue(errors.isEmpty(), () -> payload + " is not valid against " + schemaUrl + ": " + errors);
    }
}
