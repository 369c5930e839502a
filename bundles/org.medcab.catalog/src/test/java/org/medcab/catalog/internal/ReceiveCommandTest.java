package org.medcab.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.catalog.internal.TestCatalogs.EPC_6789;
import static org.medcab.catalog.internal.TestCatalogs.GTIN;
import static org.medcab.catalog.internal.TestCatalogs.OTHER_GTIN;
import static org.medcab.catalog.internal.TestCatalogs.TRACE_CODE;
import static org.medcab.catalog.internal.TestCatalogs.epc;
import static org.medcab.catalog.internal.TestCatalogs.request;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.ReplyStatus;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

class ReceiveCommandTest {
    private static final String GS = "\u001D";
    /** identifiers.md §3 worked example: the label of TDS vector 1, day-00 expiry. */
    static final String SCANNED = "]d20180614141123458" + "17270600" + "10A1B2C3" + GS + "216789";

    @TempDir
    Path dir;

    @Test
    void aScannedLabelRegistersTheUnitsTagWithTheLabelsBatchAndExpiry() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            TestCatalogs.withDrugs(opened.catalog());
            CommandReply reply = new ReceiveCommand(opened::catalog).handle(request("receive",
                    receive(unit("epc", EPC_6789, SCANNED),
                            unit("traceCode", TRACE_CODE, "(01)80614141123458(17)270600(11)250110(10)A1B2C3"))));
            assertEquals(ReplyStatus.OK, reply.status(), reply::toString);
            assertEquals(2, reply.result().get("applied").getAsInt());
            assertEquals("dock-1", reply.result().get("station").getAsString());
            RegisteredItem tagged = opened.catalog().item(EPC_6789).orElseThrow();
            assertEquals(GTIN, tagged.gtin());
            assertEquals("A1B2C3", tagged.batch());
            assertEquals(LocalDate.of(2027, 6, 30), tagged.expiry(), "day 00 is the month's last day");
            RegisteredItem traced = opened.catalog().item(TRACE_CODE).orElseThrow();
            assertEquals(LocalDate.of(2025, 1, 10), traced.productionDate());

            JsonArray units = reply.result().getAsJsonArray("units");
            assertEquals("registered", units.get(0).getAsJsonObject().get("outcome").getAsString());
            assertEquals(EPC_6789, units.get(0).getAsJsonObject().get("code").getAsString());
            JsonArray batches = reply.result().getAsJsonArray("batches");
            assertEquals(1, batches.size(), batches::toString);
            JsonObject pool = batches.get(0).getAsJsonObject();
            assertEquals(GTIN, pool.get("gtin").getAsString());
            assertEquals("A1B2C3", pool.get("batch").getAsString());
            assertEquals("2027-06-30", pool.get("expiry").getAsString());
            assertEquals(2, pool.get("codes").getAsInt());

            CommandReply again = new ReceiveCommand(opened::catalog).handle(request("receive",
                    receive(unit("epc", EPC_6789, SCANNED))));
            assertEquals("unchanged", again.result().getAsJsonArray("units").get(0).getAsJsonObject().get("outcome").getAsString());
            assertEquals(2, again.result().getAsJsonArray("batches").get(0).getAsJsonObject().get("codes").getAsInt());
        }
    }

    @Test
    void aUnitWhoseTagDisagreesWithItsLabelOrWhoseLabelIsIncompleteIsRejected() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            TestCatalogs.withDrugs(opened.catalog());
            JsonObject both = unit("epc", epc(9), SCANNED);
            both.addProperty("traceCode", TRACE_CODE);
            CommandReply reply = new ReceiveCommand(opened::catalog).handle(request("receive", receive(
                    unit("epc", epc(1), SCANNED),
                    unit("epc", epc(OTHER_GTIN, 6789), SCANNED),
                    unit("epc", EPC_6789, "]d2018061414112345817270600"),
                    unit("epc", epc(2), "]d20180614141123459" + "17270600" + "10A1"),
                    unit("epc", epc("00614141999996", 3), "(01)00614141999996(17)270600(10)X"),
                    both,
                    unit("traceCode", "8123", "(01)80614141123458(17)270600(10)A"),
                    unit("epc", EPC_6789, SCANNED),
                    unit("epc", EPC_6789, SCANNED))));
            assertEquals(ReplyStatus.PARTIAL, reply.status());
            JsonArray units = reply.result().getAsJsonArray("units");
            assertUnit(units, 0, "/units/0/epc", "serial 1, the label says 6789");
            assertUnit(units, 1, "/units/1/epc", "the label says " + GTIN);
            assertUnit(units, 2, "/units/2/label", "no batch");
            assertUnit(units, 3, "/units/3/label", "");
            assertUnit(units, 4, "/units/4/label", "not in catalog");
            assertUnit(units, 5, "/units/5", "either an epc or a traceCode");
            assertUnit(units, 6, "/units/6/traceCode", "8 followed by 19 digits");
            assertEquals("registered", units.get(7).getAsJsonObject().get("outcome").getAsString());
            assertUnit(units, 8, "/units/8", "already in this request at unit 7");
            assertEquals(1, reply.result().get("applied").getAsInt());
            assertEquals(8, reply.result().getAsJsonArray("rejected").size());
            assertEquals(1, opened.store().count("item"));
        }
    }

    @Test
    void aRequestWithoutStationIsRefusedAsAWhole() throws Exception {
        try (TestCatalogs.Opened opened = TestCatalogs.open(dir)) {
            JsonObject payload = receive(unit("epc", EPC_6789, SCANNED));
            payload.remove("station");
            assertEquals("/station", assertThrows(CommandRejectedException.class,
                    () -> new ReceiveCommand(opened::catalog).handle(request("receive", payload))).field());
        }
    }

    @Test
    void aPrintedLabelBecomesScanDataWithSeparatorsAfterVariableFields() {
        assertEquals("0180614141123458" + "17270600" + "10A1B2C3" + GS + "216789",
                ReceiveCommand.scanData("(01)80614141123458(17)270600(10)A1B2C3(21)6789"));
        assertEquals(SCANNED, ReceiveCommand.scanData(SCANNED));
        assertEquals("(01)806(x", ReceiveCommand.scanData("(01)806(x"), "not bracketed throughout: left to the parser");
    }

    static void assertUnit(JsonArray units, int index, String field, String problemPart) {
        JsonObject unit = units.get(index).getAsJsonObject();
        assertEquals("rejected", unit.get("outcome").getAsString(), unit::toString);
        assertEquals(field, unit.get("field").getAsString(), unit::toString);
        assertTrue(unit.get("problem").getAsString().contains(problemPart), unit::toString);
    }

    static JsonObject unit(String kind, String code, String label) {
        JsonObject unit = new JsonObject();
        unit.addProperty(kind, code);
        unit.addProperty("label", label);
        return unit;
    }

    static JsonObject receive(JsonObject... units) {
        JsonObject p = TestCatalogs.command("receive", "units", TestCatalogs.array(units));
        p.addProperty("station", "dock-1");
        return p;
    }
}
