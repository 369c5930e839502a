package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.UplinkMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * A few hundred malformed commands, generated systematically from a command's schema (wrong type
 * for every field, out of range, bad pattern and format, each required field missing, extra fields,
 * bad request ids) and from the transport (bad JSON, bad UTF-8, oversize, unknown command names).
 * Each must get exactly one reply, rejected, naming the field; the handler is never called and the
 * cabinet's state is unchanged.
 *
 * <p>A {@link Target} is a command with its handler and a view of the state it changes: add the real
 * catalog, items, par-level, pick handlers to {@link #targets} and the same cases run against them.
 */
class MalformedCommandsTest {
    /** Anything the command could change, as a comparable snapshot. */
    record Target(String command, Supplier<JsonObject> valid, CommandHandler handler, Supplier<Object> state) {
    }

    /** One malformed command and what its reply must say. */
    record Case(String description, String command, byte[] payload, String schema, String field) {
    }

    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();
    private final Map<String, String> sampleState = new java.util.TreeMap<>();

    /** The commands under test. The sample's handler records every order it is given. */
    List<Target> targets() {
        CommandHandler sample = request -> {
            calls.add(request.requestId());
            sampleState.put(request.payload().get("orderId").getAsString(), request.payload().toString());
            return CommandReply.ok(null);
        };
        return List.of(new Target("sample", () -> CommandBench.sample("valid-1"), sample, () -> Map.copyOf(sampleState)));
    }

    @Test
    void everyMalformedCommandGetsExactlyOneRejectionNamingTheFieldAndChangesNothing() throws Exception {
        int limit = 64 * 1024;
        try (CommandBench bench = new CommandBench(dir, true, new CommandSettings(limit, CommandSettings.DEFAULT_RETENTION, 100_000))) {
            List<Case> cases = new ArrayList<>();
            for (Target t : targets()) {
                bench.register(t.command(), request -> t.handler().handle(request));
                cases.addAll(schemaCases(t));
                cases.addAll(transportCases(t, limit));
            }
            cases.addAll(unknownCommands());
            assertTrue(cases.size() >= 300, "only " + cases.size() + " cases");

            List<Object> before = targets().stream().map(t -> t.state().get()).toList();
            List<String> wrong = new ArrayList<>();
            for (Case c : cases) {
                bench.send(c.command(), c.payload());
                List<UplinkMessage> replies = bench.drain();
                if (replies.size() != 1) {
                    wrong.add(c.description() + ": " + replies.size() + " replies");
                    continue;
                }
                JsonObject body = replies.get(0).body();
                String field = body.has("error") ? body.getAsJsonObject("error").get("field").getAsString() : null;
                if (!"rejected".equals(body.get("status").getAsString()) || !c.field().equals(field)
                        || !c.schema().equals(replies.get(0).schema())) {
                    wrong.add(c.description() + ": " + replies.get(0).schema() + " " + body);
                }
            }
            assertEquals(List.of(), wrong, wrong.size() + " of " + cases.size() + " cases answered wrongly");
            assertEquals(List.of(), calls, "a handler was called");
            assertEquals(before, targets().stream().map(t -> t.state().get()).toList());

            // The path is still open: a valid command after all that is handled.
            for (Target t : targets()) {
                bench.send(t.command(), t.valid().get().toString());
                assertEquals("ok", bench.reply().body().get("status").getAsString());
            }
            assertEquals(1, calls.size());
        }
    }

    private int next;

    private String requestId() {
        return "m-" + ++next;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Cases derived from the command's schema file. */
    private List<Case> schemaCases(Target t) {
        String cmd = t.command();
        String replySchema = "medcab/reply/" + cmd + "/1";
        JsonObject schema = read("cmd-" + cmd);
        JsonObject properties = schema.getAsJsonObject("properties");
        List<Case> cases = new ArrayList<>();

        for (String name : properties.keySet()) {
            JsonObject p = resolve(properties.getAsJsonObject(name));
            String field = "/" + name;
            for (JsonElement wrong : wrongTypes(p)) {
                JsonObject payload = valid(t, name.equals("requestId") ? null : requestId());
                payload.add(name, wrong);
                cases.add(new Case(cmd + " " + name + " as " + wrong, cmd, utf8(payload.toString()), replySchema, field));
            }
            for (JsonElement bad : badValues(p)) {
                JsonObject payload = valid(t, name.equals("requestId") ? null : requestId());
                payload.add(name, bad);
                cases.add(new Case(cmd + " " + name + " = " + abbreviate(bad), cmd, utf8(payload.toString()), replySchema, field));
            }
        }
        for (JsonElement required : schema.getAsJsonArray("required")) {
            JsonObject payload = valid(t, requestId());
            payload.remove(required.getAsString());
            cases.add(new Case(cmd + " without " + required.getAsString(), cmd, utf8(payload.toString()), replySchema,
                    "/" + required.getAsString()));
        }
        for (JsonElement wrong : List.of(new JsonPrimitive(1), JsonNull.INSTANCE, new JsonArray(), new JsonObject(),
                new JsonPrimitive(""), new JsonPrimitive("A/1"), new JsonPrimitive("#"), new JsonPrimitive("x".repeat(65)))) {
            if (properties.has("zones")) {
                JsonObject payload = valid(t, requestId());
                JsonArray zones = new JsonArray();
                zones.add("A1");
                zones.add(wrong);
                payload.add("zones", zones);
                cases.add(new Case(cmd + " zone " + abbreviate(wrong), cmd, utf8(payload.toString()), replySchema, "/zones/1"));
            }
        }
        for (String extra : List.of("extra", "Schema", "requestID", "", "a/b", "orderid", "__proto__", "ü")) {
            JsonObject payload = valid(t, requestId());
            payload.addProperty(extra, 1);
            cases.add(new Case(cmd + " with extra field '" + extra + "'", cmd, utf8(payload.toString()), replySchema,
                    "/" + CommandParser.escape(extra)));
        }
        return cases;
    }

    /** Cases the transport produces: unreadable bytes, bad JSON, oversize. */
    private List<Case> transportCases(Target t, int limit) {
        String cmd = t.command();
        String error = CommandDispatcher.ERROR_SCHEMA;
        List<Case> cases = new ArrayList<>();
        String valid = valid(t, requestId()).toString();
        String body = valid.substring(1, valid.length() - 1);
        List<String> badJson = List.of("", " ", "{", "}", "{}}", "[]", "[{}]", "null", "true", "0", "\"text\"", "{\"a\"}",
                "{\"a\":}", "{,}", "{\"a\":1,}", "{" + body + ",}", "{" + body + "} {}", "{" + body + "}x", "{" + body + "}]",
                "{'schema':'x'}", "{schema:1}", "{\"a\":NaN}", "{\"a\":-Infinity}", "{\"a\":0x10}", "{\"a\":.5}",
                "{\"a\":1.}", "{\"a\":+1}", "{\"a\":01}", "{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
                "{\"a\":tru}", "{\"a\":nul}", "{/*c*/}", "{\"a\":1}//c", "{\"a\":1,\"a\":1}",
                "{" + body + "," + body.substring(0, body.indexOf(',')) + "}", "\u0000", "{\"a\":[1,2}", "{\"a\":{\"b\":1}");
        for (String json : badJson) {
            cases.add(new Case(cmd + " bad JSON " + abbreviate(new JsonPrimitive(json)), cmd, utf8(json), error, ""));
        }
        // Every proper prefix of a valid command: what a cut connection or a client's buffer bug sends.
        for (int cut = 0; cut < valid.length() - 1; cut += 1) {
            cases.add(new Case(cmd + " cut after " + cut + " characters", cmd, utf8(valid.substring(0, cut)), error, ""));
        }
        byte[][] badUtf8 = {{(byte) 0xC3}, {(byte) 0xC3, (byte) 0x28}, {(byte) 0xA0}, {(byte) 0xE2, (byte) 0x28, (byte) 0xA1},
            {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0xBC}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}};
        for (byte[] bad : badUtf8) {
            String[] halves = valid.split("order-1", 2);
            byte[] a = utf8(halves[0]);
            byte[] b = utf8(halves[1]);
            byte[] payload = new byte[a.length + bad.length + b.length];
            System.arraycopy(a, 0, payload, 0, a.length);
            System.arraycopy(bad, 0, payload, a.length, bad.length);
            System.arraycopy(b, 0, payload, a.length + bad.length, b.length);
            cases.add(new Case(cmd + " bad UTF-8 " + java.util.HexFormat.of().formatHex(bad), cmd, payload, error, ""));
        }
        cases.add(new Case(cmd + " UTF-8 with BOM", cmd, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(valid)), error, ""));
        cases.add(new Case(cmd + " UTF-16", cmd, valid.getBytes(StandardCharsets.UTF_16), error, ""));
        for (int size : new int[] {limit + 1, 2 * limit, 5 * 1024 * 1024}) {
            JsonObject big = valid(t, requestId());
            big.addProperty("orderId", "x".repeat(size));
            cases.add(new Case(cmd + " of " + size + " bytes", cmd, utf8(big.toString()), error, ""));
        }
        JsonObject many = valid(t, requestId());
        JsonArray numbers = new JsonArray();
        for (int i = 0; i < limit; i++) {
            numbers.add(i);
        }
        many.add("zones", numbers);
        cases.add(new Case(cmd + " with an array beyond the size limit", cmd, utf8(many.toString()), error, ""));
        JsonObject deep = valid(t, requestId());
        // The payload is level 1, "zones" level 2: its innermost array is one level too deep.
        deep.add("zones", nested(CommandParser.MAX_DEPTH - 1));
        cases.add(new Case(cmd + " nested too deep", cmd, utf8(deep.toString()), error,
                "/zones" + "/0".repeat(CommandParser.MAX_DEPTH - 1)));
        cases.add(new Case(cmd + " sixty thousand brackets", cmd, utf8("[".repeat(60_000)), error, ""));
        return cases;
    }

    private List<Case> unknownCommands() {
        List<Case> cases = new ArrayList<>();
        String valid = CommandBench.sample(requestId()).toString();
        for (String name : List.of("", "Sample", "SAMPLE", "sample ", " sample", "sample/1", "samples", "cmd", "ping",
                "../sample", "cmd-sample", "sample.json", "n".repeat(300), "ü", "\u0000", "reply", "error", "+", "#",
                "command-envelope", "envelope", "remote-x", "1", "-", "sample\n")) {
            cases.add(new Case("unknown command '" + abbreviate(new JsonPrimitive(name)) + "'", name, utf8(valid),
                    CommandDispatcher.ERROR_SCHEMA, ""));
        }
        return cases;
    }

    /** An array holding an array ... {@code inner} levels below it. */
    private static JsonArray nested(int inner) {
        JsonArray a = new JsonArray();
        if (inner > 0) {
            a.add(nested(inner - 1));
        }
        return a;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A valid payload; with a fresh request id unless the case is about the request id. */
    private JsonObject valid(Target t, String requestId) {
        JsonObject payload = t.valid().get();
        payload.addProperty("requestId", requestId == null ? requestId() : requestId);
        return payload;
    }

    /** Values of every JSON type the property does not allow. */
    private static List<JsonElement> wrongTypes(JsonObject p) {
        Set<String> allowed = allowedTypes(p);
        List<JsonElement> wrong = new ArrayList<>();
        Map<String, JsonElement> samples = new java.util.LinkedHashMap<>();
        samples.put("string", new JsonPrimitive("x"));
        samples.put("integer", new JsonPrimitive(7));
        samples.put("number", new JsonPrimitive(7.5));
        samples.put("boolean", new JsonPrimitive(true));
        samples.put("null", JsonNull.INSTANCE);
        samples.put("array", new JsonArray());
        samples.put("object", new JsonObject());
        samples.forEach((type, value) -> {
            boolean ok = allowed.contains(type) || type.equals("integer") && allowed.contains("number");
            if (!ok) {
                wrong.add(value);
            }
        });
        return wrong;
    }

    private static Set<String> allowedTypes(JsonObject p) {
        if (p.has("const")) {
            return Set.of();
        }
        JsonElement type = p.get("type");
        if (type == null) {
            return Set.of("string", "integer", "number", "boolean", "null", "array", "object");
        }
        if (type.isJsonArray()) {
            Set<String> all = new java.util.HashSet<>();
            type.getAsJsonArray().forEach(e -> all.add(e.getAsString()));
            return all;
        }
        return Set.of(type.getAsString());
    }

    /** Values of the right type that break a range, length, pattern, format or constant of the property. */
    private static List<JsonElement> badValues(JsonObject p) {
        List<JsonElement> bad = new ArrayList<>();
        if (p.has("const")) {
            bad.add(new JsonPrimitive(p.get("const").getAsString() + "x"));
            bad.add(new JsonPrimitive("medcab/cmd/other/1"));
        }
        if (p.has("minimum")) {
            long min = p.get("minimum").getAsLong();
            bad.add(new JsonPrimitive(min - 1));
            bad.add(new JsonPrimitive(Long.MIN_VALUE));
        }
        if (p.has("maximum")) {
            long max = p.get("maximum").getAsLong();
            bad.add(new JsonPrimitive(max + 1));
            bad.add(new JsonPrimitive(new java.math.BigInteger("99999999999999999999999")));
        }
        if ("integer".equals(p.has("type") ? p.get("type").getAsString() : "")) {
            bad.add(new JsonPrimitive(new java.math.BigDecimal("2.5")));
        }
        if (p.has("minLength") && p.get("minLength").getAsInt() > 0) {
            bad.add(new JsonPrimitive("x".repeat(p.get("minLength").getAsInt() - 1)));
        }
        if (p.has("maxLength")) {
            bad.add(new JsonPrimitive("x".repeat(p.get("maxLength").getAsInt() + 1)));
        }
        if (p.has("pattern")) {
            Pattern pattern = Pattern.compile(p.get("pattern").getAsString());
            for (String candidate : List.of("", " ", "x", "a/b", "a+b", "#", "0", "1234567890123", "123456789012345",
                    "0401234567890a", "has space", "ü", "x".repeat(65), "\u0000")) {
                if (!pattern.matcher(candidate).find()) {
                    bad.add(new JsonPrimitive(candidate));
                }
            }
        }
        if ("date".equals(p.has("format") ? p.get("format").getAsString() : "")) {
            for (String d : List.of("2027-02-30", "2027-13-01", "27-01-01", "2027/01/01", "yesterday", "2027-01-01T00:00:00Z")) {
                bad.add(new JsonPrimitive(d));
            }
        }
        if ("array".equals(p.has("type") ? p.get("type").getAsString() : "")) {
            if (p.has("maxItems")) {
                JsonArray tooMany = new JsonArray();
                for (int i = 0; i <= p.get("maxItems").getAsInt(); i++) {
                    tooMany.add("Z" + i);
                }
                bad.add(tooMany);
            }
            if (p.has("uniqueItems")) {
                JsonArray twice = new JsonArray();
                twice.add("A1");
                twice.add("A1");
                bad.add(twice);
            }
        }
        return bad;
    }

    private static String abbreviate(JsonElement e) {
        String s = e.toString();
        return s.length() > 40 ? s.substring(0, 40) + "… (" + s.length() + " chars)" : s;
    }

    /** A property's schema with a $ref into the command envelope's $defs followed. */
    private static JsonObject resolve(JsonObject p) {
        if (!p.has("$ref")) {
            return p;
        }
        String ref = p.get("$ref").getAsString();
        String[] fileAndPointer = ref.split("#", 2);
        JsonObject target = read(fileAndPointer[0].replace(".json", ""));
        for (String token : fileAndPointer[1].substring(1).split("/")) {
            target = target.getAsJsonObject(token);
        }
        return target;
    }

    private static JsonObject read(String schema) {
        try (InputStream in = CommandBench.SCHEMAS.apply(schema).openStream()) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
