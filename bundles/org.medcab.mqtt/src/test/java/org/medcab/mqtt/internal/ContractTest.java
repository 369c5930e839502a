package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.medcab.mqtt.internal.Cycles.EPC_1;
import static org.medcab.mqtt.internal.Cycles.EPC_2;
import static org.medcab.mqtt.internal.Cycles.EPC_3;
import static org.medcab.mqtt.internal.Cycles.T0;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medcab.api.ReaderHealth;
import org.medcab.api.ZoneState;

/**
 * The hospital interface contract ({@code contract/asyncapi.yaml} and {@code contract/schemas/}) against
 * what the code really emits: every kind of message is rendered by {@link MessageJson#encode}, routed
 * to the channel its topic falls in, and validated against that channel's schema. A new message kind,
 * a changed field or a renamed topic that is not also written into the contract fails here.
 */
class ContractTest {
    private static final String SITE = "site1";
    private static final String GATEWAY = "cabinet1";
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // Since draft 2019-09 "format" only annotates by default; the contract promises a uuid id and date-time times.
    private static final SchemaValidatorsConfig ASSERT_FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<URI, JsonSchema> LOADED = new HashMap<>();

    private static URI contract;
    private static JsonNode asyncApi;
    private static String topicRoot;
    private static long seq;

    @BeforeAll
    static void readContract() throws IOException, URISyntaxException {
        URL url = ContractTest.class.getClassLoader().getResource("contract/asyncapi.yaml");
        assertNotNull(url, "contract/asyncapi.yaml is not a resource of the bundle");
        contract = url.toURI();
        try (InputStream in = url.openStream()) {
            asyncApi = new YAMLMapper().readTree(in);
        }
        // The topic root as the link builds it, with the default prefix the contract's channels show.
        topicRoot = LinkSettings.builder("tcp://localhost:1883", SITE, GATEWAY).build().topicRoot();
    }

