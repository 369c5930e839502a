package org.medcab.reader.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** Every example frame of sections 1 and 5 of the reader protocol spec: encoded byte for byte, decoded to its stated meaning. */
class SpecExamplesTest {

    private static void assertWire(String expected, Frame frame) {
        assertArrayEquals(Hex.bytes(expected), frame.encode(), () -> "expected " + expected + ", got " + frame);
    }

    @Test
    void getFirmwareVersionWorkedChecksumExample() throws Exception {
        assertWire("A0 03 01 72 EA", Requests.getFirmwareVersion(1));
        Request r = Request.decode(Hex.frame("A0 03 01 72 EA"));
        assertEquals(new Request.WithoutData(Command.GET_FIRMWARE_VERSION), r);
    }

    @Test
    void realTimeInventoryRepeat1() throws Exception {
        assertWire("A0 04 01 89 01 D1", Requests.realTimeInventory(1, 1));
        Frame f = Hex.frame("A0 04 01 89 01 D1");
        assertEquals(1, f.address());
        assertEquals(new Request.RealTimeInventory(1), Request.decode(f));
    }

    @Test
    void realTimeInventoryRepeatFF() throws Exception {
        assertWire("A0 04 01 89 FF D3", Requests.realTimeInventory(1, 0xFF));
        assertEquals(new Request.RealTimeInventory(255), Request.decode(Hex.frame("A0 04 01 89 FF D3")));
    }

    @Test
    void sessionInventoryS1TargetAPublicAddressCaptured() throws Exception {
        assertWire("A0 06 FF 8B 01 00 01 CE", Requests.sessionInventory(Frame.PUBLIC_ADDRESS, 1, 0, 1));
        Frame f = Hex.frame("A0 06 FF 8B 01 00 01 CE");
        assertEquals(Frame.PUBLIC_ADDRESS, f.address());
        Request.SessionInventory r = assertInstanceOf(Request.SessionInventory.class, Request.decode(f));
        assertEquals(1, r.session());
        assertEquals(0, r.target());
        assertEquals(1, r.repeat());
        assertFalse(r.extended());
        assertFalse(r.phase());
    }

    @Test
    void fastSwitchFourAntennasOneRoundEachRepeat10() throws Exception {
        String wire = "A0 0D 01 8A 00 01 01 01 02 01 03 01 00 0A B4";
        List<FastSwitchSlot> slots = List.of(new FastSwitchSlot(0, 1), new FastSwitchSlot(1, 1),
                new FastSwitchSlot(2, 1), new FastSwitchSlot(3, 1));
        assertWire(wire, Requests.fastSwitchInventory(1, slots, 0, 10));
        Request.FastSwitchInventory r = assertInstanceOf(Request.FastSwitchInventory.class, Request.decode(Hex.frame(wire)));
        assertEquals(slots, r.slots());
        assertEquals(slots, r.activeSlots());
        assertEquals(0, r.intervalMillis());
        assertEquals(10, r.repeat());
    }

    @Test
    void tagRecord96BitEpcAntenna0Index45Rssi5B() throws Exception {
        String wire = "A0 13 01 89 B4 30 00 E2 00 30 98 88 19 00 72 21 40 36 9E 5B 92";
        TagRecord t = assertInstanceOf(TagRecord.class, InventoryReply.decode(Hex.frame(wire), false));
        assertEquals("E2003098881900722140369E", t.epcHex());
        assertEquals(0, t.antenna());
        assertEquals(45, t.frequencyIndex());
        assertEquals(921_000, FrequencyRegion.channelKhz(t.frequencyIndex()));
        assertEquals(0x3000, t.pc());
        assertEquals(6, t.pcEpcWords());
        assertTrue(t.epcLengthMatchesPc());
        assertEquals(0x5B, t.rssiRaw());
        assertEquals(-38, t.rssiDbm());
        assertEquals(OptionalInt.empty(), t.phase());
        assertFalse(t.endsCommand());

        TagRecord built = TagRecord.of(45, 0, Hex.bytes("E2003098881900722140369E"), 0x5B);
        assertEquals(t, built);
        assertWire(wire, built.toFrame(1, Command.REAL_TIME_INVENTORY));
    }

    @Test
    void realTimeInventorySummary() throws Exception {
        String wire = "A0 0A 01 89 00 00 2A 00 00 00 64 3E";
        InventorySummary s = assertInstanceOf(InventorySummary.class, InventoryReply.decode(Hex.frame(wire), false));
        assertEquals(new InventorySummary(0, 42, 100), s);
        assertTrue(s.endsCommand());
        assertWire(wire, s.toFrame(1, Command.REAL_TIME_INVENTORY));
    }

    @Test
    void errorAntennaMissing() throws Exception {
        String wire = "A0 04 01 89 22 B0";
        ErrorReply e = assertInstanceOf(ErrorReply.class, InventoryReply.decode(Hex.frame(wire), false));
        assertEquals(ErrorCode.ANTENNA_MISSING, e.error());
        assertEquals("antenna missing", e.error().meaning());
        assertTrue(e.endsCommand());
        assertWire(wire, new ErrorReply(ErrorCode.ANTENNA_MISSING).toFrame(1, Command.REAL_TIME_INVENTORY));
        assertWire(wire, Replies.error(1, Command.REAL_TIME_INVENTORY, ErrorCode.ANTENNA_MISSING));
    }

