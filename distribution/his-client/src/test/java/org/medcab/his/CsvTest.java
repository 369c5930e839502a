package org.medcab.his;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** CSV input: exact payloads for good files, every error named by line and column for bad ones. */
class CsvTest {
    private static Options none() throws UsageException {
        return Options.parse(List.of(), Set.of(), Set.of("replace"));
    }

    private static String errors(CsvCommand command, String text) {
        return assertThrows(InputException.class, () -> command.payloads("f.csv", text, 1000, none())).getMessage();
    }

    @Test
    void itemsBecomeTheAgreedPayloadWhateverTheColumnOrder() throws Exception {
        List<JsonObject> payloads = new ItemsCommand().payloads("items.csv", "\uFEFFgtin,code,expiry,batch\r\n"
                + "04012345000016,3074257BF7194E4000001A85,2027-03-31,\"B,1\"\r\n\r\n", 1000, none());
        assertEquals(List.of(JsonParser.parseString("{\"items\":[{\"code\":\"3074257BF7194E4000001A85\","
                + "\"gtin\":\"04012345000016\",\"batch\":\"B,1\",\"expiry\":\"2027-03-31\"}]}")), payloads);
    }

    @Test
    void parLevelsAreOneCommandWithTheReplaceFlag() throws Exception {
        StringBuilder csv = new StringBuilder("zone,gtin,level,reorderPoint\n");
        for (int i = 0; i < 1500; i++) {
            csv.append("Z").append(i).append(",04012345000016,10,\n");
        }
        List<JsonObject> payloads = new ParLevelsCommand().payloads("levels.csv", csv.toString(), 1000,
                Options.parse(List.of("--replace"), Set.of(), Set.of("replace")));
        assertEquals(1, payloads.size());
        assertEquals(1500, payloads.get(0).getAsJsonArray("levels").size());
        assertEquals(true, payloads.get(0).get("replace").getAsBoolean());
        assertEquals(JsonParser.parseString("{\"zone\":\"Z0\",\"gtin\":\"04012345000016\",\"level\":10}"),
                payloads.get(0).getAsJsonArray("levels").get(0));
    }

    @Test
    void theCatalogIsBatched() throws Exception {
        StringBuilder csv = new StringBuilder("gtin,name\n");
        for (String gtin : List.of("04012345000016", "04012345000023", "04012345000030")) {
            csv.append(gtin).append(",Drug ").append(gtin).append('\n');
        }
        List<JsonObject> payloads = new CatalogCommand().payloads("drugs.csv", csv.toString(), 2, none());
        assertEquals(List.of(2, 1), payloads.stream().map(p -> p.getAsJsonArray("drugs").size()).toList());
    }

    @Test
    void headerErrorsAreNamed() {
        assertEquals("3 error(s) in f.csv:\n"
                + "f.csv line 1: column 'gtin' appears twice\n"
                + "f.csv line 1: unknown column 'expiryDate' (known: code,gtin,batch,expiry,productionDate)\n"
                + "f.csv line 1: the required column 'expiry' is missing",
                errors(new ItemsCommand(), "code,gtin,gtin,batch,expiryDate\n"));
        assertEquals("1 error(s) in f.csv:\nf.csv: empty, expected a header line with the columns gtin,name",
                errors(new CatalogCommand(), ""));
        assertEquals("1 error(s) in f.csv:\nf.csv: no rows after the header", errors(new CatalogCommand(), "gtin,name\n"));
    }

    @Test
    void everyBadCellIsNamedByLineAndColumn() {
        String csv = "code,gtin,batch,expiry,productionDate\n"
                + "3074257BF7194E4000001A85,04012345000016,B1,2027-03-31,\n"
                + "3074257bf7194e4000001a86,04012345000016,B1,2027-13-01,\n"
                + "3074257BF7194E4000001A85,0401234500001,,2027-03-31,2028-01-01\n"
                + "80123456789012345678,04012345000016,B2,2027-03-31,2028-01-01\n"
                + "80123456789012345679,04012345000016,\"B3,2027-03-31,\n"
                + "80123456789012345670,04012345000016,B4\n";
        assertEquals("9 error(s) in f.csv:\n"
                + "f.csv line 3, column code: '3074257bf7194e4000001a86' is not an EPC (24..64 upper-case hex digits) or a 20-digit traceability code\n"
                + "f.csv line 3, column expiry: '2027-13-01' is not a date YYYY-MM-DD\n"
                + "f.csv line 4, column code: '3074257BF7194E4000001A85' already on line 2\n"
                + "f.csv line 4, column gtin: '0401234500001' is not a GTIN-14 (14 digits)\n"
                + "f.csv line 4, column batch: empty, a value is required\n"
                + "f.csv line 4, column productionDate: 2028-01-01 is after the expiry 2027-03-31\n"
                + "f.csv line 5, column productionDate: 2028-01-01 is after the expiry 2027-03-31\n"
                + "f.csv line 6: a quoted field is not closed\n"
                + "f.csv line 7: 3 fields, the header has 5", errors(new ItemsCommand(), csv));
    }

    @Test
    void parLevelsRefuseNegativeNumbersAndRepeatedZoneDrugPairs() {
        assertEquals("3 error(s) in f.csv:\n"
                + "f.csv line 3, column level: -1 is below 0\n"
                + "f.csv line 4, column gtin: 'A1 04012345000016' already on line 2\n"
                + "f.csv line 5, column zone: 'A/2' is not a zone id (1..64 characters without '/', '+', '#')",
                errors(new ParLevelsCommand(), "zone,gtin,level,reorderPoint\nA1,04012345000016,10,2\n"
                        + "A2,04012345000016,-1,\nA1,04012345000016,12,\nA/2,04012345000023,1,0\n"));
    }

    @Test
    void manyErrorsAreCutShort() {
        StringBuilder csv = new StringBuilder("gtin,name\n");
        for (int i = 0; i < 40; i++) {
            csv.append("x,n\n");
        }
        String message = errors(new CatalogCommand(), csv.toString());
        assertEquals("40 error(s) in f.csv:", message.lines().findFirst().orElseThrow());
        assertEquals("... and 15 more", message.lines().reduce((a, b) -> b).orElseThrow());
    }
}
