package org.medcab.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.medcab.reader.protocol.LinkProfile;
import org.medcab.reader.protocol.Region;

/** The scenario file: defaults, round trip, and errors that name the field. */
class ScenarioTest {
    private static final String READER = "{\"id\":\"r1\",\"address\":1,\"antennas\":[{\"port\":0,\"zone\":\"A1\","
            + "\"position\":[0,0,0],\"boresight\":[0,0,1]}]}";
    private static final String TAG = "{\"epc\":\"3074257BF7194E4000001A85\",\"zone\":\"A1\",\"position\":[0,0,0.3]}";

    private static String scenario(String readers, String tags, String extra) {
        return "{\"readers\":[" + readers + "],\"tags\":[" + tags + "]" + extra + "}";
    }

    private static String error(String json) {
        return assertThrows(ScenarioException.class, () -> Scenario.parse(json)).getMessage();
    }

    @Test
    void optionalFieldsTakeTheirDefaults() throws Exception {
        Scenario s = Scenario.parse(scenario(READER, TAG, ""));
        assertEquals(115200, s.baud());
        assertEquals(LinkProfile.D1, s.linkProfile());
        assertEquals(20, s.readers().get(0).outputPowerDbm());
        assertEquals(4, s.readers().get(0).ports());
        assertEquals(new Scenario.Band(Region.FCC, 33, 33), s.readers().get(0).band());
        assertEquals(Scenario.Label.FLAT, s.tags().get(0).label());
        assertEquals(0, s.tags().get(0).tiltDeg());
        assertEquals(Scenario.Faults.NONE, s.faults());
    }

    @Test
    void writingAndParsingGiveTheSameScenario() throws Exception {
        Scenario s = Scenario.parse(scenario(READER.replace("\"address\":1", "\"address\":7,\"outputPowerDbm\":12"),
                TAG.replace("}", ",\"label\":\"bent\",\"tiltDeg\":35.5}"),
                ",\"name\":\"x\",\"seed\":9,\"baud\":38400,\"linkProfile\":\"D3\",\"faults\":{\"silentReaders\":[7],"
                        + "\"byteErrorRate\":0.001,\"truncateEvery\":5,\"badChecksumEvery\":7}"));
        assertEquals(s, Scenario.parse(s.toJson()));
        assertEquals(List.of(7), s.faults().silentReaders());
        assertEquals(35.5, s.tags().get(0).tiltDeg());
    }

    @Test
    void errorsNameTheField() {
        assertTrue(error(scenario(READER, TAG.replace("}", ",\"label\":\"curly\"}"), ""))
                .startsWith("tags[0].label: unknown label shape 'curly'"));
        assertTrue(error(scenario(READER.replace("\"address\":1", "\"address\":255"), TAG, ""))
                .startsWith("readers[0].address: must be 0..254"));
        assertTrue(error(scenario(READER, TAG + "," + TAG.replace("3074", "3074"), ""))
                .startsWith("tags[1].epc: duplicate EPC 3074257BF7194E4000001A85, also tags[0]"));
        assertTrue(error(scenario(READER, TAG.replace(",\"position\":[0,0,0.3]", ""), ""))
                .startsWith("tags[0].position: missing"));
        assertTrue(error(scenario(READER.replace("\"position\":[0,0,0]", "\"position\":[0,0]"), TAG, ""))
                .startsWith("readers[0].antennas[0].position: must be [x, y, z]"));
        assertTrue(error(scenario(READER.replace("\"boresight\":[0,0,1]", "\"boresight\":[0,0,0]"), TAG, ""))
                .startsWith("readers[0].antennas[0].boresight: must not be the zero vector"));
        assertTrue(error(scenario(READER.replace("\"id\"", "\"outputPower\":10,\"id\""), TAG, ""))
                .startsWith("readers[0].outputPower: unknown field"));
        assertTrue(error(scenario(READER.replace("\"id\"", "\"ports\":4,\"id\"").replace("\"port\":0", "\"port\":5"), TAG, ""))
                .startsWith("readers[0].ports: a 4-port reader has no antenna port 5"));
        assertTrue(error(scenario(READER + "," + READER.replace("r1", "r2"), TAG, ""))
                .startsWith("readers[1].address: 1 is already reader r1's address"));
        assertTrue(error(scenario(READER, TAG.replace("1A85", "1A8"), ""))
                .startsWith("tags[0].epc: must be 1..31 whole 16-bit words"));
        assertTrue(error(scenario(READER, TAG.replace("1A85", "1A8G"), "")).startsWith("tags[0].epc: not hexadecimal"));
        assertTrue(error(scenario(READER, TAG, ",\"faults\":{\"silentReaders\":[3]}"))
                .startsWith("scenario.faults.silentReaders[0]: no reader has address 3"));
        assertTrue(error(scenario(READER, TAG, ",\"faults\":{\"byteErrorRate\":2}"))
                .startsWith("scenario.faults.byteErrorRate: must be a probability"));
        assertTrue(error(scenario(READER, TAG, ",\"baud\":9600")).startsWith("scenario.baud: must be 38400 or 115200"));
        assertTrue(error(scenario(READER.replace("\"address\":1", "\"address\":1.5"), TAG, ""))
                .startsWith("readers[0].address: must be a whole number"));
        assertTrue(error(scenario(READER.replace("\"id\"", "\"band\":{\"region\":\"ETSI\",\"startIndex\":0,\"endIndex\":9},\"id\""),
                TAG, "")).startsWith("readers[0].band.endIndex: must be 0..6"));
        assertTrue(error("{\"readers\":[]}").startsWith("scenario.readers: needs at least one reader"));
        assertTrue(error("[1,2]").startsWith("scenario: must be a JSON object"));
        assertTrue(error("{\"readers\":").startsWith("not valid JSON"));
    }

    @Test
    void anEightPortReaderIsInferredFromItsPorts() throws Exception {
        Scenario s = Scenario.parse(scenario(READER.replace("\"port\":0", "\"port\":6"), TAG, ""));
        assertEquals(8, s.readers().get(0).ports());
    }
}
