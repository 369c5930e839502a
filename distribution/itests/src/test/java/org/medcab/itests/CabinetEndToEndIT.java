package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.medcab.lab.ChildProcess;
import org.medcab.simulator.Scenario;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The whole cabinet as it runs in a hospital, with only the radio simulated: the reader simulator as
 * its own process on one end of a socat serial line, the assembled gateway as its own process on the
 * other, and a real Mosquitto between the gateway and the hospital. The hospital side must see every
 * item of the scenario in its true zone, and an unreadable zone reported as unknown, never as empty.
 */
public class CabinetEndToEndIT {
    private static final String SITE = "ward7";
    private static final String GATEWAY = "cab-e2e";
    private static final String PREFIX = "medcab/" + SITE + "/" + GATEWAY + "/";
    private static final int CONSECUTIVE_CYCLES = 10;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private ProcessCabinet cabinet;
    private Scenario scenario;
    private Map<String, Set<String>> truth;
    private ChildProcess simulator;
    private HospitalSubscriber hospital;

    @Before
    public void startCabinet() throws Exception {
        cabinet = ProcessCabinet.start(temp.getRoot().toPath(), SITE, GATEWAY);
        scenario = Scenario.load(cabinet.scenarioFile);
        truth = new TreeMap<>();
        for (Scenario.Tag tag : scenario.tags()) {
            truth.computeIfAbsent(tag.zone(), z -> new TreeSet<>()).add(tag.epc());
        }
        simulator = cabinet.simulator;
        hospital = cabinet.hospital;
        cabinet.startGateway();
    }

    @After
    public void stopCabinet() {
        if (cabinet != null) {
            cabinet.close();
        }
    }

    @Test
    public void everyItemInItsTrueZoneForTenCyclesAndSilencedReaderMakesItsZonesUnknown() throws Exception {
        HospitalSubscriber.Message birth = hospital.await(0, m -> m.topic().equals(PREFIX + "birth"), 60, "birth message");
        assertEquals("medcab/birth/1", birth.json().get("schema").getAsString());

        // Ten consecutive cycles, each with every zone known and holding exactly its true items.
        long first = cycleOf(hospital.await(0, this::isInventoryEvent, 120, "first inventory event"));
        for (long cycle = first; cycle < first + CONSECUTIVE_CYCLES; cycle++) {
            Map<String, JsonObject> zones = snapshotsOf(cycle);
            for (Map.Entry<String, Set<String>> zone : truth.entrySet()) {
                JsonObject snapshot = zones.get(zone.getKey());
                assertEquals("cycle " + cycle + " zone " + zone.getKey(), "known", snapshot.get("state").getAsString());
                assertEquals("cycle " + cycle + " zone " + zone.getKey() + " items", zone.getValue(), items(snapshot));
            }
            assertEquals("cycle " + cycle + ": zones reported", truth.keySet(), zones.keySet());
        }

        // Silence one reader: its zones become unknown, keep their last known items, and an offline event is raised.
        Scenario.Reader silenced = scenario.readers().get(0);
        Set<String> silencedZones = new TreeSet<>();
        silenced.antennas().forEach(a -> silencedZones.add(a.zone()));
        int mark = hospital.size();
        simulator.send("silence " + silenced.address());
        HospitalSubscriber.Message offline = hospital.await(mark, m -> m.topic().equals(PREFIX + "events/reader")
                && m.json().get("reader").getAsString().equals(silenced.id())
                && !m.json().get("online").getAsBoolean(), 120, "reader offline event");
        long unknownCycle = cycleOf(hospital.await(mark, m -> isInventoryEvent(m)
                && zoneStates(m).entrySet().stream().anyMatch(z -> z.getValue().equals("unknown")), 120,
                "inventory event with unknown zones"));
        Map<String, JsonObject> during = snapshotsOf(unknownCycle);
        for (Map.Entry<String, Set<String>> zone : truth.entrySet()) {
            JsonObject snapshot = during.get(zone.getKey());
            boolean silencedZone = silencedZones.contains(zone.getKey());
            assertEquals("zone " + zone.getKey() + " while reader " + silenced.id() + " is silent",
                    silencedZone ? "unknown" : "known", snapshot.get("state").getAsString());
            assertEquals("zone " + zone.getKey() + " items while reader " + silenced.id() + " is silent",
                    zone.getValue(), items(snapshot));
        }
        assertFalse(offline.json().get("online").getAsBoolean());

        // Resume it: its zones recover with their true items, and an online event is raised.
        mark = hospital.size();
        simulator.send("resume " + silenced.address());
        hospital.await(mark, m -> m.topic().equals(PREFIX + "events/reader")
                && m.json().get("reader").getAsString().equals(silenced.id())
                && m.json().get("online").getAsBoolean(), 120, "reader online event");
        long recovered = cycleOf(hospital.await(mark, m -> isInventoryEvent(m)
                && zoneStates(m).values().stream().allMatch("known"::equals), 120, "inventory event with all zones known"));
        Map<String, JsonObject> after = snapshotsOf(recovered);
        for (Map.Entry<String, Set<String>> zone : truth.entrySet()) {
            assertEquals("zone " + zone.getKey() + " after recovery", "known", after.get(zone.getKey()).get("state").getAsString());
            assertEquals("zone " + zone.getKey() + " items after recovery", zone.getValue(), items(after.get(zone.getKey())));
        }
        assertSequenceStrictlyIncreasing();
    }

    private boolean isInventoryEvent(HospitalSubscriber.Message m) {
        return m.topic().equals(PREFIX + "events/inventory");
    }

    private static long cycleOf(HospitalSubscriber.Message m) {
        return m.json().get("cycle").getAsLong();
    }

    private static Map<String, String> zoneStates(HospitalSubscriber.Message event) {
        Map<String, String> states = new HashMap<>();
        for (JsonElement z : event.json().getAsJsonArray("zones")) {
            states.put(z.getAsJsonObject().get("zone").getAsString(), z.getAsJsonObject().get("state").getAsString());
        }
        return states;
    }

    /** The zone snapshots of one cycle, waiting until every zone's has arrived. */
    private Map<String, JsonObject> snapshotsOf(long cycle) throws InterruptedException {
        Map<String, JsonObject> zones = new TreeMap<>();
        for (String zone : truth.keySet()) {
            zones.put(zone, hospital.await(0, m -> m.topic().equals(PREFIX + "inventory/" + zone)
                    && m.json().get("cycle").getAsLong() == cycle, 120, "snapshot of zone " + zone + " for cycle " + cycle).json());
        }
        return zones;
    }

    private static Set<String> items(JsonObject snapshot) {
        Set<String> items = new TreeSet<>();
        snapshot.getAsJsonArray("items").forEach(e -> items.add(e.getAsString()));
        assertEquals("count matches items", items.size(), snapshot.get("count").getAsInt());
        return items;
    }

    private void assertSequenceStrictlyIncreasing() {
        long previous = -1;
        for (HospitalSubscriber.Message m : hospital.snapshot()) {
            if (m.retained()) {
                continue; // a retained copy is an old message delivered again on subscribe
            }
            long seq = m.json().get("seq").getAsLong();
            assertTrue("seq " + seq + " after " + previous + " on " + m.topic(), seq > previous);
            previous = seq;
        }
    }

}
