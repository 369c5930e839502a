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
 * This bundle's messages against the hospital contract: every light the priority table can produce,
 * wrapped in the envelope the link adds, is valid against {@code led.json}, and driver health events
 * against {@code led-driver.json}; the channels are in {@code asyncapi.yaml} with valid examples;
 * broken payloads are refused.
 */
class LedContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidatorsConfig ASSERT_FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static JsonSchema schema;
    private static JsonSchema driverSchema;
    private static JsonNode asyncApi;
    private static long seq;

    @BeforeAll
    static void readContract() throws IOException {
        schema = load("led");
        driverSchema = load("led-driver");
        try (InputStream in = HospitalContract.asyncApi().openStream()) {
            asyncApi = new YAMLMapper().readTree(in);
        }
    }

    private static JsonSchema load(String name) {
        URL url = HospitalContract.schema(name);
        assertNotNull(url, "contract/schemas/" + name + ".json is missing");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(url.toString()), ASSERT_FORMATS);
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
        assertValid(schema, render(MqttMirrorDriver.message(light, Clock.fixed(Zones.T0, ZoneOffset.UTC))));
    }

    @Test
    void everyReasonAndPatternIsReachable() {
        Set<String> reasons = everyLight().map(l -> MqttMirrorDriver.wire(l.reason())).collect(Collectors.toSet());
        Set<String> patterns = everyLight().map(l -> MqttMirrorDriver.wire(l.pattern())).collect(Collectors.toSet());
        assertEquals(Set.of("wrong-item", "alarm", "pick", "expired", "below-par", "expiring", "readers-offline", "none"), reasons);
        assertEquals(Set.of("steady", "blink-slow", "blink-fast"), patterns);
    }

    @Test
    void theLightChannelIsRetainedQos1AndItsExamplesAreValid() {
        assertChannel("medcab/{site}/{gateway}/led/{zone}", true, "./schemas/led.json", schema);
    }

    @Test
    void theDriverEventChannelIsQos1NotRetainedAndItsExamplesAreValid() {
        assertChannel("medcab/{site}/{gateway}/events/led-driver", false, "./schemas/led-driver.json", driverSchema);
    }

    @Test
    void driverHealthEventsAreValid() {
        DriverHealth failing = new DriverHealth("modbus /dev/ttyUSB1 unit 1", false, "serial port /dev/ttyUSB1 is not there",
                Zones.T0, 1);
        DriverHealth working = new DriverHealth("modbus /dev/ttyUSB1 unit 1", true, "", Zones.T0.plusSeconds(60), 0);
        for (DriverHealth health : List.of(failing, working)) {
            UplinkMessage message = DriverHealthEvent.of(health);
            assertEquals("events/led-driver", message.subtopic());
            assertFalse(message.retained());
            assertEquals(health.since(), message.time());
            assertValid(driverSchema, render(message));
        }
        ObjectNode payload = render(DriverHealthEvent.of(working));
        payload.put("problem", "port gone");
        assertFalse(driverSchema.validate(payload).isEmpty(), "a working driver with a problem accepted");
        payload = render(DriverHealthEvent.of(failing));
        payload.put("problem", "");
        assertFalse(driverSchema.validate(payload).isEmpty(), "a failing driver without a problem accepted");
        payload = render(DriverHealthEvent.of(failing));
        payload.put("failures", 0);
        assertFalse(driverSchema.validate(payload).isEmpty(), "a failing driver with no failures accepted");
    }

    private static void assertChannel(String name, boolean retained, String payloadRef, JsonSchema payloadSchema) {
        JsonNode channel = asyncApi.path("channels").path(name);
        assertFalse(channel.isMissingNode(), "asyncapi.yaml has no channel " + name);
        JsonNode subscribe = channel.path("subscribe");
        assertEquals(1, subscribe.path("bindings").path("mqtt").path("qos").asInt());
        assertEquals(retained, subscribe.path("bindings").path("mqtt").path("retain").asBoolean());
        String ref = subscribe.path("message").path("$ref").asText();
        JsonNode message = asyncApi.at(ref.substring(1));
        assertEquals(payloadRef, message.path("payload").path("$ref").asText());
        assertTrue(message.path("examples").size() >= 2);
        for (JsonNode example : message.path("examples")) {
            assertValid(payloadSchema, example.path("payload"));
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
        assertValid(schema, payload);
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

    private static void assertValid(JsonSchema against, JsonNode payload) {
        Set<ValidationMessage> errors = against.validate(payload);
        assertTrue(errors.isEmpty(), () -> payload + " is not valid against " + against.getSchemaLocation() + ": " + errors);
    }
}
