package org.medcab.reader.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RequestTest {

    private static final List<FastSwitchSlot> EIGHT = List.of(new FastSwitchSlot(0, 2), new FastSwitchSlot(5, 1),
            FastSwitchSlot.skip(), new FastSwitchSlot(7, 3), new FastSwitchSlot(1, 1), FastSwitchSlot.skip(),
            new FastSwitchSlot(2, 255), new FastSwitchSlot(9, 0));

    /** Every builder, and the request it must decode back to. */
    private static List<Object[]> everyRequest() {
        return List.of(
                new Object[] {Requests.reset(2), new Request.WithoutData(Command.RESET)},
                new Object[] {Requests.setBaudRate(2, 38400), new Request.SetBaudRate(38400)},
                new Object[] {Requests.getFirmwareVersion(2), new Request.WithoutData(Command.GET_FIRMWARE_VERSION)},
                new Object[] {Requests.setAddress(2, 254), new Request.SetAddress(254)},
                new Object[] {Requests.setWorkAntenna(2, 7), new Request.SetWorkAntenna(7)},
                new Object[] {Requests.getWorkAntenna(2), new Request.WithoutData(Command.GET_WORK_ANTENNA)},
                new Object[] {Requests.setOutputPower(2, 0, 1, 2, 3, 30, 31, 32, 33),
                        new Request.SetOutputPower(OutputPower.of(0, 1, 2, 3, 30, 31, 32, 33))},
                new Object[] {Requests.getOutputPower(2), new Request.WithoutData(Command.GET_OUTPUT_POWER)},
                new Object[] {Requests.getOutputPower8(2), new Request.WithoutData(Command.GET_OUTPUT_POWER_8)},
                new Object[] {Requests.setRegion(2, Region.ETSI, 0, 6),
                        new Request.SetRegion(new FrequencyRegion.Band(Region.ETSI, 0, 6))},
                new Object[] {Requests.setUserRegion(2, 500, 50, 915_250),
                        new Request.SetRegion(new FrequencyRegion.UserDefined(500, 50, 915_250))},
                new Object[] {Requests.getRegion(2), new Request.WithoutData(Command.GET_REGION)},
                new Object[] {Requests.setBeeper(2, BeeperMode.PER_TAG), new Request.SetBeeper(BeeperMode.PER_TAG)},
                new Object[] {Requests.getTemperature(2), new Request.WithoutData(Command.GET_TEMPERATURE)},
                new Object[] {Requests.readGpio(2), new Request.WithoutData(Command.READ_GPIO)},
                new Object[] {Requests.writeGpio(2, 4, false), new Request.WriteGpio(4, false)},
                new Object[] {Requests.setAntennaDetector(2, 6), new Request.SetAntennaDetector(6)},
                new Object[] {Requests.getAntennaDetector(2), new Request.WithoutData(Command.GET_ANTENNA_DETECTOR)},
                new Object[] {Requests.setLinkProfile(2, LinkProfile.D3), new Request.SetLinkProfile(LinkProfile.D3)},
                new Object[] {Requests.getLinkProfile(2), new Request.WithoutData(Command.GET_LINK_PROFILE)},
                new Object[] {Requests.realTimeInventory(2, 3), new Request.RealTimeInventory(3)},
                new Object[] {Requests.sessionInventory(2, 3, 1, 254), new Request.SessionInventory(3, 1, 254)},
                new Object[] {Requests.sessionInventory(2, 2, 1, 3, true, 9),
                        new Request.SessionInventory(2, 1, 9, true, 3, true)},
                new Object[] {Requests.fastSwitchInventory(2, EIGHT, 20, 4), new Request.FastSwitchInventory(EIGHT, 20, 4)},
                new Object[] {Requests.bufferedInventory(2, 5), new Request.BufferedInventory(5)},
                new Object[] {Requests.getBuffer(2), new Request.WithoutData(Command.GET_BUFFER)},
                new Object[] {Requests.getAndResetBuffer(2), new Request.WithoutData(Command.GET_AND_RESET_BUFFER)},
                new Object[] {Requests.getBufferCount(2), new Request.WithoutData(Command.GET_BUFFER_COUNT)},
                new Object[] {Requests.resetBuffer(2), new Request.WithoutData(Command.RESET_BUFFER)});
    }

    @Test
    void everyRequestDecodesBackThroughTheWire() throws Exception {
        for (Object[] pair : everyRequest()) {
            Frame built = (Frame) pair[0];
            Frame onWire = new FrameDecoder().feed(built.encode()).get(0);
            assertEquals(2, onWire.address());
            Request decoded = Request.decode(onWire);
            assertEquals(pair[1], decoded);
            assertEquals(built, decoded.toFrame(2));
        }
    }

    @Test
    void extendedSessionInventoryLayout() {
        assertEquals(new Frame(1, 0x8B, Hex.bytes("02 01 03 01 09")), Requests.sessionInventory(1, 2, 1, 3, true, 9));
    }

    @Test
    void userRegionLayout() {
        // spacing 500 kHz = 50 x 10 kHz, 50 channels, start 915250 kHz = 0x0DF732
        assertEquals(new Frame(1, 0x78, Hex.bytes("04 32 32 0D F7 32")), Requests.setUserRegion(1, 500, 50, 915_250));
    }

    @Test
    void eightSlotFastSwitchSkipsSlotsAboveSeven() {
        Request.FastSwitchInventory r = new Request.FastSwitchInventory(EIGHT, 20, 4);
        assertEquals(18, r.data().length);
        assertEquals(List.of(new FastSwitchSlot(0, 2), new FastSwitchSlot(5, 1), new FastSwitchSlot(7, 3),
                new FastSwitchSlot(1, 1), new FastSwitchSlot(2, 255)), r.activeSlots());
    }

    private static void assertRejects(String parameter, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(parameter), () -> "message names " + parameter + ": " + e.getMessage());
    }

    @Test
    void invalidArgumentsAreRejectedNamingTheParameter() {
        assertRejects("address", () -> Requests.reset(256));
        assertRejects("address", () -> Requests.getFirmwareVersion(-1));
        assertRejects("baud", () -> Requests.setBaudRate(1, 9600));
        assertRejects("newAddress", () -> Requests.setAddress(1, 255));
        assertRejects("antenna", () -> Requests.setWorkAntenna(1, 8));
        assertRejects("antenna", () -> Requests.setWorkAntenna(1, -1));
        assertRejects("dbm[0]", () -> Requests.setOutputPower(1, 34));
        assertRejects("dbm[3]", () -> Requests.setOutputPower(1, 20, 20, 20, -1));
        assertRejects("dbm", () -> Requests.setOutputPower(1, 20, 20));
        assertRejects("dbm", () -> Requests.setOutputPower(1));
        assertRejects("region", () -> Requests.setRegion(1, null, 0, 6));
        assertRejects("startIndex", () -> Requests.setRegion(1, Region.FCC, 60, 60));
        assertRejects("endIndex", () -> Requests.setRegion(1, Region.FCC, 20, 10));
        assertRejects("spacingKhz", () -> Requests.setUserRegion(1, 505, 10, 915_000));
        assertRejects("channels", () -> Requests.setUserRegion(1, 500, 0, 915_000));
        assertRejects("startKhz", () -> Requests.setUserRegion(1, 500, 10, 2_400_000));
        assertRejects("mode", () -> Requests.setBeeper(1, null));
        assertRejects("gpio", () -> Requests.writeGpio(1, 1, true));
        assertRejects("thresholdDb", () -> Requests.setAntennaDetector(1, 256));
        assertRejects("profile", () -> Requests.setLinkProfile(1, null));
        assertRejects("repeat", () -> Requests.realTimeInventory(1, 0));
        assertRejects("repeat", () -> Requests.realTimeInventory(1, 256));
        assertRejects("session", () -> Requests.sessionInventory(1, 4, 0, 1));
        assertRejects("target", () -> Requests.sessionInventory(1, 1, 2, 1));
        assertRejects("repeat", () -> Requests.sessionInventory(1, 1, 0, 0));
        assertRejects("sl", () -> Requests.sessionInventory(1, 1, 0, 4, false, 1));
        assertRejects("phase", () -> new Request.SessionInventory(1, 0, 1, false, 0, true));
        assertRejects("slots", () -> Requests.fastSwitchInventory(1, List.of(new FastSwitchSlot(0, 1)), 0, 1));
        assertRejects("slots[1].stay", () -> Requests.fastSwitchInventory(1,
                List.of(new FastSwitchSlot(0, 1), new FastSwitchSlot(1, 0), FastSwitchSlot.skip(), FastSwitchSlot.skip()), 0, 1));
        assertRejects("slots", () -> Requests.fastSwitchInventory(1, List.of(FastSwitchSlot.skip(), FastSwitchSlot.skip(),
                new FastSwitchSlot(4, 1), FastSwitchSlot.skip()), 0, 1));
        assertRejects("intervalMillis", () -> Requests.fastSwitchInventory(1, EIGHT, 256, 1));
        assertRejects("repeat", () -> Requests.fastSwitchInventory(1, EIGHT, 0, 0));
        assertRejects("antenna", () -> new FastSwitchSlot(256, 1));
        assertRejects("repeat", () -> Requests.bufferedInventory(1, 0));
        assertRejects("command", () -> new Request.WithoutData(Command.SET_WORK_ANTENNA));
    }

    private static void assertMalformed(String hexData, int command, ErrorCode readerError) {
        Frame f = new Frame(1, command, Hex.bytes(hexData));
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> Request.decode(f));
        assertEquals(readerError, e.readerError(), e.getMessage());
        assertEquals(f, e.frame());
    }

    @Test
    void malformedRequestsCarryTheErrorAReaderAnswers() {
        assertMalformed("", 0x01, ErrorCode.COMMAND_FAILED);
        assertMalformed("00", 0x81, ErrorCode.COMMAND_FAILED);
        assertMalformed("00", 0x72, ErrorCode.INVALID_PARAMETER);
        assertMalformed("", 0x74, ErrorCode.INVALID_PARAMETER);
        assertMalformed("08", 0x74, ErrorCode.ANTENNA_OUT_OF_RANGE);
        assertMalformed("05", 0x71, ErrorCode.BAUD_RATE_OUT_OF_RANGE);
        assertMalformed("FF", 0x73, ErrorCode.INVALID_READER_ADDRESS);
        assertMalformed("22", 0x76, ErrorCode.OUTPUT_POWER_OUT_OF_RANGE);
        assertMalformed("14 14", 0x76, ErrorCode.INVALID_PARAMETER);
        assertMalformed("05 00 06", 0x78, ErrorCode.REGION_OUT_OF_RANGE);
        assertMalformed("03", 0x7A, ErrorCode.BEEPER_MODE_OUT_OF_RANGE);
        assertMalformed("03 02", 0x61, ErrorCode.INVALID_PARAMETER);
        assertMalformed("C0", 0x69, ErrorCode.INVALID_PARAMETER);
        assertMalformed("00", 0x89, ErrorCode.INVALID_PARAMETER);
        assertMalformed("04 00 01", 0x8B, ErrorCode.INVALID_PARAMETER);
        assertMalformed("01 00 00 02 01", 0x8B, ErrorCode.INVALID_PARAMETER);
        assertMalformed("01 00 01 01", 0x8B, ErrorCode.INVALID_PARAMETER);
        assertMalformed("FF 00 FF 00 FF 00 FF 00 00 01", 0x8A, ErrorCode.INVALID_PARAMETER);
        assertMalformed("00 01 01 01 00 01", 0x8A, ErrorCode.INVALID_PARAMETER);
    }

    @Test
    void commandTable() {
        Supplier<String> all = () -> List.of(Command.values()).toString();
        assertEquals(30, Command.values().length, all);
        for (Command c : Command.values()) {
            assertEquals(c, Command.of(c.code()).orElseThrow());
        }
        assertTrue(Command.of(0x8C).isEmpty());
        assertTrue(Command.of(-1).isEmpty());
        assertTrue(Command.SESSION_INVENTORY.isInventoryStream());
        assertTrue(Command.SET_OUTPUT_POWER.writesFlash());
        assertTrue(!Command.SET_WORK_ANTENNA.writesFlash());
    }
}
