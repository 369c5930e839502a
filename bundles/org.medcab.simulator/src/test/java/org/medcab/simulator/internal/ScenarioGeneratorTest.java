package org.medcab.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.medcab.simulator.Scenario;
import org.medcab.simulator.Scenario.Antenna;
import org.medcab.simulator.Scenario.Reader;
import org.medcab.simulator.Scenario.Tag;

/** The committed demo cabinet is what the generator makes, and it has the properties the generator promises. */
class ScenarioGeneratorTest {
    @Test
    void regeneratingGivesTheCommittedFile() throws Exception {
        String committed;
        try (InputStream in = Scenario.class.getResourceAsStream(Scenario.DEMO_RESOURCE)) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(ScenarioGenerator.generate().toJson(), committed,
                "regenerate with: java -cp ... org.medcab.simulator.internal.ScenarioGenerator src/main/resources"
                        + Scenario.DEMO_RESOURCE);
    }

    @Test
    void theDemoHasFourReadersSixZonesThreeHundredItems() {
        Scenario s = Scenario.demo();
        assertEquals(4, s.readers().size());
        assertEquals(300, s.tags().size());
        Set<String> antennaZones = new HashSet<>();
        s.readers().forEach(r -> r.antennas().forEach(a -> antennaZones.add(a.zone())));
        assertEquals(Set.of("A1", "A2", "A3", "B1", "B2", "B3"), antennaZones);
        Map<String, Integer> perZone = new HashMap<>();
        for (Tag t : s.tags()) {
            perZone.merge(t.zone(), 1, Integer::sum);
            assertTrue(t.position().x() > 0 && t.position().x() < 2.0 && t.position().y() > 0 && t.position().y() < 1.8
                    && t.position().z() > 0 && t.position().z() < 0.5, "inside the cabinet: " + t);
            assertTrue(t.tiltDeg() >= 0 && t.tiltDeg() <= 50);
        }
        assertEquals(Map.of("A1", 50, "A2", 50, "A3", 50, "B1", 50, "B2", 50, "B3", 50), perZone);
        assertTrue(s.tags().stream().anyMatch(t -> t.label() == Scenario.Label.BENT));
        assertTrue(s.tags().stream().anyMatch(t -> t.label() == Scenario.Label.FLAT));
    }

    @Test
    void epcsAreMostlySgtin96SomeSgtin198SomeUndecodable() {
        int sgtin96 = 0;
        int sgtin198 = 0;
        int raw = 0;
        for (Tag t : Scenario.demo().tags()) {
            String header = t.epc().substring(0, 2);
            if (header.equals("30") && t.epc().length() == 24) {
                sgtin96++;
            } else if (header.equals("36") && t.epc().length() == 52) {
                sgtin198++;
            } else if (header.equals("00") && t.epc().length() == 32) {
                raw++;
            }
        }
        assertEquals(300, sgtin96 + sgtin198 + raw);
        assertTrue(sgtin96 > 200 && sgtin198 >= 10 && raw >= 5, sgtin96 + " / " + sgtin198 + " / " + raw);
    }

    @Test
    void everyItemIsReadReliablyByItsOwnAntennaWhichAlsoHasTheStrongestMeanRssi() {
        Scenario s = Scenario.demo();
        int seenByNeighbour = 0;
        for (Tag t : s.tags()) {
            assertEquals(t.zone(), ScenarioGenerator.strongestZone(s, t), "strongest mean RSSI for " + t);
            boolean neighbour = false;
            for (Reader r : s.readers()) {
                for (Antenna a : r.antennas()) {
                    double p = ScenarioGenerator.participation(r.outputPowerDbm(), a, t);
                    if (a.zone().equals(t.zone())) {
                        assertTrue(p >= ScenarioGenerator.RELIABLE_PARTICIPATION, t + " own antenna " + p);
                    } else if (p >= 0.05) {
                        neighbour = true;
                    }
                }
            }
            seenByNeighbour += neighbour ? 1 : 0;
        }
        assertTrue(seenByNeighbour > 30, "overlapping fields: " + seenByNeighbour);
    }
}
