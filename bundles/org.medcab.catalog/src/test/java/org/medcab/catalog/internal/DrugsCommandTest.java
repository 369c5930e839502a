package org.medcab.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.catalog.internal.TestCatalogs.GTIN;
import static org.medcab.catalog.internal.TestCatalogs.OTHER_GTIN;
import static org.medcab.catalog.internal.TestCatalogs.array;
import static org.medcab.catalog.internal.TestCatalogs.command;
import static org.medcab.catalog.internal.TestCatalogs.drug;
import static org.medcab.catalog.internal.TestCatalogs.request;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.catalog.Drug;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.ReplyStatus;
import org.medcab.identifiers.Gtin;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

class DrugsCommandTest {
    @TempDir
    Path dir;

    @Test
    void drugsAreStoredServedFromMemoryAndSurviveAReopen() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            List<Set<String>> told = new ArrayList<>();
            opened.catalog().addListener((codes, gtins) -> told.add(gtins));
            CommandReply reply = new DrugsCommand(opened::catalog).handle(request("catalog",
                    command("catalog", "drugs", array(drug(GTIN, "Paracetamol"), drug(OTHER_GTIN, "Ibuprofen")))));
            assertEquals(ReplyStatus.OK, reply.status());
            assertEquals(2, reply.result().get("applied").getAsInt());
            assertEquals(0, reply.result().get("unchanged").getAsInt());
            assertEquals(0, reply.result().getAsJsonArray("rejected").size());
            assertEquals(List.of(Set.of(GTIN, OTHER_GTIN)), told);
            assertEquals(new Drug(GTIN, "Paracetamol", "500 mg", "tablet", "Acme Pharma", "H20260001", "room"),
                    opened.catalog().drug(GTIN).orElseThrow());
        }
        try (TestCatalogs.Opened reopened = TestCatalogs.open(dir)) {
            assertEquals("Ibuprofen", reopened.catalog().drug(OTHER_GTIN).orElseThrow().name());
            assertEquals(2, reopened.store().count("drug"));
        }
    }

    @Test
    void theSameBatchAgainChangesNothingAndAChangedRowIsApplied() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            DrugsCommand handler = new DrugsCommand(opened::catalog);
            JsonObject payload = command("catalog", "drugs", array(drug(GTIN, "Paracetamol"), drug(OTHER_GTIN, "Ibuprofen")));
            handler.handle(request("catalog", payload));
            List<Set<String>> told = new ArrayList<>();
            opened.catalog().addListener((codes, gtins) -> told.add(gtins));

            CommandReply again = handler.handle(request("catalog", payload));
            assertEquals(ReplyStatus.OK, again.status());
            assertEquals(0, again.result().get("applied").getAsInt());
            assertEquals(2, again.result().get("unchanged").getAsInt());
            assertTrue(told.isEmpty(), "nothing changed, nobody told: " + told);

            CommandReply changed = handler.handle(request("catalog",
                    command("catalog", "drugs", array(drug(GTIN, "Paracetamol 500"), drug(OTHER_GTIN, "Ibuprofen")))));
            assertEquals(1, changed.result().get("applied").getAsInt());
            assertEquals(1, changed.result().get("unchanged").getAsInt());
            assertEquals("Paracetamol 500", opened.catalog().drug(GTIN).orElseThrow().name());
        }
    }

    @Test
    void badRowsAreRejectedOneByOneWithTheirReasonAndTheOthersApplied() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            JsonObject noName = drug(OTHER_GTIN, "x");
            noName.remove("name");
            JsonObject longForm = drug("00000000000000", "Zero");
            longForm.addProperty("form", "f".repeat(101));
            JsonObject numberName = drug("00000000000000", "Zero");
            numberName.addProperty("name", 5);
            JsonArray rows = array(drug(GTIN, "Paracetamol"), drug("80614141123459", "Bad check digit"), noName,
                    drug(GTIN, "Twice"), drug("8061414112345", "Thirteen digits"), longForm, numberName);
            CommandReply reply = new DrugsCommand(opened::catalog).handle(request("catalog", command("catalog", "drugs", rows)));

            assertEquals(ReplyStatus.PARTIAL, reply.status());
            assertEquals(1, reply.result().get("applied").getAsInt());
            JsonArray rejected = reply.result().getAsJsonArray("rejected");
            assertEquals(6, rejected.size(), rejected::toString);
            assertRejected(rejected.get(0).getAsJsonObject(), 1, "/drugs/1/gtin", "check digit");
            assertEquals("80614141123459", rejected.get(0).getAsJsonObject().get("gtin").getAsString());
            assertRejected(rejected.get(1).getAsJsonObject(), 2, "/drugs/2/name", "required");
            assertRejected(rejected.get(2).getAsJsonObject(), 3, "/drugs/3/gtin", "already in this batch at row 0");
            assertRejected(rejected.get(3).getAsJsonObject(), 4, "/drugs/4/gtin", "14 digits");
            assertRejected(rejected.get(4).getAsJsonObject(), 5, "/drugs/5/form", "longer than 100");
            assertRejected(rejected.get(5).getAsJsonObject(), 6, "/drugs/6/name", "must be a string");
            assertEquals(1, opened.store().count("drug"));
            assertTrue(opened.catalog().drug(OTHER_GTIN).isEmpty());
        }
    }

    @Test
    void aBatchOverTheLimitOrWithoutDrugsIsRefusedAsAWhole() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            DrugsCommand handler = new DrugsCommand(opened::catalog);
            JsonArray rows = new JsonArray();
            for (int i = 0; i <= Rows.MAX_ROWS; i++) {
                rows.add(drug(gtin(i), "Drug " + i));
            }
            CommandRejectedException tooMany = assertThrows(CommandRejectedException.class,
                    () -> handler.handle(request("catalog", command("catalog", "drugs", rows))));
            assertEquals("/drugs", tooMany.field());
            JsonObject none = command("catalog", "drugs", new JsonArray());
            none.remove("drugs");
            assertEquals("/drugs", assertThrows(CommandRejectedException.class,
                    () -> handler.handle(request("catalog", none))).field());
            assertEquals(0, opened.store().count("drug"));
        }
    }

    @Test
    void tenThousandDrugsInOneCommandAreAllStored() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            JsonArray rows = new JsonArray();
            for (int i = 0; i < Rows.MAX_ROWS; i++) {
                rows.add(drug(gtin(i), "Drug " + i));
            }
            CommandReply reply = new DrugsCommand(opened::catalog).handle(request("catalog", command("catalog", "drugs", rows)));
            assertEquals(ReplyStatus.OK, reply.status());
            assertEquals(Rows.MAX_ROWS, reply.result().get("applied").getAsInt());
            assertEquals(Rows.MAX_ROWS, opened.store().count("drug"));
        }
    }

    static String gtin(int n) {
        String digits = String.format("0%012d", n);
        return digits + Gtin.checkDigit(digits);
    }

    static void assertRejected(JsonObject rejection, int index, String field, String problemPart) {
        assertEquals(index, rejection.get("index").getAsInt(), rejection::toString);
        assertEquals(field, rejection.get("field").getAsString(), rejection::toString);
        assertTrue(rejection.get("problem").getAsString().contains(problemPart), rejection::toString);
    }
}
