package org.medcab.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.InventoryReply;
import org.medcab.reader.protocol.InventorySummary;
import org.medcab.reader.protocol.Replies;
import org.medcab.reader.protocol.Requests;
import org.medcab.reader.protocol.TagRecord;
import org.medcab.lab.PtyPair;

/** The demo cabinet on a real socat pty pair, spoken to with real request frames, in real time. */
class SimulatorOverPtyTest {
    private PtyPair pty;
    private Simulator simulator;
    private GatewayPort gateway;

    @BeforeEach
    void start() throws Exception {
        pty = PtyPair.open(java.nio.file.Files.createTempDirectory("medcab-sim-"), "ttyA", "ttyB");
        simulator = new Simulator(Scenario.demo(), pty.b().toString(), 0, null);
        simulator.start();
        gateway = new GatewayPort(pty.a().toString());
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        simulator.close();
        pty.close();
    }

    @Test
    void setAntennaPowerThenInventoryStreamsRecordsThenTheSummary() throws Exception {
        assertEquals("8.1", Replies.parseFirmwareVersion(gateway.request(Requests.getFirmwareVersion(1), 300)).toString());
        assertEquals(new Frame(1, 0x74, (byte) 0x10), gateway.request(Requests.setWorkAntenna(1, 0), 300));
        long t = System.nanoTime();
        assertEquals(new Frame(1, 0x76, (byte) 0x10), gateway.request(Requests.setOutputPower(1, 12), 500));
        assertTrue(System.nanoTime() - t >= 100_000_000L, "0x76 writes flash: more than 100 ms");

        gateway.send(Requests.sessionInventory(1, 1, 0, 2));
        List<GatewayPort.Arrival> reply = gateway.receive(f -> f.dataLength() == 7 || f.dataLength() == 1, 5000);
        InventorySummary summary = assertInstanceOf(InventorySummary.class,
                InventoryReply.decode(reply.get(reply.size() - 1).frame(), false));
        assertEquals(0, summary.antenna());
        assertEquals(reply.size() - 1, summary.totalRead());
        Set<String> read = new HashSet<>();
        for (GatewayPort.Arrival a : reply.subList(0, reply.size() - 1)) {
            TagRecord r = assertInstanceOf(TagRecord.class, InventoryReply.decode(a.frame(), false));
            assertEquals(0, r.antenna());
            read.add(r.epcHex());
        }
        long ownZone = Scenario.demo().tags().stream().filter(tag -> tag.zone().equals("A1"))
                .filter(tag -> read.contains(tag.epc())).count();
        assertTrue(ownZone >= 48, "A1 items read by A1's antenna in 2 rounds: " + ownZone + " of 50");
        assertEquals(0, gateway.decoder.counters().checksumErrors());
    }

    @Test
    void aSilentReaderGivesNoReplyUntilResumed() {
        assertTrue(simulator.control("silence 2").startsWith("ok "));
        assertNull(gateway.request(Requests.getFirmwareVersion(2), 300));
        assertTrue(gateway.request(Requests.getFirmwareVersion(1), 300) != null, "the others still answer");
        assertTrue(simulator.control("resume 2").startsWith("ok "));
        assertEquals(new Frame(2, 0x72, (byte) 8, (byte) 1), gateway.request(Requests.getFirmwareVersion(2), 300));
    }

    @Test
    void lineFaultsDoWhatTheyClaim() {
        assertTrue(simulator.control("fault badChecksumEvery 2").startsWith("ok "));
        int replies = 0;
        for (int i = 0; i < 6; i++) {
            replies += gateway.request(Requests.getFirmwareVersion(1), 300) != null ? 1 : 0;
        }
        assertEquals(3, replies);
        assertEquals(3, gateway.decoder.counters().checksumErrors());
        assertTrue(simulator.control("fault badChecksumEvery 0").startsWith("ok "));
        assertTrue(simulator.control("fault truncateEvery 1").startsWith("ok "));
        assertNull(gateway.request(Requests.getFirmwareVersion(1), 200));
        gateway.receive(f -> false, 100);
        assertTrue(gateway.decoder.counters().truncatedFrames() >= 1);
        assertTrue(simulator.control("fault truncateEvery 0").startsWith("ok "));
        assertTrue(simulator.control("fault sideways 1").startsWith("error "));
    }

    @Test
    void unpluggingClosesTheLineAndResumeReopensIt() throws Exception {
        assertTrue(simulator.control("unplug 3").startsWith("ok "));
        assertFalse(simulator.lineOpen());
        assertNull(gateway.request(Requests.getFirmwareVersion(1), 300));
        assertTrue(simulator.control("resume 3").startsWith("ok "));
        assertTrue(simulator.lineOpen());
        assertEquals(new Frame(1, 0x72, (byte) 8, (byte) 1), gateway.request(Requests.getFirmwareVersion(1), 300));
    }

    @Test
    void controlCommandsMoveAddAndRemoveItems() {
        String epc = Scenario.demo().tags().get(0).epc();
        assertTrue(simulator.control("move " + epc + " 0.3 1.1 0.2").startsWith("ok moved"));
        assertTrue(simulator.control("remove " + epc).startsWith("ok removed"));
        assertTrue(simulator.control("remove " + epc).startsWith("error no tag"));
        assertTrue(simulator.control("add " + epc + " A1 0.3 1.1 0.2 bent 20").startsWith("ok added"));
        assertTrue(simulator.control("add " + epc + " A1 0.3 1.1 0.2").startsWith("error "), "duplicate");
        assertTrue(simulator.control("add 30F A1 0 0 0").startsWith("error epc"));
        assertTrue(simulator.control("add 3000AAAA A1 0 0 0 curly").startsWith("error unknown label shape"));
        assertTrue(simulator.control("silence 77").startsWith("error no reader at address 77"));
        assertTrue(simulator.control("dance").startsWith("error unknown command"));
    }
}
