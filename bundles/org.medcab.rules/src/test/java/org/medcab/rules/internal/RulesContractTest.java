package org.medcab.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.medcab.rules.internal.Fixtures.AMOXICILLIN;
import static org.medcab.rules.internal.Fixtures.EPC_1;
import static org.medcab.rules.internal.Fixtures.EPC_2;
import static org.medcab.rules.internal.Fixtures.EPC_3;
import static org.medcab.rules.internal.Fixtures.EPC_4;
import static org.medcab.rules.internal.Fixtures.INSULIN;
import static org.medcab.rules.internal.Fixtures.PARACETAMOL;
import static org.medcab.rules.internal.Fixtures.cycle;
import static org.medcab.rules.internal.Fixtures.known;
import static org.medcab.rules.internal.Fixtures.unknown;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.HospitalContract;
import org.medcab.hospital.ReplyStatus;
import org.medcab.hospital.UplinkMessage;

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
 * The rules' part of the hospital interface contract against what the code really sends and
 * answers: every message the engine emits in a scenario touching every reason, and every reply of
 * the par-levels command, wrapped in the envelope the link adds, is valid on its channel; broken
 * payloads are refused.
 */
class RulesContractTest {
    private static final String ROOT = "medcab/site1/cabinet1/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig ASSERT_FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> LOADED = new HashMap<>();
    private static JsonNode asyncApi;
    private static long seq;

    @BeforeAll
    static void readContract() throws IOException {
        try (InputStream in = HospitalContract.asyncApi().openStream()) {
            asyncApi = new YAMLMapper().readTree(in);
        }
    }

    /** Everything the engine sends in a scenario that meets every reason kind, the first status of a zone and later ones. */
    static List<UplinkMessage> emitted() throws IOException {
        Path dir = Files.createTempDirectory("rules-contract");
        FakeCatalog catalog = new FakeCatalog().drug(AMOXICILLIN, "Amoxicillin 500 mg").drug(PARACETAMOL, "Paracetamol 500 mg");
        LocalDate today = LocalDate.of(2026, 3, 1);
        catalog.item(EPC_1, AMOXICILLIN, today.minusDays(1))
                .item(EPC_2, AMOXICILLIN, today.plusDays(20))
                .item(EPC_3, INSULIN, today.plusDays(2));
        ParLevels levels = ParLevels.of(List.of(new ParLevel("A1", PARACETAMOL, 4, 1), new ParLevel("A1", INSULIN, 3, 1),
                new ParLevel("B1", AMOXICILLIN, 2, 1)));
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
        RulesEngine engine = new RulesEngine(catalog, clock, new RulesStore(dir), new RuleSettings(30, 5, ZoneOffset.UTC),
                levels, Set.of());
        RecordingUplink his = new RecordingUplink();
        engine.uplinkBound(his);
        engine.cycleCompleted(cycle(known("A1", EPC_1, EPC_2, EPC_3, EPC_4), unknown("A2", EPC_2), known("B1", EPC_2), known("C1")));
        engine.cycleCompleted(cycle(known("A1", EPC_2), known("A2", EPC_2), unknown("B1"), known("C1", EPC_2)));
        return his.sent;
    }

