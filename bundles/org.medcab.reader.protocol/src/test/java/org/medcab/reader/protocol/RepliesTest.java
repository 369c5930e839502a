package org.medcab.reader.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RepliesTest {

    private static Frame wire(Frame f) {
        return new FrameDecoder().feed(f.encode()).get(0);
    }

    private static void assertErrorReply(ErrorCode expected, Executable parse) {
        ErrorReplyException e = assertThrows(ErrorReplyException.class, parse);
        assertEquals(expected, e.error());
    }

    private static void assertMalformed(Executable parse) {
        assertThrows(MalformedFrameException.class, parse);
    }

    @Test
    void setCommandStatus() throws Exception {
        assertEquals(ErrorCode.SUCCESS, Replies.parseStatus(wire(Replies.status(1, Command.SET_OUTPUT_POWER, ErrorCode.SUCCESS)),
                Command.SET_OUTPUT_POWER));
        ErrorCode failed = Replies.parseStatus(wire(Replies.status(1, Command.SET_OUTPUT_POWER, ErrorCode.OUTPUT_POWER_OUT_OF_RANGE)),
                Command.SET_OUTPUT_POWER);
        assertFalse(failed.isSuccess());
        assertEquals("output power out of range", failed.meaning());
        assertMalformed(() -> Replies.parseStatus(new Frame(1, 0x76, (byte) 0x10, (byte) 0), Command.SET_OUTPUT_POWER));
        assertMalformed(() -> Replies.parseStatus(new Frame(1, 0x76), Command.SET_OUTPUT_POWER));
        assertMalformed(() -> Replies.parseStatus(new Frame(1, 0x74, (byte) 0x10), Command.SET_OUTPUT_POWER));
    }

    @Test
    void unknownErrorCodesStillDecode() throws Exception {
        ErrorCode code = Replies.parseStatus(new Frame(1, 0x74, (byte) 0x99), Command.SET_WORK_ANTENNA);
        assertEquals(0x99, code.code());
        assertFalse(code.isKnown());
        assertEquals("unknown 0x99", code.meaning());
        assertEquals("unknown 0x99", code.toString());
        assertEquals("0x22 antenna missing", ErrorCode.ANTENNA_MISSING.toString());
        assertEquals(ErrorCode.NO_TAG, ErrorCode.of(0x36));
        assertEquals(41, ErrorCode.table().size());
    }

    @Test
    void firmwareVersion() throws Exception {
        assertEquals(new FirmwareVersion(1, 8), Replies.parseFirmwareVersion(wire(Replies.firmwareVersion(3, new FirmwareVersion(1, 8)))));
        assertEquals("1.8", new FirmwareVersion(1, 8).toString());
        assertErrorReply(ErrorCode.COMMAND_FAILED, () -> Replies.parseFirmwareVersion(
                wire(Replies.error(3, Command.GET_FIRMWARE_VERSION, ErrorCode.COMMAND_FAILED))));
        assertMalformed(() -> Replies.parseFirmwareVersion(new Frame(3, 0x72, new byte[3])));
    }

    @Test
    void workAntenna() throws Exception {
        assertEquals(5, Replies.parseWorkAntenna(wire(Replies.workAntenna(1, 5))));
        assertErrorReply(ErrorCode.COMMAND_FAILED, () -> Replies.parseWorkAntenna(new Frame(1, 0x75, (byte) 0x11)));
        assertMalformed(() -> Replies.parseWorkAntenna(new Frame(1, 0x75)));
    }

    @Test
    void outputPowerOneFourOrEightValues() throws Exception {
        Frame uniform = Replies.outputPower(1, OutputPower.of(20));
        assertEquals(0x77, uniform.command());
        assertEquals(OutputPower.of(20), Replies.parseOutputPower(wire(uniform)));
        assertEquals(20, OutputPower.of(20).forPort(3));

        OutputPower four = OutputPower.of(10, 20, 30, 33);
        assertEquals(four, Replies.parseOutputPower(wire(Replies.outputPower(1, four))));
        assertEquals(30, four.forPort(2));
        assertFalse(four.isUniform());

        OutputPower eight = OutputPower.of(1, 2, 3, 4, 5, 6, 7, 8);
        Frame f = Replies.outputPower(1, eight);
        assertEquals(0x97, f.command());
        assertEquals(eight, Replies.parseOutputPower(wire(f)));

        assertErrorReply(ErrorCode.INVALID_PARAMETER, () -> Replies.parseOutputPower(new Frame(1, 0x77, (byte) 0x41)));
        assertMalformed(() -> Replies.parseOutputPower(new Frame(1, 0x97, new byte[4])));
        assertMalformed(() -> Replies.parseOutputPower(new Frame(1, 0x77, new byte[] {20, 20, 34, 20})));
        assertMalformed(() -> Replies.parseOutputPower(new Frame(1, 0x77, new byte[2])));
    }

    @Test
    void region() throws Exception {
        FrequencyRegion band = new FrequencyRegion.Band(Region.CHN, 43, 53);
        assertEquals(band, Replies.parseRegion(wire(Replies.region(1, band))));
        FrequencyRegion user = new FrequencyRegion.UserDefined(250, 20, 902_750);
        assertEquals(user, Replies.parseRegion(wire(Replies.region(1, user))));
        assertErrorReply(ErrorCode.COMMAND_FAILED, () -> Replies.parseRegion(new Frame(1, 0x79, (byte) 0x11)));
        assertMalformed(() -> Replies.parseRegion(new Frame(1, 0x79, Hex.bytes("09 00 06"))));
        assertMalformed(() -> Replies.parseRegion(new Frame(1, 0x79, Hex.bytes("01 30 20"))));
        assertMalformed(() -> Replies.parseRegion(new Frame(1, 0x79, Hex.bytes("01 00 06 00 00 00"))));
        assertMalformed(() -> Replies.parseRegion(new Frame(1, 0x79, Hex.bytes("01 00"))));
    }

    @Test
    void temperatureSignByte() throws Exception {
        assertEquals(new Frame(1, 0x7B, Hex.bytes("00 0C")), Replies.temperature(1, -12));
        assertEquals(new Frame(1, 0x7B, Hex.bytes("01 2D")), Replies.temperature(1, 45));
        for (int c : new int[] {-40, -1, 0, 1, 85}) {
            assertEquals(c, Replies.parseTemperature(wire(Replies.temperature(1, c))));
        }
        assertMalformed(() -> Replies.parseTemperature(new Frame(1, 0x7B, Hex.bytes("02 10"))));
        assertErrorReply(ErrorCode.COMMAND_FAILED, () -> Replies.parseTemperature(new Frame(1, 0x7B, (byte) 0x11)));
    }

    @Test
    void gpioLevels() throws Exception {
        GpioLevels levels = new GpioLevels(true, false);
        assertEquals(levels, Replies.parseGpioLevels(wire(Replies.gpioLevels(1, levels))));
        assertMalformed(() -> Replies.parseGpioLevels(new Frame(1, 0x60, Hex.bytes("01 02"))));
        assertErrorReply(ErrorCode.COMMAND_FAILED, () -> Replies.parseGpioLevels(new Frame(1, 0x60, (byte) 0x11)));
    }

    @Test
    void antennaDetectorAndLinkProfile() throws Exception {
        assertEquals(12, Replies.parseAntennaDetector(wire(Replies.antennaDetector(1, 12))));
        assertMalformed(() -> Replies.parseAntennaDetector(new Frame(1, 0x63, new byte[2])));
        assertEquals(LinkProfile.D2, Replies.parseLinkProfile(wire(Replies.linkProfile(1, LinkProfile.D2))));
        assertErrorReply(ErrorCode.COMMAND_FAILED, () -> Replies.parseLinkProfile(new Frame(1, 0x6A, (byte) 0x11)));
    }

    @Test
    void bufferCountAndBufferedInventory() throws Exception {
        assertEquals(new Frame(1, 0x92, Hex.bytes("12 34")), Replies.bufferCount(1, 0x1234));
        assertEquals(0x1234, Replies.parseBufferCount(wire(Replies.bufferCount(1, 0x1234))));
        assertErrorReply(ErrorCode.COMMAND_FAILED, () -> Replies.parseBufferCount(new Frame(1, 0x92, (byte) 0x11)));

        BufferedInventorySummary s = new BufferedInventorySummary(2, 300, 120, 0xFFFF_FFFFL);
        Frame f = s.toFrame(1);
        assertEquals(12, f.encode()[1]);
        assertEquals(s, Replies.parseBufferedInventory(wire(f)));
        assertErrorReply(ErrorCode.ANTENNA_MISSING, () -> Replies.parseBufferedInventory(
                wire(Replies.error(1, Command.BUFFERED_INVENTORY, ErrorCode.ANTENNA_MISSING))));
    }

    @Test
    void bufferedTagRecordWithCrc() throws Exception {
        BufferedTagRecord t = BufferedTagRecord.of(3, Hex.bytes("E2003098881900722140369E"), 0x5B, 45, 6, 17);
        assertTrue(t.crcValid());
        Frame f = t.toFrame(1, Command.GET_AND_RESET_BUFFER);
        // TagCount(2) DataLen(1)=2+12+2 PC(2) EPC(12) CRC(2) RSSI FreqAnt InvCount
        assertEquals(2 + 1 + 16 + 3, f.dataLength());
        assertEquals(16, f.dataAt(2));
        assertEquals(0xDB, f.dataAt(19), "RSSI with the 8-port bit");
        assertEquals((45 << 2) | 2, f.dataAt(20));
        Optional<BufferedTagRecord> back = Replies.parseBufferedTag(wire(f));
        assertEquals(Optional.of(t), back);
        assertEquals("E2003098881900722140369E", back.get().epcHex());
        assertEquals(6, back.get().antenna());
        assertEquals(-38, back.get().rssiDbm());

        byte[] data = f.data();
        data[8] ^= 0x01;
        BufferedTagRecord damaged = Replies.parseBufferedTag(new Frame(1, 0x91, data)).orElseThrow();
        assertFalse(damaged.crcValid());

        assertErrorReply(ErrorCode.COMMAND_FAILED, () -> Replies.parseBufferedTag(new Frame(1, 0x90, (byte) 0x11)));
        byte[] wrongLen = f.data();
        wrongLen[2] = 18;
        assertMalformed(() -> Replies.parseBufferedTag(new Frame(1, 0x90, wrongLen)));
        assertMalformed(() -> Replies.parseBufferedTag(new Frame(1, 0x90, Hex.bytes("00 01 05 30 00 AA 12 34 50 00 01"))));
        assertMalformed(() -> Replies.parseBufferedTag(new Frame(1, 0x92, (byte) 0x38)));
    }

    @Test
    void gen2CrcMatchesTheCatalogue() {
        // CRC-16/GENIBUS check value over "123456789".
        assertEquals(0xD64E, Gen2Crc.crc16("123456789".getBytes(), 0, 9));
        // Appending the CRC leaves the catalogue's residue 0x1D0F in the (uninverted) register.
        byte[] pcEpc = Hex.bytes("3000 E2003098881900722140369E");
        int crc = Gen2Crc.crc16(pcEpc, 0, pcEpc.length);
        byte[] withCrc = java.util.Arrays.copyOf(pcEpc, pcEpc.length + 2);
        withCrc[pcEpc.length] = (byte) (crc >>> 8);
        withCrc[pcEpc.length + 1] = (byte) crc;
        assertEquals(0x1D0F, ~Gen2Crc.crc16(withCrc, 0, withCrc.length) & 0xFFFF);
        assertEquals(crc, Gen2Crc.ofPcAndEpc(0x3000, Hex.bytes("E2003098881900722140369E")));
    }

    @Test
    void valueTypesRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(256, 0));
        assertThrows(IllegalArgumentException.class, () -> Replies.temperature(1, 300));
        assertThrows(IllegalArgumentException.class, () -> Replies.workAntenna(1, 8));
        assertThrows(IllegalArgumentException.class, () -> new OutputPower(List.of(1, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> FrequencyRegion.channelKhz(60));
        assertThrows(IllegalArgumentException.class, () -> TagRecord.pcFor(64));
        assertThrows(IllegalArgumentException.class, () -> new ErrorCode(256));
    }
}
