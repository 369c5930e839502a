package org.medcab.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.rules.internal.Fixtures.AMOXICILLIN;
import static org.medcab.rules.internal.Fixtures.INSULIN;
import static org.medcab.rules.internal.Fixtures.PARACETAMOL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.ReplyStatus;

import com.google.gson.JsonObject;

/** {@code cmd/par-levels} through {@link ParLevelsCommand#handle}, with the store on disk. */
class ParLevelsCommandTest {
    @TempDir
    Path dir;

    private final List<ParLevels> changes = new ArrayList<>();

    private ParLevelsCommand command() throws IOException {
        RulesStore store = new RulesStore(dir);
        return new ParLevelsCommand(store, store.loadLevels(), changes::add);
    }

    static String request(String id, boolean replace, String... rows) {
        return "{\"schema\":\"medcab/cmd/par-levels/1\",\"requestId\":\"" + id + "\",\"replace\":" + replace
                + ",\"levels\":[" + String.join(",", rows) + "]}";
    }

    static String row(String zone, String gtin, int level, int reorderPoint) {
        return "{\"zone\":\"" + zone + "\",\"gtin\":\"" + gtin + "\",\"level\":" + level + ",\"reorderPoint\":" + reorderPoint + "}";
    }

    private static CommandReply handle(ParLevelsCommand command, String json) throws CommandRejectedException {
        return command.handle(new FakeRequest(ParLevelsCommand.NAME, json));
    }

    @Test
    void rowsAreMergedStoredAndTakeEffect() throws Exception {
        ParLevelsCommand command = command();
        CommandReply reply = handle(command, request("r1", false,
                row("A1", AMOXICILLIN, 4, 1), row("A1", PARACETAMOL, 2, 0), row("B2", AMOXICILLIN, 10, 3)));
        assertEquals(ReplyStatus.OK, reply.status());
        assertEquals(3, reply.result().get("applied").getAsInt());
        assertEquals(0, reply.result().getAsJsonArray("rejected").size());
        assertEquals(3, reply.result().get("tableRows").getAsInt());
        ParLevels expected = ParLevels.of(List.of(new ParLevel("A1", AMOXICILLIN, 4, 1),
                new ParLevel("A1", PARACETAMOL, 2, 0), new ParLevel("B2", AMOXICILLIN, 10, 3)));
        assertEquals(expected, command.table());
        assertEquals(List.of(expected), changes);
        assertEquals(expected, new RulesStore(dir).loadLevels(), "stored before it took effect");

        // Merge: change one, remove one (level 0), leave the third.
        handle(command, request("r2", false, row("A1", AMOXICILLIN, 6, 2), row("A1", PARACETAMOL, 0, 0)));
        ParLevels merged = ParLevels.of(List.of(new ParLevel("A1", AMOXICILLIN, 6, 2), new ParLevel("B2", AMOXICILLIN, 10, 3)));
        assertEquals(merged, command.table());
        assertEquals(merged, new RulesStore(dir).loadLevels());
        assertEquals(merged, command().table(), "a restarted component loads the same table");
    }

    @Test
    void theSameRequestAgainChangesNothing() throws Exception {
        ParLevelsCommand command = command();
        String json = request("r1", false, row("A1", AMOXICILLIN, 4, 1));
        CommandReply first = handle(command, json);
        CommandReply again = handle(command, json);
        assertEquals(first, again);
        assertEquals(1, changes.size(), "no second change, no second evaluation");
    }

    @Test
    void replaceSetsTheWholeTable() throws Exception {
        ParLevelsCommand command = command();
        handle(command, request("r1", false, row("A1", AMOXICILLIN, 4, 1), row("A2", AMOXICILLIN, 4, 1)));
        CommandReply reply = handle(command, request("r2", true, row("C3", INSULIN, 2, 1), row("A1", AMOXICILLIN, 0, 0)));
        assertEquals(ReplyStatus.OK, reply.status());
        assertEquals(ParLevels.of(List.of(new ParLevel("C3", INSULIN, 2, 1))), command.table());
        handle(command, request("r3", true));
        assertEquals(ParLevels.EMPTY, command.table(), "an empty replace clears the table");
        assertEquals(ParLevels.EMPTY, new RulesStore(dir).loadLevels());
    }

    @Test
    void replaceWithOneBadRowChangesNothing() throws Exception {
        ParLevelsCommand command = command();
        handle(command, request("r1", false, row("A1", AMOXICILLIN, 4, 1)));
        String stored = Files.readString(dir.resolve(RulesStore.LEVELS_FILE));
        CommandRejectedException e = assertThrows(CommandRejectedException.class, () -> handle(command,
                request("r2", true, row("C3", INSULIN, 2, 1), row("C3", "80614141123457", 2, 1))));
        assertEquals("/levels/1/gtin", e.field());
        assertTrue(e.problem().contains("check digit"), e.problem());
        assertTrue(e.problem().contains("1 of 2 rows"), e.problem());
        assertEquals(ParLevels.of(List.of(new ParLevel("A1", AMOXICILLIN, 4, 1))), command.table());
        assertEquals(stored, Files.readString(dir.resolve(RulesStore.LEVELS_FILE)));
        assertEquals(1, changes.size());
    }