    @Test
    void fastSwitchPerAntennaError() throws Exception {
        String wire = "A0 05 01 8A 01 22 AD";
        AntennaError e = assertInstanceOf(AntennaError.class, InventoryReply.decode(Hex.frame(wire), false));
        assertEquals(1, e.antenna());
        assertEquals(ErrorCode.ANTENNA_MISSING, e.error());
        assertFalse(e.endsCommand());
        assertWire(wire, new AntennaError(1, ErrorCode.ANTENNA_MISSING).toFrame(1));
    }

    @Test
    void bufferEmptyCaptured() throws Exception {
        String wire = "A0 04 01 90 38 93";
        assertEquals(Optional.empty(), Replies.parseBufferedTag(Hex.frame(wire)));
        assertWire(wire, Replies.error(1, Command.GET_BUFFER, ErrorCode.BUFFER_EMPTY));
    }

    @Test
    void setWorkAntenna0AndItsSuccessReply() throws Exception {
        assertWire("A0 04 01 74 00 E7", Requests.setWorkAntenna(1, 0));
        assertEquals(new Request.SetWorkAntenna(0), Request.decode(Hex.frame("A0 04 01 74 00 E7")));
        assertWire("A0 04 01 74 10 D7", Replies.status(1, Command.SET_WORK_ANTENNA, ErrorCode.SUCCESS));
        ErrorCode status = Replies.parseStatus(Hex.frame("A0 04 01 74 10 D7"), Command.SET_WORK_ANTENNA);
        assertTrue(status.isSuccess());
    }

    @Test
    void setOutputPower30AllPortsAndPerPort() throws Exception {
        assertWire("A0 04 01 76 1E C7", Requests.setOutputPower(1, 30));
        assertWire("A0 07 01 76 1E 1E 1E 1E 6A", Requests.setOutputPower(1, 30, 30, 30, 30));
        Request.SetOutputPower all = assertInstanceOf(Request.SetOutputPower.class,
                Request.decode(Hex.frame("A0 04 01 76 1E C7")));
        assertEquals(List.of(30), all.power().dbm());
        Request.SetOutputPower perPort = assertInstanceOf(Request.SetOutputPower.class,
                Request.decode(Hex.frame("A0 07 01 76 1E 1E 1E 1E 6A")));
        assertEquals(List.of(30, 30, 30, 30), perPort.power().dbm());
        assertTrue(perPort.power().isUniform());
    }

    @Test
    void regionFcc902To928() throws Exception {
        assertWire("A0 06 01 78 01 07 3B 9E", Requests.setRegion(1, Region.FCC, 7, 59));
        Request.SetRegion r = assertInstanceOf(Request.SetRegion.class, Request.decode(Hex.frame("A0 06 01 78 01 07 3B 9E")));
        FrequencyRegion.Band band = assertInstanceOf(FrequencyRegion.Band.class, r.region());
        assertEquals(Region.FCC, band.region());
        assertEquals(902_000, FrequencyRegion.channelKhz(band.startIndex()));
        assertEquals(928_000, FrequencyRegion.channelKhz(band.endIndex()));
    }

    @Test
    void baud115200ResetTemperature() throws Exception {
        assertWire("A0 04 01 71 04 E6", Requests.setBaudRate(1, 115200));
        assertEquals(new Request.SetBaudRate(115200), Request.decode(Hex.frame("A0 04 01 71 04 E6")));
        assertWire("A0 03 01 70 EC", Requests.reset(1));
        assertEquals(new Request.WithoutData(Command.RESET), Request.decode(Hex.frame("A0 03 01 70 EC")));
        assertWire("A0 03 01 7B E1", Requests.getTemperature(1));
        assertEquals(new Request.WithoutData(Command.GET_TEMPERATURE), Request.decode(Hex.frame("A0 03 01 7B E1")));
    }

    @Test
    void gpio3HighAndBeeperOff() throws Exception {
        assertWire("A0 05 01 61 03 01 F5", Requests.writeGpio(1, 3, true));
        assertEquals(new Request.WriteGpio(3, true), Request.decode(Hex.frame("A0 05 01 61 03 01 F5")));
        assertWire("A0 04 01 7A 00 E1", Requests.setBeeper(1, BeeperMode.QUIET));
        assertEquals(new Request.SetBeeper(BeeperMode.QUIET), Request.decode(Hex.frame("A0 04 01 7A 00 E1")));
    }

    @Test
    void bufferCommands() throws Exception {
        assertWire("A0 03 01 90 CC", Requests.getBuffer(1));
        assertWire("A0 03 01 91 CB", Requests.getAndResetBuffer(1));
        assertWire("A0 03 01 92 CA", Requests.getBufferCount(1));
        assertWire("A0 03 01 93 C9", Requests.resetBuffer(1));
        assertEquals(new Request.WithoutData(Command.GET_BUFFER), Request.decode(Hex.frame("A0 03 01 90 CC")));
        assertEquals(new Request.WithoutData(Command.GET_AND_RESET_BUFFER), Request.decode(Hex.frame("A0 03 01 91 CB")));
        assertEquals(new Request.WithoutData(Command.GET_BUFFER_COUNT), Request.decode(Hex.frame("A0 03 01 92 CA")));
        assertEquals(new Request.WithoutData(Command.RESET_BUFFER), Request.decode(Hex.frame("A0 03 01 93 C9")));
    }
}