    /** Every kind of message, with the edge cases an HIS will meet. */
    static Stream<Arguments> emitted() {
        ReaderHealth answering = new ReaderHealth("r1", "bus1", 1, true, 1200, 0, 2, T0.minusMillis(300));
        ReaderHealth neverSeen = new ReaderHealth("r2", "bus2", 254, false, 0, 9, 0, null);
        ReaderHealth wentQuiet = new ReaderHealth("r3", "bus1", 0, false, 800, 4, 1, T0.minusSeconds(90));
        List<BundleVersion> bundles = List.of(new BundleVersion("org.medcab.mqtt", "0.1.0"),
                new BundleVersion("org.apache.felix.scr", "2.2.18"));
        return Stream.of(
                arguments("birth with readers", new BirthMessage(T0, bundles, List.of(answering, neverSeen, wentQuiet), Cycles.FIGURES)),
                arguments("birth with no readers (before the first cycle)", new BirthMessage(T0, bundles, List.of(), Cycles.FIGURES)),
                arguments("birth with no bundles", new BirthMessage(T0, List.of(), List.of(answering), Cycles.FIGURES)),
                arguments("death", new DeathMessage(T0)),
                arguments("health, connected", new HealthMessage(T0, T0.minusSeconds(3600), Cycles.FIGURES)),
                arguments("health, offline with an empty outbox", new HealthMessage(T0, null, Cycles.EMPTY)),
                arguments("health, over the bound", new HealthMessage(T0, null, new DurableOutbox.Figures(
                        Cycles.FIGURES.messages(), 1L << 40, Duration.ofDays(3), 0, 0, true, 1, 1))),
                arguments("known zone", new ZoneSnapshot(1, T0.plusMillis(1500),
                        Cycles.known("A1", Set.of(EPC_1, EPC_3), Set.of(EPC_1, EPC_3), Set.of()))),
                arguments("known empty zone", new ZoneSnapshot(2, T0,
                        Cycles.known("A1", Set.of(), Set.of(), Set.of(EPC_1, EPC_3)))),
                arguments("unknown zone with last known items", new ZoneSnapshot(3, T0, Cycles.unknown("B2", Set.of(EPC_2)))),
                arguments("unknown zone never read", new ZoneSnapshot(1, T0, Cycles.unknown("B3", Set.of()))),
                arguments("inventory event", new InventoryEvent(12, T0, 1500, 3, true, List.of(
                        InventoryEvent.ZoneChange.of(Cycles.known("A1", Set.of(EPC_1, EPC_3), Set.of(EPC_3), Set.of(EPC_2))),
                        InventoryEvent.ZoneChange.of(Cycles.known("A2", Set.of(), Set.of(), Set.of())),
                        InventoryEvent.ZoneChange.of(Cycles.unknown("B2", Set.of(EPC_2)))))),
                arguments("inventory event of a cycle that hit its time limit with every zone unknown",
                        new InventoryEvent(1, T0, 60000, 0, false, List.of(
                                new InventoryEvent.ZoneChange("A1", ZoneState.UNKNOWN, 0, Set.of(), Set.of())))),
                arguments("inventory event with no publishable zone", new InventoryEvent(5, T0, 0, 1, true, List.of())),
                arguments("reader online", new ReaderEvent(T0, answering)),
                arguments("reader never seen (lastSeen null)", new ReaderEvent(T0, neverSeen)),
                arguments("reader went quiet", new ReaderEvent(T0, wentQuiet)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emitted")
    void emittedMessageIsOnItsChannelAndValidAgainstItsSchema(String description, Message message) {
        String topic = topicRoot + "/" + message.subtopic();
        JsonNode channel = channelOf(topic);
        JsonNode subscribe = channel.path("subscribe");
        assertEquals(1, subscribe.path("bindings").path("mqtt").path("qos").asInt(), topic + ": QoS");
        assertEquals(message.retained(), subscribe.path("bindings").path("mqtt").path("retain").asBoolean(),
                topic + ": retained");

        URI schemaUri = payloadSchema(subscribe.path("message"));
        assertEquals(message.schema(), schemaNode(schemaUri).path("properties").path("schema").path("const").asText(),
                schemaUri + " is not the schema of " + message.schema());
        JsonNode payload = render(message);
        assertValid(schemaUri, payload);
    }

    @Test
    void everyKindOfMessageIsRenderedAbove() {
        // Message is sealed: a new kind must be added to emitted(), and then needs a channel and a schema.
        Set<Class<?>> covered = emitted().map(a -> a.get()[1].getClass()).collect(Collectors.toSet());
        assertEquals(Set.of(Message.class.getPermittedSubclasses()), covered);
    }

    /**
     * Channels of the link's own messages only: the other bundles publish through HospitalUplink and
     * test their channels in their own modules; commands are published by the HIS.
     */
    @Test
    void everyChannelIsOneTheCodePublishesOn() {
        Set<String> topics = emitted().map(a -> topicRoot + "/" + ((Message) a.get()[1]).subtopic())
                .collect(Collectors.toSet());
        Set<String> linkSchemas = emitted().map(a -> ((Message) a.get()[1]).schema()).collect(Collectors.toSet());
        for (String channel : subscribedChannels()) {
            if (messagesOf(channel).stream().noneMatch(m -> linkSchemas.contains(schemaConst(m)))) {
                continue;
            }
            Pattern pattern = channelPattern(channel);
            assertTrue(topics.stream().anyMatch(t -> pattern.matcher(t).matches()),
                    "channel " + channel + " is documented but no message is published on it");
        }
    }

    @Test
    void everyPayloadRefIsADraft202012SchemaFile() {
        List<String> channels = channelNames();
        assertFalse(channels.isEmpty(), "no channel in asyncapi.yaml");
        for (String channel : channels) {
            for (JsonNode message : messagesOf(channel)) {
                String ref = message.path("payload").path("$ref").asText();
                assertTrue(ref.startsWith("./schemas/") && ref.endsWith(".json"), channel + ": payload $ref " + ref);
                JsonNode schema = schemaNode(inContract(ref));
                assertEquals(DRAFT_2020_12, schema.path("$schema").asText(), ref);
                // Replies build on the reply envelope (itself on the message envelope), commands on the command
                // envelope; the generic cmd/{command} channel shows the command envelope itself.
                Set<String> envelopes = Set.of("envelope.json", "reply-envelope.json", "command-envelope.json");
                assertTrue(envelopes.contains(ref.substring("./schemas/".length()))
                        || envelopes.contains(schema.path("allOf").path(0).path("$ref").asText()), ref + " does not build on an envelope");
            }
        }
    }

    @Test
    void lastWillIsTheDeathChannelNotRetained() {
        JsonNode servers = asyncApi.path("servers");
        assertTrue(servers.size() > 0, "no server");
        for (JsonNode server : (Iterable<JsonNode>) servers::elements) {
            assertEquals("3.1.1", server.path("protocolVersion").asText());
            JsonNode will = server.path("bindings").path("mqtt").path("lastWill");
            String willTopic = will.path("topic").asText();
            assertTrue(channelNames().contains(willTopic), "last will topic " + willTopic + " is not a channel");
            assertTrue(channelPattern(willTopic).matcher(topicRoot + "/" + new DeathMessage(T0).subtopic()).matches());
            assertEquals(1, will.path("qos").asInt());
            assertFalse(will.path("retain").asBoolean(true));
        }
    }

    @Test
    void examplesInTheContractAreValid() {
        int examples = 0;
        for (String channel : channelNames()) {
            for (JsonNode message : messagesOf(channel)) {
                URI schemaUri = payloadSchema(message);
                for (JsonNode example : message.path("examples")) {
                    assertValid(schemaUri, example.path("payload"));
                    examples++;
                }
            }
        }
        assertTrue(examples >= channelNames().size(), "every message has an example, found " + examples);
    }

    /** Payloads the schemas must refuse, each a real rendered payload with one thing broken, and the finding expected. */
    static Stream<Arguments> broken() {
        ZoneSnapshot snapshot = new ZoneSnapshot(1, T0, Cycles.known("A1", Set.of(EPC_1), Set.of(EPC_1), Set.of()));
        InventoryEvent event = new InventoryEvent(1, T0, 10, 1, true,
                List.of(InventoryEvent.ZoneChange.of(Cycles.known("A1", Set.of(EPC_1), Set.of(EPC_1), Set.of()))));
        ReaderEvent reader = new ReaderEvent(T0, new ReaderHealth("r1", "bus1", 1, false, 0, 1, 0, null));
        BirthMessage birth = new BirthMessage(T0, List.of(new BundleVersion("b", "1")),
                List.of(new ReaderHealth("r1", "bus1", 1, true, 1, 0, 0, T0)), Cycles.FIGURES);
        HealthMessage health = new HealthMessage(T0, T0.minusSeconds(60), Cycles.FIGURES);
        return Stream.of(
                arguments("no seq", new DeathMessage(T0), "required /seq", (Consumer<ObjectNode>) j -> j.remove("seq")),
                arguments("seq 0", snapshot, "minimum /seq", (Consumer<ObjectNode>) j -> j.put("seq", 0)),
                arguments("state empty", snapshot, "enum /state", (Consumer<ObjectNode>) j -> j.put("state", "empty")),
                arguments("lower-case EPC", snapshot, "pattern /items/0",
                        (Consumer<ObjectNode>) j -> ((ArrayNode) j.get("items")).set(0, EPC_1.toLowerCase())),
                arguments("lower-case EPC added", event, "pattern /zones/0/added/0",
                        (Consumer<ObjectNode>) j -> ((ArrayNode) j.at("/zones/0/added")).set(0, EPC_1.toLowerCase())),
                arguments("zone state empty in an event", event, "enum /zones/0/state",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/zones/0")).put("state", "empty")),
                arguments("EPC twice", snapshot, "uniqueItems /items",
                        (Consumer<ObjectNode>) j -> ((ArrayNode) j.get("items")).add(EPC_1)),
                arguments("id not a UUID", reader, "format /id", (Consumer<ObjectNode>) j -> j.put("id", "42")),
                arguments("time not an instant", reader, "format /time", (Consumer<ObjectNode>) j -> j.put("time", "yesterday")),
                arguments("lastSeen missing", reader, "required /lastSeen", (Consumer<ObjectNode>) j -> j.remove("lastSeen")),
                arguments("schema of another message", snapshot, "const /schema",
                        (Consumer<ObjectNode>) j -> j.put("schema", BirthMessage.SCHEMA)),
                arguments("undocumented field", snapshot, "unevaluatedProperties /extra", (Consumer<ObjectNode>) j -> j.put("extra", 1)),
                arguments("undocumented reader field", birth, "additionalProperties /readers/0/rssi",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.at("/readers/0")).put("rssi", -60)),
                arguments("zone id with a slash", snapshot, "pattern /zone", (Consumer<ObjectNode>) j -> j.put("zone", "A/1")),
                arguments("birth without outbox figures", birth, "required /outbox",
                        (Consumer<ObjectNode>) j -> j.remove("outbox")),
                arguments("negative queue depth", health, "minimum /outbox/record",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.get("outbox")).put("record", -1)),
                arguments("outbox age as text", health, "type /outbox/oldestAgeMs",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.get("outbox")).put("oldestAgeMs", "90 s")),
                arguments("undocumented outbox figure", health, "additionalProperties /outbox/inFlight",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.get("outbox")).put("inFlight", 3)),
                arguments("connection without uptime", health, "required /connection/uptimeSeconds",
                        (Consumer<ObjectNode>) j -> ((ObjectNode) j.get("connection")).remove("uptimeSeconds")),
                arguments("health without connection", health, "required /connection",
                        (Consumer<ObjectNode>) j -> j.remove("connection")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void schemaRefusesABrokenPayload(String description, Message message, String finding, Consumer<ObjectNode> breakIt) {
        URI schemaUri = payloadSchema(channelOf(topicRoot + "/" + message.subtopic()).path("subscribe").path("message"));
        ObjectNode payload = (ObjectNode) render(message);
        assertTrue(validate(schemaUri, payload).isEmpty(), "the unbroken payload must be valid");
        breakIt.accept(payload);
        Set<ValidationMessage> errors = validate(schemaUri, payload);
        assertFalse(errors.isEmpty(), description + " accepted: " + payload);
        Set<String> findings = errors.stream().map(ContractTest::finding).collect(Collectors.toSet());
        assertTrue(findings.contains(finding), description + ": expected " + finding + ", found " + findings);
    }

    /** The keyword that failed and where, e.g. "pattern /items/0" or "required /seq". */
    private static String finding(ValidationMessage error) {
        String at = error.getInstanceLocation().toString();
        return error.getType() + " " + (error.getProperty() == null ? at : at + "/" + error.getProperty());
    }

    private static JsonNode render(Message message) {
        try {
            return JSON.readTree(MessageJson.encode(message, UUID.randomUUID(), ++seq, SITE, GATEWAY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> channelNames() {
        List<String> names = new ArrayList<>();
        asyncApi.path("channels").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The channels the gateway publishes on (a {@code subscribe} operation, seen from the HIS). */
    private static List<String> subscribedChannels() {
        return channelNames().stream().filter(c -> asyncApi.path("channels").path(c).has("subscribe")).toList();
    }

    /** The messages of a channel's operation, resolved; several when it lists them under {@code oneOf}. */
    static List<JsonNode> messagesOf(String channel) {
        JsonNode operations = asyncApi.path("channels").path(channel);
        JsonNode message = operations.has("subscribe") ? operations.path("subscribe").path("message")
                : operations.path("publish").path("message");
        List<JsonNode> messages = new ArrayList<>();
        if (message.has("oneOf")) {
            message.path("oneOf").forEach(m -> messages.add(resolveLocal(m)));
        } else {
            messages.add(resolveLocal(message));
        }
        return messages;
    }

    /** The {@code schema} constant of a message's payload schema, e.g. medcab/birth/1. */
    private static String schemaConst(JsonNode message) {
        return schemaNode(payloadSchema(message)).path("properties").path("schema").path("const").asText();
    }

    /** A channel name with its {parameters} as single topic levels. */
    private static Pattern channelPattern(String channel) {
        return Pattern.compile(Stream.of(channel.split("\\{[^}]+}", -1)).map(Pattern::quote)
                .collect(Collectors.joining("[^/]+")));
    }

    /** The one channel whose name matches {@code topic}. */
    private static JsonNode channelOf(String topic) {
        Set<String> matching = new LinkedHashSet<>();
        for (String channel : channelNames()) {
            if (channelPattern(channel).matcher(topic).matches()) {
                matching.add(channel);
            }
        }
        assertEquals(1, matching.size(), "channels for topic " + topic + ": " + matching);
        return asyncApi.path("channels").path(matching.iterator().next());
    }

    /** Follows a {@code #/components/...} reference inside the AsyncAPI document. */
    private static JsonNode resolveLocal(JsonNode node) {
        String ref = node.path("$ref").asText();
        if (ref.isEmpty()) {
            return node;
        }
        assertTrue(ref.startsWith("#/"), "not a local reference: " + ref);
        JsonNode target = asyncApi.at(ref.substring(1));
        assertFalse(target.isMissingNode(), "unresolved reference " + ref);
        return target;
    }

    private static URI payloadSchema(JsonNode message) {
        JsonNode resolved = resolveLocal(message);
        assertEquals("application/json", resolved.path("contentType").asText());
        String ref = resolved.path("payload").path("$ref").asText();
        assertFalse(ref.isEmpty(), "message without a payload $ref: " + resolved);
        return inContract(ref);
    }

    /** A reference relative to the AsyncAPI document; textual, because the contract may sit inside a jar. */
    private static URI inContract(String ref) {
        String base = contract.toString();
        return URI.create(base.substring(0, base.lastIndexOf('/') + 1) + ref.replaceFirst("^\\./", ""));
    }

    private static JsonNode schemaNode(URI uri) {
        try (InputStream in = uri.toURL().openStream()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("schema " + uri + " cannot be read: " + e, e);
        }
    }

    private static Set<ValidationMessage> validate(URI schemaUri, JsonNode payload) {
        JsonSchema schema = LOADED.computeIfAbsent(schemaUri, u -> {
            schemaNode(u); // a clear failure for a missing file rather than the validator's
            return SCHEMAS.getSchema(SchemaLocation.of(u.toString()), ASSERT_FORMATS);
        });
        return schema.validate(payload);
    }

    private static void assertValid(URI schemaUri, JsonNode payload) {
        Set<ValidationMessage> errors = validate(schemaUri, payload);
        assertTrue(errors.isEmpty(), () -> payload + " is not valid against " + schemaUri + ": " + errors);
    }
}