    /** Every kind of bad row, each named by index, field and problem; the good row beside it is applied. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "wrong check digit     | {\"zone\":\"A1\",\"gtin\":\"80614141123457\",\"level\":2,\"reorderPoint\":0} | /levels/1/gtin         | check digit",
            "GTIN of 13 digits     | {\"zone\":\"A1\",\"gtin\":\"8061414112345\",\"level\":2,\"reorderPoint\":0}  | /levels/1/gtin         | 14 digits",
            "GTIN as a number      | {\"zone\":\"A1\",\"gtin\":80614141123458,\"level\":2,\"reorderPoint\":0}     | /levels/1/gtin         | string",
            "zone with a slash     | {\"zone\":\"A/1\",\"gtin\":\"80614141123458\",\"level\":2,\"reorderPoint\":0} | /levels/1/zone         | zone id",
            "zone with a wildcard  | {\"zone\":\"A+\",\"gtin\":\"80614141123458\",\"level\":2,\"reorderPoint\":0}  | /levels/1/zone         | zone id",
            "empty zone            | {\"zone\":\"\",\"gtin\":\"80614141123458\",\"level\":2,\"reorderPoint\":0}    | /levels/1/zone         | zone id",
            "negative level        | {\"zone\":\"A1\",\"gtin\":\"80614141123458\",\"level\":-1,\"reorderPoint\":0} | /levels/1/level        | from 0",
            "fractional level      | {\"zone\":\"A1\",\"gtin\":\"80614141123458\",\"level\":2.5,\"reorderPoint\":0}| /levels/1/level        | integer",
            "level as text         | {\"zone\":\"A1\",\"gtin\":\"80614141123458\",\"level\":\"2\",\"reorderPoint\":0}| /levels/1/level      | integer",
            "huge level            | {\"zone\":\"A1\",\"gtin\":\"80614141123458\",\"level\":1e12,\"reorderPoint\":0}| /levels/1/level       | from 0",
            "negative reorder point| {\"zone\":\"A1\",\"gtin\":\"80614141123458\",\"level\":2,\"reorderPoint\":-1} | /levels/1/reorderPoint | from 0",
            "reorder point at level| {\"zone\":\"A1\",\"gtin\":\"80614141123458\",\"level\":2,\"reorderPoint\":2}  | /levels/1/reorderPoint | below the level",
            "missing reorder point | {\"zone\":\"A1\",\"gtin\":\"80614141123458\",\"level\":2}                    | /levels/1/reorderPoint | required",
            "missing zone          | {\"gtin\":\"80614141123458\",\"level\":2,\"reorderPoint\":0}                | /levels/1/zone         | required",
            "unknown field         | {\"zone\":\"A1\",\"gtin\":\"80614141123458\",\"level\":2,\"reorderPoint\":0,\"min\":1} | /levels/1/min | unknown field",
            "not an object         | 42                                                                            | /levels/1              | object",
            "same zone and drug    | {\"zone\":\"B1\",\"gtin\":\"04012345000023\",\"level\":3,\"reorderPoint\":0} | /levels/1              | same zone and gtin as row 0",
    })
    void badRowIsRejectedAndTheOthersApplied(String description, String badRow, String field, String problem) throws Exception {
        ParLevelsCommand command = command();
        CommandReply reply = handle(command, request("r1", false, row("B1", INSULIN, 2, 1), badRow, row("B2", INSULIN, 2, 1)));
        assertEquals(ReplyStatus.PARTIAL, reply.status());
        assertEquals(2, reply.result().get("applied").getAsInt());
        assertEquals(1, reply.result().getAsJsonArray("rejected").size());
        JsonObject rejected = reply.result().getAsJsonArray("rejected").get(0).getAsJsonObject();
        assertEquals(1, rejected.get("index").getAsInt());
        assertEquals(field, rejected.get("field").getAsString());
        assertTrue(rejected.get("problem").getAsString().contains(problem), rejected.toString());
        assertEquals(ParLevels.of(List.of(new ParLevel("B1", INSULIN, 2, 1), new ParLevel("B2", INSULIN, 2, 1))),
                command.table());
    }

    @Test
    void aRequestWithoutLevelsOrWithUnknownFieldsIsRejectedWhole() throws Exception {
        ParLevelsCommand command = command();
        CommandRejectedException missing = assertThrows(CommandRejectedException.class,
                () -> handle(command, "{\"schema\":\"medcab/cmd/par-levels/1\",\"requestId\":\"r1\"}"));
        assertEquals("/levels", missing.field());
        CommandRejectedException extra = assertThrows(CommandRejectedException.class,
                () -> handle(command, "{\"schema\":\"medcab/cmd/par-levels/1\",\"requestId\":\"r1\",\"levels\":[],\"zone\":\"A1\"}"));
        assertEquals("/zone", extra.field());
        CommandRejectedException replace = assertThrows(CommandRejectedException.class,
                () -> handle(command, "{\"schema\":\"medcab/cmd/par-levels/1\",\"requestId\":\"r1\",\"levels\":[],\"replace\":\"yes\"}"));
        assertEquals("/replace", replace.field());
        assertEquals(List.of(), changes);
    }

    @Test
    void aTableThatCannotBeStoredIsNotApplied() throws Exception {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");
        ParLevelsCommand command = new ParLevelsCommand(new RulesStore(notAFolder), ParLevels.EMPTY, changes::add);
        assertThrows(UncheckedIOException.class, () -> handle(command, request("r1", false, row("A1", AMOXICILLIN, 4, 1))));
        assertEquals(ParLevels.EMPTY, command.table());
        assertEquals(List.of(), changes);
    }
}
