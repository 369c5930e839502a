package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The contract's schema files as the gateway applies them, on the test-only {@code cmd-sample}. */
class CommandSchemasTest {
    private final List<String> loaded = new ArrayList<>();
    private final Function<String, URL> recording = name -> {
        loaded.add(name);
        return CommandBench.SCHEMAS.apply(name);
    };
    private final CommandSchemas schemas = new CommandSchemas(recording);

    private Optional<CommandError> check(JsonObject payload) throws CommandException {
        ObjectNode node = CommandParser.parse(payload.toString().getBytes(StandardCharsets.UTF_8));
        return schemas.validate("sample", node);
    }

    private CommandError problem(JsonObject payload) throws CommandException {
        Optional<CommandError> e = check(payload);
        assertTrue(e.isPresent(), "accepted: " + payload);
        return e.get();
    }

    @Test
    void validSampleIsAccepted() throws CommandException {
        JsonObject full = CommandBench.sample("r-1");
        full.addProperty("correlationId", "c");
        full.addProperty("expiry", "2027-02-28");
        full.addProperty("urgent", true);
        JsonArray zones = new JsonArray();
        zones.add("A1");
        zones.add("B 2");
        full.add("zones", zones);
        assertEquals(Optional.empty(), check(full));
        assertEquals(Optional.empty(), check(CommandBench.sample("r-2")));
    }

    @Test
    void missingRequiredFieldIsNamed() throws CommandException {
        JsonObject p = CommandBench.sample("r");
        p.remove("gtin");
        CommandError e = problem(p);
        assertEquals("/gtin", e.field());
        assertTrue(e.problem().contains("required"), e.problem());
    }

    @Test
    void extraFieldIsNamed() throws CommandException {
        JsonObject p = CommandBench.sample("r");
        p.addProperty("colour", "red");
        CommandError e = problem(p);
        assertEquals("/colour", e.field());
    }

    @Test
    void wrongTypeOutOfRangeBadPatternBadFormatAreNamed() throws CommandException {
        JsonObject p = CommandBench.sample("r");
        p.addProperty("quantity", "2");
        assertEquals("/quantity", problem(p).field());
        p.addProperty("quantity", 0);
        assertEquals("/quantity", problem(p).field());
        p.addProperty("quantity", 2.5);
        assertEquals("/quantity", problem(p).field());
        p = CommandBench.sample("r");
        p.addProperty("gtin", "4012345678901");
        assertEquals("/gtin", problem(p).field());
        p = CommandBench.sample("r");
        p.addProperty("expiry", "2027-02-30");
        assertEquals("/expiry", problem(p).field(), "format assertions are on");
        p = CommandBench.sample("r");
        p.addProperty("requestId", "has space");
        assertEquals("/requestId", problem(p).field());
    }

    @Test
    void nestedFieldIsAPointerWithItsIndex() throws CommandException {
        JsonObject p = CommandBench.sample("r");
        JsonArray zones = new JsonArray();
        zones.add("A1");
        zones.add("A/2");
        p.add("zones", zones);
        assertEquals("/zones/1", problem(p).field());
    }

    @Test
    void severalProblemsNameTheFirstAndCountTheRest() throws CommandException {
        JsonObject p = CommandBench.sample("r");
        p.addProperty("quantity", 1000);
        p.addProperty("gtin", "x");
        CommandError e = problem(p);
        assertTrue(e.problem().endsWith("(and 1 more)"), e.problem());
    }

    @Test
    void eachSchemaIsCompiledOnce() throws CommandException {
        check(CommandBench.sample("a"));
        int afterFirst = loaded.size();
        check(CommandBench.sample("b"));
        check(CommandBench.sample("c"));
        assertEquals(afterFirst, loaded.size(), "loaded again: " + loaded);
        assertTrue(loaded.contains("command-envelope"), "the envelope's $defs come from the contract: " + loaded);
    }

    @Test
    void knowsOnlyCommandsWithASchema() {
        assertTrue(schemas.knows("sample"));
        assertFalse(schemas.knows("nonsense"));
        assertFalse(schemas.knows("../cmd-sample"));
        assertThrows(IllegalArgumentException.class, () -> schemas.validate("nonsense", CommandParser.JSON.createObjectNode()));
    }

    @Test
    void remoteRefIsNeverFetched() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> schemas.validate("remote", CommandParser.JSON.createObjectNode().put("x", 1)));
        assertTrue(String.valueOf(e.getMessage()).contains("not allowed to be loaded"), e.toString());
    }
}
