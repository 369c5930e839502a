package org.medcab.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.medcab.reader.protocol.BufferedTagRecord;
import org.medcab.reader.protocol.Command;
import org.medcab.reader.protocol.ErrorCode;
import org.medcab.reader.protocol.FastSwitchSlot;
import org.medcab.reader.protocol.FastSwitchSummary;
import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.InventoryReply;
import org.medcab.reader.protocol.InventorySummary;
import org.medcab.reader.protocol.LinkProfile;
import org.medcab.reader.protocol.OutputPower;
import org.medcab.reader.protocol.Region;
import org.medcab.reader.protocol.Replies;
import org.medcab.reader.protocol.Requests;
import org.medcab.reader.protocol.TagRecord;
import org.medcab.simulator.Scenario;
import org.medcab.simulator.ScenarioException;

/** The readers' answers, command by command, in simulated time (no serial line, no sleeping). */
class ReaderEmulationTest {
    private static final long MS = 1_000_000;
    private static final long T0 = 1_000 * MS;

    /** Two readers (1: antennas 0 and 1; 2: antenna 0) in front of 20 tags, 0.5..1 m away. */
    static Scenario twoReaders(String faults) throws ScenarioException {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            tags.append(i == 0 ? "" : ",").append(String.format(
                    "{\"epc\":\"3074257BF7194E40000%05X\",\"zone\":\"Z1\",\"position\":[%.2f,0,%.2f],\"label\":\"%s\"}",
                    i, (i % 5) * 0.1, 0.5 + (i / 5) * 0.1, i % 3 == 0 ? "bent" : "flat"));
        }
        return Scenario.parse("{\"readers\":["
                + "{\"id\":\"r1\",\"address\":1,\"outputPowerDbm\":20,\"antennas\":["
                + "{\"port\":0,\"zone\":\"Z1\",\"position\":[0.2,0,0],\"boresight\":[0,0,1]},"
                + "{\"port\":1,\"zone\":\"Z2\",\"position\":[3,0,0],\"boresight\":[0,0,1]}]},"
                + "{\"id\":\"r2\",\"address\":2,\"outputPowerDbm\":20,\"antennas\":["
                + "{\"port\":0,\"zone\":\"Z1b\",\"position\":[0.25,0.1,0],\"boresight\":[0,0,1]}]}],"
                + "\"tags\":[" + tags + "]" + (faults == null ? "" : ",\"faults\":" + faults) + "}");
    }

    private static TimedFrames sim(String faults) throws ScenarioException {
        return new TimedFrames(new SimulatorCore(twoReaders(faults), 115200, 42));
    }

    private static TimedFrames sim() throws ScenarioException {
        return sim(null);
    }

    @Test
    void setWorkAntennaAnswersSuccessAfterTheSwitch() throws Exception {
        List<TimedFrames.Received> r = sim().exchange(Requests.setWorkAntenna(1, 1), T0);
        assertEquals(1, r.size());
        assertEquals("A0 04 01 74 10 D7", r.get(0).frame().toString());
        assertTrue(r.get(0).start() >= T0 + 2 * MS, "antenna switch 2 ms");
    }

    @Test
    void everyReplyStartsNoSoonerThanOneMillisecondAfterTheRequest() throws Exception {
        TimedFrames t = sim();
        long at = T0;
        for (Frame request : List.of(Requests.getFirmwareVersion(1), Requests.getWorkAntenna(1), Requests.getTemperature(1),
                Requests.getRegion(1), Requests.getLinkProfile(1), Requests.getOutputPower(1))) {
            at += T0;
            List<TimedFrames.Received> r = t.exchange(request, at);
            assertEquals(1, r.size(), request.toString());
            assertEquals(at + MS, r.get(0).start(), request.toString());
        }
    }

    @Test
    void antennaOutOfRangeAndMissingAntennaAreReported() throws Exception {
        TimedFrames t = sim();
        assertEquals(new Frame(1, 0x74, (byte) 0x47), t.exchange(new Frame(1, 0x74, (byte) 4), T0).get(0).frame());
        assertEquals(new Frame(1, 0x74, (byte) 0x10), t.exchange(Requests.setWorkAntenna(1, 3), 2 * T0).get(0).frame());
        List<TimedFrames.Received> r = t.exchange(Requests.realTimeInventory(1, 1), 3 * T0);
        assertEquals(1, r.size());
        assertEquals("A0 04 01 89 22 B0", r.get(0).frame().toString(), "spec example: antenna missing");
        assertEquals(new Frame(1, 0x75, (byte) 3), t.exchange(Requests.getWorkAntenna(1), 4 * T0).get(0).frame());
    }

    @Test
    void outputPowerIsSetForAllPortsOrPerPortAndRangeChecked() throws Exception {
        TimedFrames t = sim();
        List<TimedFrames.Received> set = t.exchange(Requests.setOutputPower(1, 30), T0);
        assertEquals("A0 04 01 76 10 D5", set.get(0).frame().toString());
        assertTrue(set.get(0).start() >= T0 + 100 * MS, "flash write takes over 100 ms");
        assertEquals(OutputPower.of(30), Replies.parseOutputPower(t.exchange(Requests.getOutputPower(1), 2 * T0).get(0).frame()));
        t.exchange(Requests.setOutputPower(1, 10, 11, 12, 13), 3 * T0);
        assertEquals(OutputPower.of(10, 11, 12, 13),
                Replies.parseOutputPower(t.exchange(Requests.getOutputPower(1), 4 * T0).get(0).frame()));
        assertEquals(new Frame(1, 0x76, (byte) 0x48), t.exchange(new Frame(1, 0x76, (byte) 34), 5 * T0).get(0).frame());
        assertEquals(new Frame(1, 0x76, (byte) 0x41), t.exchange(new Frame(1, 0x76, (byte) 1, (byte) 2), 6 * T0).get(0).frame());
    }

    @Test
    void regionProfileFirmwareAndTemperature() throws Exception {
        TimedFrames t = sim();
        assertEquals(LinkProfile.D1, Replies.parseLinkProfile(t.exchange(Requests.getLinkProfile(1), T0).get(0).frame()));
        t.exchange(Requests.setLinkProfile(1, LinkProfile.D3), 2 * T0);
        assertEquals(LinkProfile.D3, Replies.parseLinkProfile(t.exchange(Requests.getLinkProfile(1), 3 * T0).get(0).frame()));
        assertEquals(new Frame(1, 0x78, (byte) 0x10), t.exchange(Requests.setRegion(1, Region.ETSI, 0, 6), 4 * T0).get(0).frame());
        assertArrayEquals(new byte[] {2, 0, 6}, t.exchange(Requests.getRegion(1), 5 * T0).get(0).frame().data());
        assertEquals(new Frame(1, 0x78, (byte) 0x4F),
                t.exchange(Requests.setRegion(1, Region.FCC, 3, 10), 6 * T0).get(0).frame(), "FCC has no channel 3");
        assertEquals("8.1", Replies.parseFirmwareVersion(t.exchange(Requests.getFirmwareVersion(1), 7 * T0).get(0).frame())
                .toString());
        assertEquals(32, Replies.parseTemperature(t.exchange(Requests.getTemperature(1), 8 * T0).get(0).frame()));
        assertEquals(new Frame(1, 0x81, (byte) 0x11), t.exchange(new Frame(1, 0x81, (byte) 1, (byte) 2, (byte) 6), 9 * T0)
                .get(0).frame(), "tag memory access is not simulated: command failed");
    }

    @Test
    void realTimeInventoryStreamsRecordsAsTagsAreReadThenTheSummary() throws Exception {
        TimedFrames t = sim();
        List<TimedFrames.Received> r = t.exchange(Requests.sessionInventory(1, 1, 0, 2), T0);
        InventoryReply last = InventoryReply.decode(r.get(r.size() - 1).frame(), false);
        InventorySummary summary = assertInstanceOf(InventorySummary.class, last);
        assertEquals(r.size() - 1, summary.totalRead());
        Set<String> epcs = new HashSet<>();
        long previousEnd = T0;
        for (TimedFrames.Received f : r.subList(0, r.size() - 1)) {
            TagRecord rec = assertInstanceOf(TagRecord.class, InventoryReply.decode(f.frame(), false));
            assertTrue(epcs.add(rec.epcHex()), "S1 target A reads each tag once within 2 s");
            assertEquals(21, f.frame().wireLength());
            assertEquals(0x3000, rec.pc());
            assertEquals(33, rec.frequencyIndex(), "915.0 MHz");
            assertTrue(rec.rssiRaw() >= 31 && rec.rssiRaw() <= 98);
            assertTrue(f.start() >= previousEnd, "records queue behind each other");
            // The first read ends a round overhead and a success slot after the request at the earliest.
            assertTrue(f.start() >= T0 + 4_900_000);
            previousEnd = f.end();
        }
        assertEquals(20, epcs.size(), "every tag 0.5-1 m in front of the antenna is read");
        // A second run within 2 s finds every S1 flag still at B.
        List<TimedFrames.Received> again = t.exchange(Requests.sessionInventory(1, 1, 0, 1), T0 + 1500 * MS);
        assertEquals(1, again.size());
        assertEquals(0, ((InventorySummary) InventoryReply.decode(again.get(0).frame(), false)).totalRead());
        // After 2.0 s they are back at A.
        List<TimedFrames.Received> later = t.exchange(Requests.sessionInventory(1, 1, 0, 1), T0 + 3500 * MS);
        assertEquals(21, later.size());
    }

    @Test
    void s0InventoriesRereadEveryTagEveryRound() throws Exception {
        List<TimedFrames.Received> r = sim().exchange(Requests.realTimeInventory(1, 3), T0);
        InventorySummary summary = (InventorySummary) InventoryReply.decode(r.get(r.size() - 1).frame(), false);
        assertTrue(summary.totalRead() >= 55, "3 rounds of 20 tags: " + summary.totalRead());
        assertTrue(summary.readRate() > 100, "reads per second " + summary.readRate());
    }

    @Test
    void fastSwitchRunsEveryAntennaAndReportsMissingOnes() throws Exception {
        TimedFrames t = sim();
        List<FastSwitchSlot> slots = List.of(new FastSwitchSlot(0, 1), new FastSwitchSlot(2, 1), FastSwitchSlot.skip(),
                FastSwitchSlot.skip());
        List<TimedFrames.Received> r = t.exchange(Requests.fastSwitchInventory(1, slots, 5, 1), T0);
        List<Frame> frames = TimedFrames.frames(r);
        assertTrue(frames.contains(new Frame(1, 0x8A, (byte) 2, (byte) 0x22)), "port 2 has no antenna");
        FastSwitchSummary summary = assertInstanceOf(FastSwitchSummary.class,
                InventoryReply.decode(frames.get(frames.size() - 1), false));
        assertEquals(frames.size() - 2, summary.totalRead());
        assertTrue(summary.durationMillis() >= 7, "interval 5 ms and a 2 ms switch: " + summary.durationMillis());
    }

    @Test
    void bufferedInventoryFillsTheBufferWhichIsReadAndCleared() throws Exception {
        TimedFrames t = sim();
        List<TimedFrames.Received> r = t.exchange(Requests.bufferedInventory(1, 2), T0);
        assertEquals(1, r.size(), "only the summary comes back");
        Frame summary = r.get(0).frame();
        assertEquals(9, summary.dataLength());
        assertEquals(20, summary.dataUnsigned(1, 2), "unique tags");
        assertEquals(new Frame(1, 0x92, (byte) 0, (byte) 20), t.exchange(Requests.getBufferCount(1), 2 * T0).get(0).frame());
        List<TimedFrames.Received> buffer = t.exchange(Requests.getAndResetBuffer(1), 3 * T0);
        assertEquals(20, buffer.size());
        for (TimedFrames.Received f : buffer) {
            BufferedTagRecord rec = Replies.parseBufferedTag(f.frame()).orElseThrow();
            assertTrue(rec.crcValid());
            assertEquals(20, rec.tagCount());
            assertTrue(rec.inventoryCount() >= 1 && rec.inventoryCount() <= 2);
        }
        assertEquals("A0 04 01 90 38 93", t.exchange(Requests.getBuffer(1), 4 * T0).get(0).frame().toString(),
                "spec example: buffer empty");
    }

    @Test
    void onlyTheAddressedReaderAnswersAndThePublicAddressMakesThemCollide() throws Exception {
        TimedFrames t = sim();
        List<TimedFrames.Received> one = t.exchange(Requests.getFirmwareVersion(2), T0);
        assertEquals(List.of(new Frame(2, 0x72, (byte) 8, (byte) 1)), TimedFrames.frames(one));
        assertEquals(0, t.exchange(Requests.getFirmwareVersion(9), 2 * T0).size());
        List<TimedFrames.Received> all = t.exchange(Requests.getFirmwareVersion(0xFF), 3 * T0);
        // Both answer in the same byte times: the receiver sees address 1|2 = 3 and a checksum that fails.
        assertEquals(0, all.size());
        assertTrue(t.decoder.counters().checksumErrors() > 0 || t.decoder.counters().truncatedFrames() > 0);
    }

    @Test
    void aSilentReaderDoesNotAnswerUntilResumed() throws Exception {
        TimedFrames t = sim("{\"silentReaders\":[2]}");
        assertEquals(0, t.exchange(Requests.getFirmwareVersion(2), T0).size());
        assertEquals(1, t.exchange(Requests.getFirmwareVersion(1), 2 * T0).size());
        assertTrue(t.core.control("resume 2").startsWith("ok "));
        assertEquals(1, t.exchange(Requests.getFirmwareVersion(2), 4 * T0).size());
        assertTrue(t.core.control("silence 2").startsWith("ok "));
        assertEquals(0, t.exchange(Requests.getFirmwareVersion(2), 6 * T0).size());
    }

    @Test
    void aBusyReaderIgnoresRequestsAndResetMakesItDeafWhileBooting() throws Exception {
        SimulatorCore core = new SimulatorCore(twoReaders(null), 115200, 1);
        TimedFrames t = new TimedFrames(core);
        core.onRequest(Requests.realTimeInventory(1, 5), T0);
        core.onRequest(Requests.getFirmwareVersion(1), T0 + 5 * MS);
        List<TimedFrames.Received> r = t.run(T0);
        assertTrue(r.stream().noneMatch(f -> f.frame().command() == 0x72), "half-duplex: no answer while inventorying");
        assertEquals(0, t.exchange(Requests.reset(1), 2 * T0).size(), "reset has no reply");
        assertEquals(0, t.exchange(Requests.getFirmwareVersion(1), 2 * T0 + 100 * MS).size(), "booting");
        assertEquals(1, t.exchange(Requests.getFirmwareVersion(1), 2 * T0 + 300 * MS).size());
    }

    @Test
    void faultsDamageWhatTheyClaim() throws Exception {
        TimedFrames t = sim("{\"badChecksumEvery\":2}");
        for (int i = 1; i <= 10; i++) {
            t.exchange(Requests.getFirmwareVersion(1), i * T0);
        }
        assertEquals(5, t.decoder.counters().frames());
        assertEquals(5, t.decoder.counters().checksumErrors());

        TimedFrames truncated = sim("{\"truncateEvery\":3}");
        int answered = 0;
        for (int i = 1; i <= 9; i++) {
            answered += truncated.exchange(Requests.getFirmwareVersion(1), i * T0).size();
        }
        assertEquals(6, answered);
        assertEquals(3, truncated.decoder.counters().truncatedFrames());

        TimedFrames noisy = sim("{\"byteErrorRate\":0.2}");
        int good = 0;
        for (int i = 1; i <= 50; i++) {
            for (TimedFrames.Received f : noisy.exchange(Requests.getFirmwareVersion(1), i * T0)) {
                good += f.frame().equals(new Frame(1, 0x72, (byte) 8, (byte) 1)) ? 1 : 0;
            }
        }
        // A 7-byte frame survives 20 % byte errors with 0.8^7 = 21 %.
        assertTrue(good > 2 && good < 25, "intact replies " + good);
    }

    @Test
    void concurrentReadersInterfereAndSlowEachOtherDown() throws Exception {
        SimulatorCore alone = new SimulatorCore(twoReaders(null), 115200, 5);
        long aloneNanos = summaryEnd(alone, 1) - T0;
        // Reader 2 radiates over the same tags for longer than reader 1 needs (8.5: both power every tag, antennas 11 cm apart).
        SimulatorCore both = new SimulatorCore(twoReaders(null), 115200, 5);
        both.onRequest(Requests.bufferedInventory(2, 100), T0);
        long bothNanos = summaryEnd(both, 1) - T0;
        // 30 % of singulations fail: each costs a success slot and a redraw, so the same rounds take clearly longer.
        assertTrue(bothNanos > aloneNanos * 1.2, "both " + bothNanos / MS + " ms vs alone " + aloneNanos / MS + " ms");
    }

    /** Runs 20 buffered rounds on a reader and returns when its summary's last byte left. */
    private static long summaryEnd(SimulatorCore core, int address) {
        core.onRequest(Requests.bufferedInventory(address, 20), T0);
        return new TimedFrames(core).run(T0).stream()
                .filter(f -> f.frame().address() == address && f.frame().command() == 0x80)
                .mapToLong(TimedFrames.Received::end).findFirst().orElseThrow();
    }

    @Test
    void epcBytesAreTheScenariosAndTheCrcHolds() throws Exception {
        TimedFrames t = sim();
        t.exchange(Requests.bufferedInventory(1, 1), T0);
        List<TimedFrames.Received> r = t.exchange(Requests.getBuffer(1), 2 * T0);
        Set<String> expected = new HashSet<>();
        for (Scenario.Tag tag : twoReaders(null).tags()) {
            expected.add(tag.epc());
        }
        for (TimedFrames.Received f : r) {
            BufferedTagRecord rec = Replies.parseBufferedTag(f.frame()).orElseThrow();
            assertTrue(expected.contains(HexFormat.of().withUpperCase().formatHex(rec.epc())));
            assertNotEquals(0, rec.crc());
        }
        assertFalse(r.isEmpty());
        assertEquals(ErrorCode.SUCCESS, Replies.parseStatus(t.exchange(Requests.resetBuffer(1), 3 * T0).get(0).frame(),
                Command.RESET_BUFFER));
    }
}
