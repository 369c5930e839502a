package org.medcab.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.catalog.internal.DrugsCommandTest.assertRejected;
import static org.medcab.catalog.internal.TestCatalogs.EPC_6789;
import static org.medcab.catalog.internal.TestCatalogs.GTIN;
import static org.medcab.catalog.internal.TestCatalogs.NOW;
import static org.medcab.catalog.internal.TestCatalogs.OTHER_GTIN;
import static org.medcab.catalog.internal.TestCatalogs.TRACE_CODE;
import static org.medcab.catalog.internal.TestCatalogs.array;
import static org.medcab.catalog.internal.TestCatalogs.command;
import static org.medcab.catalog.internal.TestCatalogs.epc;
import static org.medcab.catalog.internal.TestCatalogs.item;
import static org.medcab.catalog.internal.TestCatalogs.request;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.ReplyStatus;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

class ItemsCommandTest {
    @TempDir
    Path dir;

    @Test
    void itemsAreRegisteredByEpcAndTraceCodeAndSurviveAReopen() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            TestCatalogs.withDrugs(opened.catalog());
            List<Set<String>> told = new ArrayList<>();
            opened.catalog().addListener((codes, gtins) -> told.add(codes));
            JsonObject withProduction = item(TRACE_CODE, OTHER_GTIN, "L2", "2027-01-31");
            withProduction.addProperty("productionDate", "2025-01-15");
            CommandReply reply = new ItemsCommand(opened::catalog).handle(request("items",
                    command("items", "items", array(item(EPC_6789, GTIN, "A1B2C3", "2027-06-30"), withProduction))));
            assertEquals(ReplyStatus.OK, reply.status(), reply::toString);
            assertEquals(2, reply.result().get("applied").getAsInt());
            assertEquals(List.of(Set.of(EPC_6789, TRACE_CODE)), told);
            assertEquals(new RegisteredItem(EPC_6789, GTIN, "A1B2C3", LocalDate.of(2027, 6, 30), null, NOW),
                    opened.catalog().item(EPC_6789).orElseThrow());
        }
        try (TestCatalogs.Opened reopened = TestCatalogs.open(dir)) {
            RegisteredItem traced = reopened.catalog().item(TRACE_CODE).orElseThrow();
            assertEquals(new RegisteredItem(TRACE_CODE, OTHER_GTIN, "L2", LocalDate.of(2027, 1, 31),
                    LocalDate.of(2025, 1, 15), NOW), traced);
            assertEquals(GTIN, reopened.catalog().item(EPC_6789).orElseThrow().gtin());
        }
    }

    @Test
    void badRowsAreRejectedWithTheirReason() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            TestCatalogs.withDrugs(opened.catalog());
            JsonObject producedAfterExpiry = item(epc(5), GTIN, "B", "2027-01-01");
            producedAfterExpiry.addProperty("productionDate", "2027-02-01");
            JsonArray rows = array(
                    item(epc(1), GTIN, "B", "2027-01-01"),
                    item(EPC_6789, OTHER_GTIN, "B", "2027-01-01"),
                    item(epc("00614141999996", 2), "00614141999996", "B", "2027-01-01"),
                    item(epc(3).toLowerCase(), GTIN, "B", "2027-01-01"),
                    item(epc(4), GTIN, "B", "2027-02-30"),
                    producedAfterExpiry,
                    item(epc(1), GTIN, "B", "2027-01-01"),
                    item(epc(6), GTIN, "B\u00e4d", "2027-01-01"),
                    item("812345", GTIN, "B", "2027-01-01"));
            CommandReply reply = new ItemsCommand(opened::catalog).handle(request("items", command("items", "items", rows)));
            assertEquals(ReplyStatus.PARTIAL, reply.status());
            assertEquals(1, reply.result().get("applied").getAsInt());
            JsonArray rejected = reply.result().getAsJsonArray("rejected");
            assertEquals(8, rejected.size(), rejected::toString);
            assertRejected(rejected.get(0).getAsJsonObject(), 1, "/items/1/gtin", "the EPC encodes GTIN " + GTIN);
            assertEquals(EPC_6789, rejected.get(0).getAsJsonObject().get("code").getAsString());
            assertRejected(rejected.get(1).getAsJsonObject(), 2, "/items/2/gtin", "drug not in catalog");
            assertRejected(rejected.get(2).getAsJsonObject(), 3, "/items/3/code", "upper-case");
            assertRejected(rejected.get(3).getAsJsonObject(), 4, "/items/4/expiry", "not a date");
            assertRejected(rejected.get(4).getAsJsonObject(), 5, "/items/5/productionDate", "after expiry");
            assertRejected(rejected.get(5).getAsJsonObject(), 6, "/items/6/code", "already in this batch at row 0");
            assertRejected(rejected.get(6).getAsJsonObject(), 7, "/items/7/batch", "GS1");
            assertRejected(rejected.get(7).getAsJsonObject(), 8, "/items/8/code", "traceability code");
            assertEquals(1, opened.store().count("item"));
        }
    }

    @Test
    void theSameRowsAgainChangeNothingAndRemovalsAreIdempotentToo() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            TestCatalogs.withDrugs(opened.catalog());
            ItemsCommand handler = new ItemsCommand(opened::catalog);
            JsonObject payload = command("items", "items", array(item(epc(1), GTIN, "B1", "2027-01-01"),
                    item(epc(2), GTIN, "B1", "2027-01-01")));
            handler.handle(request("items", payload));
            CommandReply again = handler.handle(request("items", payload));
            assertEquals(ReplyStatus.OK, again.status());
            assertEquals(0, again.result().get("applied").getAsInt());
            assertEquals(2, again.result().get("unchanged").getAsInt());

            JsonObject removal = command("items", "items", new JsonArray());
            JsonArray codes = new JsonArray();
            codes.add(epc(1));
            codes.add(epc(9));
            removal.add("remove", codes);
            CommandReply removed = handler.handle(request("items", removal));
            assertEquals(ReplyStatus.OK, removed.status(), removed::toString);
            assertEquals(1, removed.result().get("removed").getAsInt());
            assertEquals(1, removed.result().get("unchanged").getAsInt());
            assertTrue(opened.catalog().item(epc(1)).isEmpty());
            CommandReply removedAgain = handler.handle(request("items", removal));
            assertEquals(0, removedAgain.result().get("removed").getAsInt());
            assertEquals(2, removedAgain.result().get("unchanged").getAsInt());
            assertEquals(1, opened.store().count("item"));
        }
        try (TestCatalogs.Opened reopened = TestCatalogs.open(dir)) {
            assertTrue(reopened.catalog().item(epc(1)).isEmpty());
            assertTrue(reopened.catalog().item(epc(2)).isPresent());
        }
    }

    @Test
    void aCodeBothRegisteredAndRemovedInOneCommandIsRejected() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            TestCatalogs.withDrugs(opened.catalog());
            JsonObject payload = command("items", "items", array(item(epc(1), GTIN, "B1", "2027-01-01")));
            JsonArray remove = new JsonArray();
            remove.add(epc(1));
            remove.add(7);
            payload.add("remove", remove);
            CommandReply reply = new ItemsCommand(opened::catalog).handle(request("items", payload));
            assertEquals(ReplyStatus.PARTIAL, reply.status());
            JsonArray rejected = reply.result().getAsJsonArray("rejected");
            assertRejected(rejected.get(0).getAsJsonObject(), 0, "/remove/0", "also registered by /items/0");
            assertRejected(rejected.get(1).getAsJsonObject(), 1, "/remove/1", "string");
            assertNull(rejected.get(1).getAsJsonObject().get("code"));
            assertTrue(opened.catalog().item(epc(1)).isPresent());
        }
    }

    @Test
    void aFullBatchIsStoredInWholeGroupsAndServedFromMemory() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            TestCatalogs.withDrugs(opened.catalog());
            List<Integer> groupSizes = new ArrayList<>();
            opened.catalog().addListener((codes, gtins) -> groupSizes.add(codes.size()));
            JsonArray rows = new JsonArray();
            for (int i = 1; i <= Rows.MAX_ROWS; i++) {
                rows.add(item(epc(i), GTIN, "B" + (i % 7), "2027-01-01"));
            }
            CommandReply reply = new ItemsCommand(opened::catalog).handle(request("items", command("items", "items", rows)));
            assertEquals(Rows.MAX_ROWS, reply.result().get("applied").getAsInt());
            assertEquals(Rows.MAX_ROWS / Catalog.ROWS_PER_TRANSACTION, groupSizes.size());
            assertTrue(groupSizes.stream().allMatch(n -> n == Catalog.ROWS_PER_TRANSACTION), groupSizes::toString);
            assertEquals(Rows.MAX_ROWS, opened.store().count("item"));
            Set<String> gtinInstances = new HashSet<>();
            for (int i = 1; i <= Rows.MAX_ROWS; i++) {
                gtinInstances.add(Integer.toHexString(System.identityHashCode(opened.catalog().item(epc(i)).orElseThrow().gtin())));
            }
            assertEquals(1, gtinInstances.size(), "every item shares its drug's GTIN string");
        }
    }

    @Test
    void aStorageFailurePartWayKeepsTheCommittedGroupsAndReportsExactlyThose() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            TestCatalogs.withDrugs(opened.catalog());
            // A real failure inside the database: the third group holds a row the table refuses.
            try (Connection c = TestCatalogs.dataSource(dir).getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE item ADD CONSTRAINT refuse_one CHECK (code <> '" + epc(1203) + "')");
            }
            List<Integer> groups = new ArrayList<>();
            opened.catalog().addListener((codes, gtins) -> groups.add(codes.size()));
            JsonArray rows = new JsonArray();
            for (int i = 1; i <= 2000; i++) {
                rows.add(item(epc(i), GTIN, "B1", "2027-01-01"));
            }
            CommandReply reply = new ItemsCommand(opened::catalog).handle(request("items", command("items", "items", rows)));
            assertEquals(ReplyStatus.FAILED, reply.status());
            assertEquals(1000, reply.result().get("applied").getAsInt());
            assertEquals(1000, reply.result().get("notApplied").getAsInt());
            assertTrue(reply.result().get("problem").getAsString().startsWith("storage failed"), reply::toString);
            assertEquals(List.of(500, 500), groups);
            assertEquals(1000, opened.store().count("item"), "the failed group was rolled back whole");
            assertTrue(opened.catalog().item(epc(1000)).isPresent());
            assertTrue(opened.catalog().item(epc(1001)).isEmpty(), "memory holds only what was committed");
        }
    }
}