    @Test
    void theScenarioMeetsEveryKindOfMessageAndReason() throws IOException {
        List<UplinkMessage> sent = emitted();
        Set<String> subtopics = sent.stream().map(m -> m.subtopic().replaceFirst("^status/.*", "status/{zone}"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("events/zone-status", "status/{zone}", "events/replenishment"), subtopics);
        Set<String> kinds = new java.util.TreeSet<>();
        for (UplinkMessage m : sent) {
            if (m.body().has("reasons")) {
                m.body().getAsJsonArray("reasons").forEach(r -> kinds.add(r.getAsJsonObject().get("kind").getAsString()));
            }
        }
        assertEquals(Set.of("readers-offline", "unregistered", "expired", "below-par", "expiring"), kinds);
        assertTrue(sent.stream().anyMatch(m -> m.body().has("drug") && m.body().get("drug").isJsonNull()),
                "a replenishment for a drug the catalog does not describe");
    }

    static Stream<Arguments> emittedMessages() throws IOException {
        return emitted().stream().map(m -> arguments(m.subtopic() + " " + m.body().get("condition"), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emittedMessages")
    void emittedMessageIsValidOnItsChannel(String description, UplinkMessage message) {
        JsonNode subscribe = channelOf(ROOT + message.subtopic()).path("subscribe");
        assertEquals(1, subscribe.path("bindings").path("mqtt").path("qos").asInt());
        assertEquals(message.retained(), subscribe.path("bindings").path("mqtt").path("retain").asBoolean());
        String schema = payloadSchema(subscribe.path("message"));
        assertEquals(message.schema(), schemaNode(schema).path("properties").path("schema").path("const").asText());
        assertValid(schema, enveloped(message));
    }

    static Stream<Arguments> brokenMessages() {
        return Stream.of(
                arguments("condition red", "zone-status", "enum /condition",
                        (Consumer<ObjectNode>) j -> j.put("condition", "red")),
                arguments("undocumented field", "zone-status", "unevaluatedProperties /extra",
                        (Consumer<ObjectNode>) j -> j.put("extra", 1)),
                arguments("zone with a slash", "zone-status", "pattern /zone",
                        (Consumer<ObjectNode>) j -> j.put("zone", "A/1")),
                arguments("below par without present", "zone-status", "required /reasons/2/present",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/reasons/2")).remove("present")),
                arguments("unregistered with a gtin", "zone-status", "false /reasons/0/gtin",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/reasons/0")).put("gtin", AMOXICILLIN)),
                arguments("expired without items", "zone-status", "minItems /reasons/1/items",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/reasons/1")).putArray("items")),
                arguments("lower-case EPC", "zone-status", "pattern /reasons/0/items/0",
                        (Consumer<ObjectNode>) j -> ((ArrayNode) j.at("/reasons/0/items")).set(0, EPC_1.toLowerCase())),
                arguments("local date not a date", "zone-status", "format /localDate",
                        (Consumer<ObjectNode>) j -> j.put("localDate", "1 March")),
                arguments("no previous", "zone-status", "required /previous",
                        (Consumer<ObjectNode>) j -> j.remove("previous")),
                arguments("nothing to order", "replenishment", "minimum /suggestedQuantity",
                        (Consumer<ObjectNode>) j -> j.put("suggestedQuantity", 0)),
                arguments("GTIN of 13 digits", "replenishment", "pattern /gtin",
                        (Consumer<ObjectNode>) j -> j.put("gtin", "8061414112345")),
                arguments("no drug field", "replenishment", "required /drug",
                        (Consumer<ObjectNode>) j -> j.remove("drug")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenMessages")
    void brokenMessageIsRefused(String description, String schema, String finding, Consumer<ObjectNode> breakIt) {
        ObjectNode payload = (ObjectNode) example(schema, 0).deepCopy();
        assertTrue(validate(schema, payload).isEmpty(), "the unbroken example must be valid");
        breakIt.accept(payload);
        assertFinding(schema, payload, finding);
    }

    /** No channel of the rules' messages is documented that the rules never use. */
    @Test
    void everyChannelOfTheRulesMessagesIsUsed() throws IOException {
        List<String> topics = new ArrayList<>(emitted().stream().map(m -> ROOT + m.subtopic()).toList());
        topics.add(ROOT + "cmd/" + ParLevelsCommand.NAME);
        topics.add(ROOT + "reply/" + ParLevelsCommand.NAME);
        Set<String> rulesMessages = Set.of("#/components/messages/zoneStatus", "#/components/messages/replenishment",
                "#/components/messages/cmdParLevels", "#/components/messages/replyParLevels");
        int channels = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = asyncApi.path("channels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> channel = it.next();
            JsonNode op = channel.getValue().has("subscribe") ? channel.getValue().path("subscribe") : channel.getValue().path("publish");
            if (rulesMessages.contains(op.path("message").path("$ref").asText())) {
                channels++;
                String regex = channelRegex(channel.getKey());
                assertTrue(topics.stream().anyMatch(t -> t.matches(regex)), channel.getKey() + " is never used");
            }
        }
        assertEquals(5, channels);
    }

    @Test
    void everyExampleOfTheRulesMessagesIsValid() {
        int examples = 0;
        for (String name : List.of("zoneStatus", "replenishment", "cmdParLevels", "replyParLevels")) {
            JsonNode message = asyncApi.path("components").path("messages").path(name);
            String schema = payloadSchema(message);
            for (JsonNode example : message.path("examples")) {
                assertValid(schema, example.path("payload"));
                examples++;
            }
        }
        assertTrue(examples >= 5, "examples: " + examples);
    }

    @Test
    void theCommandChannelIsPublishedByTheHisAndItsReplyByTheGateway() {
        JsonNode cmd = channelOf(ROOT + "cmd/par-levels");
        assertTrue(cmd.path("subscribe").isMissingNode());
        assertEquals("cmd-par-levels", schemaName(payloadSchema(cmd.path("publish").path("message"))));
        JsonNode reply = channelOf(ROOT + "reply/par-levels");
        assertEquals("reply-par-levels", schemaName(payloadSchema(reply.path("subscribe").path("message"))));
        assertNotNull(HospitalContract.commandSchema(ParLevelsCommand.NAME));
        assertNotNull(HospitalContract.replySchema(ParLevelsCommand.NAME));
    }

    /** Every request the handler tests send is one the schema admits, and each broken one it refuses. */
    @Test
    void commandSchemaAdmitsWellFormedRequests() throws IOException {
        for (String request : List.of(
                ParLevelsCommandTest.request("r1", false, ParLevelsCommandTest.row("A1", AMOXICILLIN, 4, 1)),
                ParLevelsCommandTest.request("r2", true),
                "{\"schema\":\"medcab/cmd/par-levels/1\",\"requestId\":\"his:1\",\"correlationId\":\"c\",\"levels\":[]}")) {
            assertValid("cmd-par-levels", JSON.readTree(request));
        }
    }

    static Stream<Arguments> brokenCommands() {
        return Stream.of(
                arguments("no requestId", "required /requestId", (Consumer<ObjectNode>) j -> j.remove("requestId")),
                arguments("no levels", "required /levels", (Consumer<ObjectNode>) j -> j.remove("levels")),
                arguments("another command's schema", "const /schema",
                        (Consumer<ObjectNode>) j -> j.put("schema", "medcab/cmd/catalog/1")),
                arguments("replace as text", "type /replace", (Consumer<ObjectNode>) j -> j.put("replace", "yes")),
                arguments("negative level", "minimum /levels/0/level",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/levels/0")).put("level", -1)),
                arguments("fractional level", "type /levels/0/level",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/levels/0")).put("level", 1.5)),
                arguments("GTIN of 13 digits", "pattern /levels/0/gtin",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/levels/0")).put("gtin", "8061414112345")),
                arguments("zone with a #", "pattern /levels/0/zone",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/levels/0")).put("zone", "A#")),
                arguments("no reorder point", "required /levels/0/reorderPoint",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/levels/0")).remove("reorderPoint")),
                arguments("field unknown in a row", "additionalProperties /levels/0/min",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/levels/0")).put("min", 1)),
                arguments("field unknown in the request", "unevaluatedProperties /zone",
                        (Consumer<ObjectNode>) j -> j.put("zone", "A1")),
                arguments("10001 rows", "maxItems /levels", (Consumer<ObjectNode>) j -> {
                    ArrayNode rows = (ArrayNode) j.get("levels");
                    while (rows.size() <= ParLevelsCommand.MAX_ROWS) {
                        rows.add(rows.get(0).deepCopy());
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCommands")
    void commandSchemaRefusesBrokenRequests(String description, String finding, Consumer<ObjectNode> breakIt) {
        ObjectNode payload = (ObjectNode) example("cmd-par-levels", 0).deepCopy();
        assertTrue(validate("cmd-par-levels", payload).isEmpty());
        breakIt.accept(payload);
        assertFinding("cmd-par-levels", payload, finding);
    }

    /** The handler's real replies, in the reply envelope the link puts round them. */
    @Test
    void repliesOfTheHandlerAreValid() throws Exception {
        Path dir = Files.createTempDirectory("rules-contract");
        ParLevelsCommand command = new ParLevelsCommand(new RulesStore(dir), ParLevels.EMPTY, t -> { });
        CommandReply ok = command.handle(new FakeRequest(ParLevelsCommand.NAME, ParLevelsCommandTest.request("r1", false,
                ParLevelsCommandTest.row("A1", AMOXICILLIN, 4, 1))));
        CommandReply partial = command.handle(new FakeRequest(ParLevelsCommand.NAME, ParLevelsCommandTest.request("r2", false,
                ParLevelsCommandTest.row("A1", "80614141123457", 4, 1), ParLevelsCommandTest.row("A2", AMOXICILLIN, 4, 4))));
        assertEquals(ReplyStatus.OK, ok.status());
        assertEquals(ReplyStatus.PARTIAL, partial.status());
        assertValid("reply-par-levels", reply(ok, null));
        assertValid("reply-par-levels", reply(partial, null));
        assertValid("reply-par-levels", reply(CommandReply.of(ReplyStatus.REJECTED, null), "/levels/1/gtin"));

        ObjectNode withoutCount = reply(ok, null);
        ((ObjectNode) withoutCount.get("result")).remove("tableRows");
        assertFinding("reply-par-levels", withoutCount, "required /result/tableRows");
        ObjectNode extra = reply(partial, null);
        ((ObjectNode) extra.at("/result/rejected/0")).put("gtin", AMOXICILLIN);
        assertFinding("reply-par-levels", extra, "additionalProperties /result/rejected/0/gtin");
    }

    private static ObjectNode reply(CommandReply reply, String errorField) throws IOException {
        ObjectNode json = envelope("medcab/reply/par-levels/1", Instant.parse("2026-03-01T08:00:00.120Z"));
        json.put("command", ParLevelsCommand.NAME);
        json.put("requestId", "r1");
        json.put("correlationId", "r1");
        json.put("status", reply.status().wireName());
        json.put("received", "2026-03-01T08:00:00.100Z");
        json.put("durationMs", 20);
        if (errorField != null) {
            json.putObject("error").put("field", errorField).put("problem", "check digit is wrong");
        }
        json.set("result", JSON.readTree(reply.result().toString()));
        return json;
    }

    /** The message as the link publishes it: envelope first, then the body. */
    private static ObjectNode enveloped(UplinkMessage message) {
        try {
            ObjectNode json = envelope(message.schema(), message.time());
            json.setAll((ObjectNode) JSON.readTree(message.body().toString()));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode envelope(String schema, Instant time) {
        ObjectNode json = JSON.createObjectNode();
        json.put("schema", schema);
        json.put("id", UUID.randomUUID().toString());
        json.put("seq", ++seq);
        json.put("site", "site1");
        json.put("gateway", "cabinet1");
        json.put("time", time.toString());
        return json;
    }

    private static JsonNode example(String schema, int index) {
        for (JsonNode message : (Iterable<JsonNode>) () -> asyncApi.path("components").path("messages").elements()) {
            if (schemaName(payloadSchema(message)).equals(schema)) {
                return message.path("examples").path(index).path("payload");
            }
        }
        throw new AssertionError("no message with schema " + schema);
    }

    private static JsonNode channelOf(String topic) {
        List<String> matching = new ArrayList<>();
        for (Iterator<String> it = asyncApi.path("channels").fieldNames(); it.hasNext(); ) {
            String channel = it.next();
            // cmd/{command} and reply/{command} describe every command's envelope; the command's own channel is the one.
            if (topic.matches(channelRegex(channel)) && !channel.endsWith("/{command}")) {
                matching.add(channel);
            }
        }
        assertEquals(1, matching.size(), "channels for " + topic + ": " + matching);
        return asyncApi.path("channels").path(matching.get(0));
    }

    /** A channel name with its {parameters} as single topic levels. */
    private static String channelRegex(String channel) {
        return Stream.of(channel.split("\\{[^}]+}", -1)).map(Pattern::quote).collect(Collectors.joining("[^/]+"));
    }

    /** The schema name ({@code zone-status}) of a message, following a {@code #/components/...} reference. */
    private static String payloadSchema(JsonNode message) {
        String ref = message.path("$ref").asText();
        JsonNode resolved = ref.isEmpty() ? message : asyncApi.at(ref.substring(1));
        assertEquals("application/json", resolved.path("contentType").asText(), message.toString());
        return schemaName(resolved.path("payload").path("$ref").asText());
    }

    private static String schemaName(String ref) {
        return ref.replaceFirst("^\\./schemas/", "").replaceFirst("\\.json$", "");
    }

    private static JsonNode schemaNode(String name) {
        URL url = HospitalContract.schema(name);
        assertNotNull(url, "no schema " + name);
        try (InputStream in = url.openStream()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<ValidationMessage> validate(String name, JsonNode payload) {
        JsonSchema schema = LOADED.computeIfAbsent(name, n -> {
            schemaNode(n);
            return SCHEMAS.getSchema(SchemaLocation.of(HospitalContract.schema(n).toString()), ASSERT_FORMATS);
        });
        return schema.validate(payload);
    }

    private static void assertValid(String schema, JsonNode payload) {
        Set<ValidationMessage> errors = validate(schema, payload);
        assertTrue(errors.isEmpty(), () -> payload + " is not valid against " + schema + ": " + errors);
    }

    private static void assertFinding(String schema, JsonNode payload, String finding) {
        Set<ValidationMessage> errors = validate(schema, payload);
        assertFalse(errors.isEmpty(), "accepted: " + payload);
        Set<String> findings = errors.stream().map(e -> {
            String at = e.getInstanceLocation().toString();
            return e.getType() + " " + (e.getProperty() == null ? at : at + "/" + e.getProperty());
        }).collect(Collectors.toSet());
        assertTrue(findings.contains(finding), "expected " + finding + ", found " + findings);
    }
}
