package org.medcab.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.medcab.reader.protocol.Requests;
import org.medcab.lab.PtyPair;

/**
 * 8.4 on a real pty: a 96-bit tag record is 21 bytes and takes 21 × 86.8 µs at 115200 baud. With
 * link profile D3 tags are read faster than records fit on the line, so records queue back to back
 * and their arrival rate is the line's.
 */
class WirePacingTest {
    private static final double BYTE_MICROS = 10 * 1e6 / 115200;

    private static Scenario manyTagsD3() throws ScenarioException {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            tags.append(i == 0 ? "" : ",").append(String.format(
                    "{\"epc\":\"30340000000000000000%04X\",\"zone\":\"Z\",\"position\":[%.2f,%.2f,0.4]}", i,
                    (i % 10) * 0.03, (i / 10) * 0.03));
        }
        return Scenario.parse("{\"linkProfile\":\"D3\",\"readers\":[{\"id\":\"r1\",\"address\":1,\"antennas\":["
                + "{\"port\":0,\"zone\":\"Z\",\"position\":[0.15,0.2,0],\"boresight\":[0,0,1]}]}],\"tags\":[" + tags + "]}");
    }

    @Test
    void recordsLeaveAtTheLineRateAndNeverFaster() throws Exception {
        try (PtyPair pty = PtyPair.open(java.nio.file.Files.createTempDirectory("medcab-sim-"), "ttyA", "ttyB");
             Simulator simulator = new Simulator(manyTagsD3(), pty.b().toString(), 0, 7L);
             GatewayPort gateway = new GatewayPort(pty.a().toString())) {
            simulator.start();
            gateway.send(Requests.realTimeInventory(1, 1));
            List<GatewayPort.Arrival> reply = gateway.receive(f -> f.dataLength() == 7, 5000);
            assertTrue(reply.size() > 120, "records: " + reply.size());
            List<GatewayPort.Arrival> records = reply.subList(0, reply.size() - 1);
            records.forEach(a -> assertEquals(21, a.frame().wireLength()));
            // From the 20th record on the line is the bottleneck. The time per record over windows of
            // 10 records, median over all windows: a stall of either process on a busy machine
            // disturbs a few windows, not the median.
            List<GatewayPort.Arrival> queued = records.subList(20, records.size());
            List<Double> windows = new ArrayList<>();
            for (int k = 0; k + 10 < queued.size(); k++) {
                windows.add((queued.get(k + 10).nanos() - queued.get(k).nanos()) / 1000.0 / 10);
            }
            Collections.sort(windows);
            double perRecordMicros = windows.get(windows.size() / 2);
            double expected = 21 * BYTE_MICROS; // 1822.9 µs
            assertTrue(perRecordMicros >= expected * 0.99, "faster than the line: " + perRecordMicros + " µs per record");
            assertTrue(perRecordMicros <= expected * 1.02, "slower than the line: " + perRecordMicros + " µs per record");
        }
    }
}
