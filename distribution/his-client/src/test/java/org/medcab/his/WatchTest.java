package org.medcab.his;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.lab.MosquittoBroker;

/** watch against a real Mosquitto, a test publisher playing two gateways and injecting faults. */
class WatchTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    @TempDir
    static Path dir;
    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Assumptions.assumeTrue(MosquittoBroker.binary().isPresent(),
                "mosquitto is not installed (apt-get install mosquitto): tests against a real broker skipped");
        broker = MosquittoBroker.start(dir, false);
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    static String message(String schema, long seq, String id, String gateway, String time, String body) {
        return "{\"schema\":\"" + schema + "\",\"id\":\"" + id + "\",\"seq\":" + seq + ",\"site\":\"site1\",\"gateway\":\""
                + gateway + "\",\"time\":\"" + time + "\"" + (body.isEmpty() ? "" : "," + body) + "}";
    }

    private static final String A = "0f8fad5b-d9cb-469f-a165-70867728950a";
    private static final String B = "0f8fad5b-d9cb-469f-a165-70867728950b";
    private static final String C = "0f8fad5b-d9cb-469f-a165-70867728950c";
    private static final String D = "0f8fad5b-d9cb-469f-a165-70867728950d";
    private static final String E = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String F = "0f8fad5b-d9cb-469f-a165-70867728950f";

    /** A gap, a resend, a late arrival and a seq reused by another id on cab1; an orderly cab2. */
    private static List<String[]> faultyStreams() {
        return List.of(
                new String[] {"medcab/site1/cab1/birth", message("medcab/birth/1", 10, A, "cab1", "2026-01-05T10:00:00Z",
                        "\"bundles\":[{\"name\":\"org.medcab.mqtt\",\"version\":\"0.1.0\"}],"
                                + "\"readers\":[{\"id\":\"r1\",\"bus\":\"bus1\",\"address\":1,\"online\":true}],\"readersOnline\":1")},
                new String[] {"medcab/site1/cab1/inventory/A1", message("medcab/zone-inventory/1", 11, B, "cab1",
                        "2026-01-05T10:00:01Z", "\"cycle\":3,\"zone\":\"A1\",\"state\":\"known\",\"items\":[\"AA\",\"BB\"],\"count\":2")},
                new String[] {"medcab/site1/cab1/events/inventory", message("medcab/inventory-event/1", 14, C, "cab1",
                        "2026-01-05T10:00:02Z", "\"cycle\":3,\"durationMs\":1500,\"passes\":3,\"stable\":true,"
                                + "\"zones\":[{\"zone\":\"A1\",\"state\":\"known\",\"count\":2,\"added\":[\"BB\"],\"removed\":[]}]")},
                new String[] {"medcab/site1/cab1/inventory/A1", message("medcab/zone-inventory/1", 11, B, "cab1",
                        "2026-01-05T10:00:01Z", "\"cycle\":3,\"zone\":\"A1\",\"state\":\"known\",\"items\":[\"AA\",\"BB\"],\"count\":2")},
                new String[] {"medcab/site1/cab1/events/reader", message("medcab/reader-event/1", 12, D, "cab1",
                        "2026-01-05T10:00:03Z", "\"reader\":\"r2\",\"bus\":\"bus1\",\"address\":2,\"online\":false,"
                                + "\"timeouts\":3,\"checksumErrors\":1,\"lastSeen\":null")},
                new String[] {"medcab/site1/cab1/death", message("medcab/death/1", 14, E, "cab1", "2026-01-05T10:00:04Z", "")},
                new String[] {"medcab/site1/cab2/birth", message("medcab/birth/1", 3, F, "cab2", "2026-01-05T10:00:05Z",
                        "\"bundles\":[],\"readers\":[],\"readersOnline\":0")});
    }

    @Test
    void reportsGapsDuplicatesLateArrivalsAndViolationsPerGateway() throws Exception {
        Cli watch = Cli.start("watch", "--broker", broker.url(), "--site", "site1", "--count", "7");
        watch.awaitErr("watching medcab/site1/+/# on " + broker.url(), TIMEOUT);
        try (Mqtt gateway = Mqtt.connect(broker.url())) {
            for (String[] m : faultyStreams()) {
                gateway.publish(m[0], m[1]);
            }
        }
        assertEquals(Exit.VIOLATION, watch.exit(TIMEOUT), watch.err());
        assertEquals(List.of(
                "2026-01-05T10:00:00Z cab1 birth seq 10: gateway online, readers 1/1 online, 1 bundles org.medcab.mqtt 0.1.0",
                "2026-01-05T10:00:01Z cab1 inventory/A1 seq 11: zone A1 known: 2 items",
                "GAP cab1: seq 12..13 missing (2 messages) before seq 14",
                "2026-01-05T10:00:02Z cab1 events/inventory seq 14: inventory cycle 3 (1500 ms, 3 passes, stable): A1 2 (+1 -0)",
                "DUPLICATE cab1: seq 11 id " + B + " seen before (a QoS 1 resend; drop it)",
                "2026-01-05T10:00:01Z cab1 inventory/A1 seq 11: zone A1 known: 2 items",
                "LATE cab1: seq 12 arrived after seq 14 (a resend or the last will); still missing: 13",
                "2026-01-05T10:00:03Z cab1 events/reader seq 12: reader r2 (bus1 address 2) OFFLINE, 3 timeouts, 1 checksum errors",
                "!!! PROTOCOL VIOLATION cab1: seq 14 carried by two messages, id " + C + " and id " + E,
                "2026-01-05T10:00:04Z cab1 death seq 14: gateway offline",
                "2026-01-05T10:00:05Z cab2 birth seq 3: gateway online, readers 0/0 online, 0 bundles",
                "SUMMARY cab1: 6 messages, seq 10..14, 1 duplicates, 1 protocol violations, 1 late, missing 1: 13",
                "SUMMARY cab2: 1 messages, seq 3, 0 duplicates, 0 protocol violations, 0 late, missing 0: none",
                "SUMMARY total: 2 gateway(s), 7 messages, 1 duplicates, 1 protocol violations, 1 missing"),
                watch.outLines());
    }

    @Test
    void jsonPrintsThePayloadsAsReceivedAndTheReportsOnStandardError() throws Exception {
        Cli watch = Cli.start("watch", "--broker", broker.url(), "--gateway", "cab7", "--json", "--seconds", "2");
        watch.awaitErr("watching medcab/site1/cab7/# on " + broker.url(), TIMEOUT);
        String first = message("medcab/death/1", 1, A, "cab7", "2026-01-05T10:00:00Z", "");
        String third = message("medcab/death/1", 3, C, "cab7", "2026-01-05T10:00:01Z", "");
        try (Mqtt gateway = Mqtt.connect(broker.url())) {
            gateway.publish("medcab/site1/cab7/death", first);
            gateway.publish("medcab/site1/cab8/death", message("medcab/death/1", 1, B, "cab8", "2026-01-05T10:00:00Z", ""));
            gateway.publish("medcab/site1/cab7/death", third);
            gateway.publish("medcab/site1/cab7/events/inventory", "not json");
        }
        assertEquals(Exit.OK, watch.exit(TIMEOUT));
        assertEquals(List.of(first, third, "not json"), watch.outLines(), "only cab7, exactly as sent");
        assertTrue(watch.err().contains("GAP cab7: seq 2 missing (1 messages) before seq 3\n"), watch.err());
        assertTrue(watch.err().contains("UNREADABLE cab7 events/inventory: 8 bytes that are not a JSON object\n"), watch.err());
        assertTrue(watch.err().contains("SUMMARY cab7: 2 messages, seq 1..3, 0 duplicates, 0 protocol violations, 0 late,"
                + " missing 1: 2\n"), watch.err());
    }

    @Test
    void retainedSnapshotsAreMarkedAndOpenNoGap() throws Exception {
        String old = message("medcab/zone-inventory/1", 50, A, "cab5", "2026-01-05T09:00:00Z",
                "\"cycle\":1,\"zone\":\"B2\",\"state\":\"unknown\",\"items\":[],\"count\":0");
        try (Mqtt gateway = Mqtt.connect(broker.url())) {
            MqttMessage retained = new MqttMessage(old.getBytes(StandardCharsets.UTF_8));
            retained.setQos(1);
            retained.setRetained(true);
            gateway.client.publish("medcab/site1/cab5/inventory/B2", retained);
            Cli watch = Cli.start("watch", "--broker", broker.url(), "--gateway", "cab5", "--count", "2");
            watch.awaitErr("watching", TIMEOUT);
            gateway.publish("medcab/site1/cab5/death", message("medcab/death/1", 60, B, "cab5", "2026-01-05T10:00:00Z", ""));
            assertEquals(Exit.OK, watch.exit(TIMEOUT));
            assertEquals(List.of("2026-01-05T09:00:00Z cab5 inventory/B2 (retained) seq 50: zone B2 unknown: 0 items",
                    "2026-01-05T10:00:00Z cab5 death seq 60: gateway offline"), watch.outLines().subList(0, 2));
            assertTrue(watch.out().contains("SUMMARY cab5: 2 messages, seq 50..60, 0 duplicates, 0 protocol violations,"
                    + " 0 late, missing 0: none"), watch.out());
            gateway.client.publish("medcab/site1/cab5/inventory/B2", new byte[0], 1, true); // clear the retained copy
        }
    }

    @Test
    void aPersistentSessionGetsWhatWasSentWhileWatchWasStopped() throws Exception {
        Cli first = Cli.start("watch", "--broker", broker.url(), "--client-id", "his-night", "--seconds", "1");
        first.awaitErr("watching", TIMEOUT);
        assertEquals(Exit.OK, first.exit(TIMEOUT));
        try (Mqtt gateway = Mqtt.connect(broker.url())) {
            gateway.publish("medcab/site1/cab9/death", message("medcab/death/1", 5, D, "cab9", "2026-01-05T11:00:00Z", ""));
        }
        Cli second = Cli.run("watch", "--broker", broker.url(), "--client-id", "his-night", "--count", "1");
        assertEquals("2026-01-05T11:00:00Z cab9 death seq 5: gateway offline", second.outLines().get(0), second.out());
    }
}
