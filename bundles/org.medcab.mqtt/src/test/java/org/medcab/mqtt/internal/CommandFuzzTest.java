package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.HospitalContract;
import org.medcab.hospital.UplinkMessage;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonObject;

/**
 * Fuzzes the command path (arrival, size, UTF-8, strict JSON, contract schema, idempotency) for
 * every command schema in the contract, the test-only sample and an unknown name. Whatever the
 * bytes, {@code arrived} never throws and exactly one reply comes out, never {@code failed} (that
 * would mean the gateway broke on the input rather than refused it).
 *
 * <p>A plain {@code mvn test} replays the seeds in {@code CommandFuzzTestInputs/}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl bundles/org.medcab.mqtt test -Dtest=CommandFuzzTest#anyCommandAnyBytes}.
 */
class CommandFuzzTest {
    private static final Set<String> REFUSED_OR_DONE = Set.of("ok", "rejected");
    private static Path dir;
    private static CommandBench bench;
    private static List<String> commands;

    @BeforeAll
    static void open() throws IOException {
        dir = Files.createTempDirectory("medcab-fuzz-");
        bench = new CommandBench(dir, true);
        commands = new ArrayList<>(contractCommands());
        commands.add("sample");
        commands.add("no-such-command");
        for (String c : commands) {
            bench.register(c, request -> CommandReply.ok(null));
        }
    }

    @AfterAll
    static void close() throws IOException {
        bench.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyCommandAnyBytes(FuzzedDataProvider data) {
        String command = data.pickValue(commands);
        byte[] payload = data.consumeRemainingAsBytes();
        assertOneReply(command, payload);
    }

    /** A valid sample with one field's value replaced by fuzzed text: gets past the parser more often. */
    @FuzzTest(maxDuration = "60s")
    void sampleWithOneFieldFuzzed(FuzzedDataProvider data) {
        JsonObject valid = CommandBench.sample("f-" + data.consumeInt(0, 1_000_000));
        String field = data.pickValue(List.of("schema", "requestId", "correlationId", "orderId", "gtin", "quantity",
                "expiry", "urgent", "zones", "other"));
        valid.remove(field);
        String text = valid.toString();
        String value = data.consumeRemainingAsString();
        String payload = text.substring(0, text.length() - 1) + ",\"" + field + "\":" + value + "}";
        assertOneReply("sample", payload.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertOneReply(String command, byte[] payload) {
        bench.send(command, payload);
        List<UplinkMessage> replies = bench.drain();
        assertEquals(1, replies.size(), "replies to cmd/" + command);
        JsonObject body = replies.get(0).body();
        String status = body.get("status").getAsString();
        assertTrue(REFUSED_OR_DONE.contains(status), body.toString());
        if (status.equals("rejected")) {
            assertNotEquals("", body.getAsJsonObject("error").get("problem").getAsString());
        }
        assertTrue(body.get("requestId").getAsString().length() <= 64);
        assertTrue(body.get("correlationId").getAsString().length() <= 128);
    }

    /** The name of every {@code cmd-*.json} the contract ships (directory or jar). */
    static List<String> contractCommands() {
        try {
            URI envelope = HospitalContract.schema("command-envelope").toURI();
            if ("jar".equals(envelope.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(envelope, Map.of())) {
                    return commandsIn(jar.provider().getPath(envelope).getParent());
                }
            }
            return commandsIn(Path.of(envelope).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> commandsIn(Path schemas) throws IOException {
        try (Stream<Path> files = Files.list(schemas)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("cmd-") && n.endsWith(".json"))
                    .map(n -> n.substring("cmd-".length(), n.length() - ".json".length()))
                    .sorted().toList();
        }
    }
}
