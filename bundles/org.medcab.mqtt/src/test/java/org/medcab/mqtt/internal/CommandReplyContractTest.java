package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.HospitalContract;
import org.medcab.hospital.UplinkMessage;

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

/**
 * The replies the command dispatcher really sends, with the envelope the link adds, against the
 * contract: error replies against {@code reply-error.json} (the reply channel's {@code errorReply}),
 * every reply against {@code reply-envelope.json}; and the reply channel's topic pattern.
 */
class CommandReplyContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @TempDir
    Path dir;

    private static JsonSchema schema(String name) {
        return FACTORY.getSchema(SchemaLocation.of(HospitalContract.schema(name).toString()), FORMATS);
    }

    /** What the HIS receives: the link's envelope in front of the reply's own fields. */
    private static JsonNode onTheWire(UplinkMessage m) throws Exception {
        ObjectNode wire = JSON.createObjectNode();
        wire.put("schema", m.schema()).put("id", UUID.randomUUID().toString()).put("seq", 7)
                .put("site", "site1").put("gateway", "cabinet1").put("time", m.time().toString());
        wire.setAll((ObjectNode) JSON.readTree(m.body().toString()));
        return wire;
    }

    private static void assertValid(JsonSchema schema, JsonNode payload) {
        Set<ValidationMessage> errors = schema.validate(payload);
        assertTrue(errors.isEmpty(), payload + ": " + errors);
    }

    @Test
    void everyKindOfReplyIsValidAgainstTheContract() throws Exception {
        try (CommandBench bench = new CommandBench(dir, true, new CommandSettings(4096, CommandSettings.DEFAULT_RETENTION, 100))) {
            bench.register("sample", request -> {
                if (request.requestId().equals("handler-rejects")) {
                    throw new CommandRejectedException("/gtin", "not in the catalog");
                }
                if (request.requestId().equals("handler-fails")) {
                    throw new IllegalStateException("boom");
                }
                JsonObject result = new JsonObject();
                result.addProperty("picked", 2);
                return CommandReply.ok(result);
            });
            bench.send("sample", "{\"a\":");
            bench.send("sample", "x".repeat(5000));
            bench.send("restock", CommandBench.sample("unknown-1").toString());
            bench.send("we!rd name", "{}");
            bench.send("sample", CommandBench.sample("ok-1").toString());
            JsonObject invalid = CommandBench.sample("invalid-1");
            invalid.addProperty("quantity", 0);
            bench.send("sample", invalid.toString());
            bench.send("sample", CommandBench.sample("handler-rejects").toString());
            bench.send("sample", CommandBench.sample("handler-fails").toString());
            List<UplinkMessage> replies = bench.drain();
            assertEquals(8, replies.size());

            JsonSchema error = schema("reply-error");
            JsonSchema envelope = schema("reply-envelope");
            int errors = 0;
            for (UplinkMessage reply : replies) {
                JsonNode wire = onTheWire(reply);
                assertValid(envelope, wire);
                if (reply.schema().equals(CommandDispatcher.ERROR_SCHEMA)) {
                    assertValid(error, wire);
                    errors++;
                }
                assertTrue(reply.subtopic().matches("reply/[A-Za-z0-9._-]{1,64}"), reply.subtopic());
            }
            assertEquals(4, errors);
            assertEquals("reply/we_rd_name", replies.get(3).subtopic());
        }
    }

    @Test
    void errorReplySchemaRefusesWhatTheDispatcherMustNotSend() throws Exception {
        JsonSchema error = schema("reply-error");
        ObjectNode good = (ObjectNode) JSON.readTree("""
                {"schema":"medcab/reply/error/1","id":"0f8fad5b-d9cb-469f-a165-70867728950e","seq":1,"site":"s","gateway":"g",
                 "time":"2026-01-05T10:00:00Z","command":"pick","requestId":"","correlationId":"","status":"rejected",
                 "received":"2026-01-05T10:00:00Z","durationMs":0,"error":{"field":"","problem":"not valid JSON"},"result":{}}""");
        assertValid(error, good);
        for (String broken : List.of("status=ok", "error=", "result.x", "command=a/b", "extra", "durationMs=-1")) {
            ObjectNode p = good.deepCopy();
            switch (broken) {
                case "status=ok" -> p.put("status", "ok");
                case "error=" -> p.remove("error");
                case "result.x" -> p.putObject("result").put("x", 1);
                case "command=a/b" -> p.put("command", "a/b");
                case "extra" -> p.put("extra", 1);
                default -> p.put("durationMs", -1);
            }
            assertTrue(!error.validate(p).isEmpty(), broken + " accepted");
        }
    }

    @Test
    void replyAndCommandChannelsAreInTheAsyncApiDocument() throws Exception {
        JsonNode api = new YAMLMapper().readTree(HospitalContract.asyncApi());
        JsonNode reply = api.path("channels").path("medcab/{site}/{gateway}/reply/{command}");
        assertEquals("#/components/messages/errorReply", reply.path("subscribe").path("message").path("oneOf").path(0).path("$ref").asText());
        assertEquals(1, reply.path("subscribe").path("bindings").path("mqtt").path("qos").asInt());
        JsonNode cmd = api.path("channels").path("medcab/{site}/{gateway}/cmd/{command}");
        assertEquals("#/components/messages/commandEnvelope", cmd.path("publish").path("message").path("oneOf").path(0).path("$ref").asText());
        JsonNode example = api.at("/components/messages/commandEnvelope/examples/0/payload");
        assertValid(schema("command-envelope"), example);
    }
}
