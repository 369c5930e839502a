package org.medcab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReportsTest {
    private final Reports reports = new Reports("medcab", "site1", "cabinet1");

    private static String head(long seq, String schema) {
        return "\"schema\": \"" + schema + "\", \"id\": \"0b3a\", \"seq\": " + seq
                + ", \"site\": \"site1\", \"gateway\": \"cabinet1\", \"time\": \"2024-05-01T10:00:00Z\"";
    }

    @Test
    void anInventoryCycleIsOneLinePerZoneWithItsChanges() {
        List<String> lines = reports.describe("medcab/site1/cabinet1/events/inventory", "{" + head(5, "medcab/inventory-event/1")
                + ", \"cycle\": 3, \"durationMs\": 4210, \"passes\": 7, \"stable\": true, \"zones\": ["
                + "{\"zone\": \"A1\", \"state\": \"known\", \"count\": 52, \"added\": [], \"removed\": []},"
                + "{\"zone\": \"A2\", \"state\": \"known\", \"count\": 9, \"added\": [\"3074257BF7194E4000001A85\"],"
                + " \"removed\": [\"3074257BF7194E4000001A86\", \"3074257BF7194E4000001A87\"]},"
                + "{\"zone\": \"B1\", \"state\": \"unknown\", \"count\": 0, \"added\": [], \"removed\": []}]}", false);
        assertEquals(List.of(
                "zone A1   known      52 items  (+0 -0)  cycle 3",
                "zone A2   known       9 items  (+1 -2)  cycle 3",
                "            + 3074257BF7194E4000001A85",
                "            - 3074257BF7194E4000001A86",
                "            - 3074257BF7194E4000001A87",
                "zone B1   unknown     0 items  (+0 -0)  cycle 3",
                "cycle 3: 4210 ms, 7 passes, stable"), lines);
    }

    @Test
    void longChangeListsAreCut() {
        StringBuilder added = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            added.append(i == 0 ? "" : ",").append("\"E").append(i).append('"');
        }
        List<String> lines = reports.describe("medcab/site1/cabinet1/events/inventory", "{" + head(1, "x")
                + ", \"cycle\": 1, \"durationMs\": 1, \"passes\": 3, \"stable\": false, \"zones\": ["
                + "{\"zone\": \"A1\", \"state\": \"known\", \"count\": 8, \"added\": [" + added + "], \"removed\": []}]}",
                false);
        assertEquals("            + ... and 3 more", lines.get(6));
        assertEquals("cycle 1: 1 ms, 3 passes, NOT stable (ended by the time limit)", lines.get(7));
    }

    @Test
    void birthDeathAndReaderEvents() {
        assertEquals(List.of("gateway cabinet1 ONLINE: 1 of 2 readers online, 9 bundles; offline: r2 (bus bus1, address 2)"),
                reports.describe("medcab/site1/cabinet1/birth", "{" + head(1, "medcab/birth/1")
                        + ", \"bundles\": [{},{},{},{},{},{},{},{},{}], \"readersOnline\": 1, \"readers\": ["
                        + "{\"id\": \"r1\", \"bus\": \"bus1\", \"address\": 1, \"online\": true},"
                        + "{\"id\": \"r2\", \"bus\": \"bus1\", \"address\": 2, \"online\": false}]}", false));
        assertEquals(List.of("reader r2 OFFLINE (bus bus1, address 2): 3 timeouts, 0 checksum errors, last seen 2024-05-01T09:59:58Z"),
                reports.describe("medcab/site1/cabinet1/events/reader", "{" + head(2, "medcab/reader-event/1")
                        + ", \"reader\": \"r2\", \"bus\": \"bus1\", \"address\": 2, \"online\": false, \"timeouts\": 3,"
                        + " \"checksumErrors\": 0, \"lastSeen\": \"2024-05-01T09:59:58Z\"}", false));
        assertEquals(List.of("reader r2 back ONLINE (bus bus1, address 2)"),
                reports.describe("medcab/site1/cabinet1/events/reader", "{" + head(3, "medcab/reader-event/1")
                        + ", \"reader\": \"r2\", \"bus\": \"bus1\", \"address\": 2, \"online\": true, \"timeouts\": 3,"
                        + " \"checksumErrors\": 0, \"lastSeen\": \"2024-05-01T10:00:01Z\"}", false));
        // The death message is prepared when the gateway connects: its seq is old by design.
        assertEquals(List.of("gateway cabinet1 OFFLINE (death message)"),
                reports.describe("medcab/site1/cabinet1/death", "{" + head(0, "medcab/death/1") + "}", false));
    }

    @Test
    void zoneSnapshotsPrintOnlyWhenKeptByTheBroker() {
        String snapshot = "{" + head(4, "medcab/zone-inventory/1")
                + ", \"cycle\": 2, \"zone\": \"A1\", \"state\": \"known\", \"items\": [\"E1\", \"E2\"], \"count\": 2}";
        assertEquals(List.of(), reports.describe("medcab/site1/cabinet1/inventory/A1", snapshot, false));
        assertEquals(List.of("zone A1   known       2 items  cycle 2  (kept by the broker from before)"),
                reports.describe("medcab/site1/cabinet1/inventory/A1", snapshot, true));
    }

    @Test
    void missingAndRepeatedSequenceNumbersAreNoted() {
        String reader = ", \"reader\": \"r1\", \"bus\": \"bus1\", \"address\": 1, \"online\": true, \"timeouts\": 0,"
                + " \"checksumErrors\": 0, \"lastSeen\": \"x\"}";
        assertEquals(1, reports.describe("medcab/site1/cabinet1/events/reader", "{" + head(10, "r") + reader, false).size());
        List<String> gap = reports.describe("medcab/site1/cabinet1/events/reader", "{" + head(13, "r") + reader, false);
        assertEquals("  note: seq jumped from 10 to 13 (2 message(s) missing)", gap.get(1));
        List<String> repeat = reports.describe("medcab/site1/cabinet1/events/reader", "{" + head(13, "r") + reader, false);
        assertEquals("  note: seq 13 arrived after seq 13 (a duplicate, or out of order)", repeat.get(1));
        assertEquals(1, reports.describe("medcab/site1/cabinet1/events/reader", "{" + head(14, "r") + reader, false).size());
        // Live zone snapshots are not printed, but they count: no false gap after them.
        assertEquals(List.of(), reports.describe("medcab/site1/cabinet1/inventory/A1", "{" + head(15, "z")
                + ", \"cycle\": 2, \"zone\": \"A1\", \"state\": \"known\", \"items\": [], \"count\": 0}", false));
        assertEquals(1, reports.describe("medcab/site1/cabinet1/events/reader", "{" + head(16, "r") + reader, false).size());
    }

    @Test
    void aMessageAgainstTheContractIsRefusedWithTheReason() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> reports.describe("medcab/site1/cabinet1/birth", "{not json", false));
        assertTrue(notJson.getMessage().startsWith("not JSON"), notJson.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> reports.describe("medcab/site1/cabinet1/events/inventory", "{" + head(1, "x") + ", \"cycle\": 1}", false));
        assertEquals("no 'zones'", missing.getMessage());
        IllegalArgumentException notBool = assertThrows(IllegalArgumentException.class,
                () -> reports.describe("medcab/site1/cabinet1/events/reader", "{" + head(1, "x")
                        + ", \"reader\": \"r1\", \"bus\": \"b\", \"address\": 1, \"online\": \"yes\"}", false));
        assertEquals("'online' is not true or false", notBool.getMessage());
    }

    @Test
    void zoneStatusLampAlarmAndReplyAreOneLineEach() {
        assertEquals(List.of("zone A1   CRITICAL (was expiring) ALARM: unregistered 1 item(s); below-par Paracetamol 1 of 4"),
                reports.describe("medcab/site1/cabinet1/events/zone-status", "{" + head(1, "medcab/zone-status/1")
                        + ", \"zone\": \"A1\", \"condition\": \"critical\", \"previous\": \"expiring\", \"alarm\": true,"
                        + " \"localDate\": \"2024-05-01\", \"reasons\": [{\"kind\": \"unregistered\", \"items\": [\"00AB\"]},"
                        + " {\"kind\": \"below-par\", \"gtin\": \"04012345000016\", \"drug\": \"Paracetamol\", \"items\": [],"
                        + " \"required\": 4, \"present\": 1}]}", false));
        assertEquals(List.of("lamp A2   green  blink-slow (pick)"),
                reports.describe("medcab/site1/cabinet1/led/A2", "{" + head(2, "medcab/led/1")
                        + ", \"zone\": \"A2\", \"colour\": \"green\", \"pattern\": \"blink-slow\", \"reason\": \"pick\"}", false));
        assertEquals(List.of("ALARM unregistered-item raised in zone A3: 1 item(s) not registered"),
                reports.describe("medcab/site1/cabinet1/events/alarm", "{" + head(3, "medcab/alarm/1")
                        + ", \"alarm\": \"unregistered-item\", \"state\": \"raised\", \"zone\": \"A3\", \"items\": [],"
                        + " \"detail\": \"1 item(s) not registered\"}", false));
        assertEquals(List.of("reply to cmd/items (r-1): partial [applied=3, rejected=1 entries]"),
                reports.describe("medcab/site1/cabinet1/reply/items", "{" + head(4, "medcab/reply/items/1")
                        + ", \"command\": \"items\", \"requestId\": \"r-1\", \"correlationId\": \"r-1\", \"status\": \"partial\","
                        + " \"received\": \"2024-05-01T10:00:00Z\", \"durationMs\": 5,"
                        + " \"result\": {\"applied\": 3, \"rejected\": [{\"index\": 0}]}}", false));
    }

    @Test
    void theHospitalsOwnCommandsPrintNothing() {
        assertEquals(List.of(), reports.describe("medcab/site1/cabinet1/cmd/catalog",
                "{\"schema\": \"medcab/cmd/catalog/1\", \"requestId\": \"r-1\", \"drugs\": []}", false));
    }
}
