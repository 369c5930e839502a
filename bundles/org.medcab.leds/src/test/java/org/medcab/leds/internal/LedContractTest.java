package org.medcab.leds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.medcab.hospital.HospitalContract;
import org.medcab.hospital.UplinkMessage;
import org.medcab.leds.ZoneLight;
import org.medcab.picking.ZonePicks;
import org.medcab.rules.ZoneStatus;

/**
 * The mirror's {@code led/{zone}} messages against the hospital contract: every light the priority
 * table can produce, wrapped in the envelope the link adds, is valid against {@code led.json}; the
 * channel is in {@code asyncapi.yaml}, retained, with valid examples; broken payloads are refused.
 */
class LedContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidatorsConfig ASSERT_FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static JsonSchema schema;
    private static JsonNode channel;
    private static long seq;

    @BeforeAll
    static void readContract() throws IOException {
        URL url = HospitalContract.schema("led");
        assertNotNull(url, "contract/schemas/led.json is missing");
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(url.toString()), ASSERT_FORMATS);
        try (InputStream in = HospitalContract.asyncApi().openStream()) {
            channel = new YAMLMapper().readTree(in).path("channels").path("medcab/{site}/{gateway}/led/{zone}");
        }
        assertFalse(channel.isMissingNode(), "asyncapi.yaml has no channel medcab/{site}/{gateway}/led/{zone}");
    }

    /** Every light the priority table gives, over every rules status and pick state of a zone. */
    static Stream<ZoneLight> everyLight() {
        List<ZoneStatus> statuses = new ArrayList<>(List.of(Zones.ok("A1"), Zones.expiring("A1"), Zones.expired("A1"),
                Zones.belowPar("A1"), Zones.readersOffline("A1")));
        statuses.addAll(statuses.stream().map(Zones::alarm).toList());
        statuses.add(null);
        List<ZonePicks> picks = new ArrayList<>(List.of(Zones.pick("A1", "O1"), Zones.wrongItem("A1", "O1"),
                Zones.wrongItem("A1"), Zones.noPicks("A1")));
        picks.add(null);
        return statuses.stream().flatMap(s -> picks.stream().map(p -> LightRules.light("A1", s, p))).distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyLight")
    void everyLightIsAValidMessage(ZoneLight light) {
        assertValid(render(MqttMirrorDriver.message(light, Clock.fixed(Zones.T0, ZoneOffset.UTC))));
    }

    @Test
    void everyReasonAndPatternIsReachable() {
        Set<String> reasons = everyLight().map(l -> MqttMirrorDriver.wire(l.reason())).collect(Collectors.toSet());
        Set<String> patterns = everyLight().map(l -> MqttMirrorDriver.wire(l.pattern())).collect(Collectors.toSet());
        assertEquals(Set.of("wrong-item", "alarm", "pick", "expired", "below-par", "expiring", "readers-offline", "none"), reasons);
        assertEquals(Set.of("steady", "blink-slow", "blink-fast"), patterns);
    }

    @Test
    void theChannelIsRetainedQos1AndItsExamplesAreValid() {
        assertEquals("org.medcab.leds", channel.path("x-published-by").asText(),
                "the channel names its publisher, so the MQTT link's contract test leaves it to this one");
        JsonNode subscribe = channel.path("subscribe");
        assertEquals(1, subscribe.path("bindings").path("mqtt").path("qos").asInt());
        assertTrue(subscribe.path("bindings").path("mqtt").path("retain").asBoolean());
        String ref = subscribe.path("message").path("$ref").asText();
        JsonNode message;
        try (InputStream in = HospitalContract.asyncApi().openStream()) {
            message = new YAMLMapper().readTree(in).at(ref.substring(1));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals("./schemas/led.json", message.path("payload").path("$ref").asText());
        assertTrue(message.path("examples").size() >= 2);
        for (JsonNode example : message.path("examples")) {
            assertValid(example.path("payload"));
        }
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                arguments("unknown colour", "enum /colour", (Consumer<ObjectNode>) j -> j.put("colour", "blue")),
                arguments("unknown pattern", "enum /pattern", (Consumer<ObjectNode>) j -> j.put("pattern", "pulse")),
                arguments("unknown reason", "enum /reason", (Consumer<ObjectNode>) j -> j.put("reason", "because")),
                arguments("no pattern", "required /pattern", (Consumer<ObjectNode>) j -> j.remove("pattern")),
                arguments("no zone", "required /zone", (Consumer<ObjectNode>) j -> j.remove("zone")),
                arguments("zone with a slash", "pattern /zone", (Consumer<ObjectNode>) j -> j.put("zone", "A/1")),
                arguments("off but blinking", "const /pattern",
                        (Consumer<ObjectNode>) j -> j.put("colour", "off").put("reason", "none").put("pattern", "blink-fast")),
                arguments("lit without a reason", "not /reason", (Consumer<ObjectNode>) j -> j.put("reason", "none")),
                arguments("other message's schema", "const /schema", (Consumer<ObjectNode>) j -> j.put("schema", "medcab/zone-inventory/1")),
                arguments("undocumented field", "unevaluatedProperties /orders",
                        (Consumer<ObjectNode>) j -> j.putArray("orders").add("O1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenPayloadsAreRefused(String description, String finding, Consumer<ObjectNode> breakIt) {
        ObjectNode payload = render(MqttMirrorDriver.message(
                LightRules.light("A1", Zones.expired("A1"), null), Clock.fixed(Zones.T0, ZoneOffset.UTC)));
        assertValid(payload);
        breakIt.accept(payload);
        Set<String> findings = schema.validate(payload).stream().map(LedContractTest::finding).collect(Collectors.toSet());
        assertTrue(findings.contains(finding), description + ": expected " + finding + ", found " + findings);
    }

    /** The payload as the link publishes it: its envelope, then the message's body. */
    private static ObjectNode render(UplinkMessage message) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("schema", message.schema());
        payload.put("id", UUID.randomUUID().toString());
        payload.put("seq", ++seq);
        payload.put("site", "site1");
        payload.put("gateway", "cabinet1");
        payload.put("time", message.time().toString());
        try {
            payload.setAll((ObjectNode) JSON.readTree(message.body().toString()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return payload;
    }

    private static String finding(ValidationMessage error) {
        String at = error.getInstanceLocation().toString();
        return error.getType() + " " + (error.getProperty() == null ? at : at + "/" + error.getProperty());
    }

    private static void assertValid(JsonNode payload) {
        Set<ValidationMessage> errors = schema.validate(payload);
        assertTrue(errors.isEmpty(), () -> payload + " is not valid against led.json: " + errors);
    }
}
