package org.medcab.reader.protocol;

import java.util.List;

/**
 * Request frames for every command of sections 2 and 3, addressed to one reader (0..254, or
 * {@link Frame#PUBLIC_ADDRESS}). Arguments out of range throw {@link IllegalArgumentException}
 * naming the parameter, so a wrong request never reaches the wire.
 */
public final class Requests {
    private Requests() {
    }

    /** 0x70: the reader reboots and answers nothing on success. */
    public static Frame reset(int address) {
        return new Request.WithoutData(Command.RESET).toFrame(address);
    }

    /** 0x71: 38400 or 115200. */
    public static Frame setBaudRate(int address, int baud) {
        return new Request.SetBaudRate(baud).toFrame(address);
    }

    /** 0x72. */
    public static Frame getFirmwareVersion(int address) {
        return new Request.WithoutData(Command.GET_FIRMWARE_VERSION).toFrame(address);
    }

    /** 0x73: 0..254. */
    public static Frame setAddress(int address, int newAddress) {
        return new Request.SetAddress(newAddress).toFrame(address);
    }

    /** 0x74: antenna 0..7. */
    public static Frame setWorkAntenna(int address, int antenna) {
        return new Request.SetWorkAntenna(antenna).toFrame(address);
    }

    /** 0x75. */
    public static Frame getWorkAntenna(int address) {
        return new Request.WithoutData(Command.GET_WORK_ANTENNA).toFrame(address);
    }

    /** 0x76: one value (all ports), or 4 or 8 values (one per port), each 0..33 dBm. */
    public static Frame setOutputPower(int address, int... dbm) {
        return new Request.SetOutputPower(OutputPower.of(dbm)).toFrame(address);
    }

    /** 0x77 (4-port readers). */
    public static Frame getOutputPower(int address) {
        return new Request.WithoutData(Command.GET_OUTPUT_POWER).toFrame(address);
    }

    /** 0x97 (8-port readers). */
    public static Frame getOutputPower8(int address) {
        return new Request.WithoutData(Command.GET_OUTPUT_POWER_8).toFrame(address);
    }

    /** 0x78 with a fixed region and a range of frequency indices 0..59. */
    public static Frame setRegion(int address, Region region, int startIndex, int endIndex) {
        return new Request.SetRegion(new FrequencyRegion.Band(region, startIndex, endIndex)).toFrame(address);
    }

    /** 0x78 with a user-defined channel plan. */
    public static Frame setUserRegion(int address, int spacingKhz, int channels, int startKhz) {
        return new Request.SetRegion(new FrequencyRegion.UserDefined(spacingKhz, channels, startKhz)).toFrame(address);
    }

    /** 0x79. */
    public static Frame getRegion(int address) {
        return new Request.WithoutData(Command.GET_REGION).toFrame(address);
    }

    /** 0x7A. */
    public static Frame setBeeper(int address, BeeperMode mode) {
        return new Request.SetBeeper(mode).toFrame(address);
    }

    /** 0x7B. */
    public static Frame getTemperature(int address) {
        return new Request.WithoutData(Command.GET_TEMPERATURE).toFrame(address);
    }

    /** 0x60. */
    public static Frame readGpio(int address) {
        return new Request.WithoutData(Command.READ_GPIO).toFrame(address);
    }

    /** 0x61: gpio 3 or 4. */
    public static Frame writeGpio(int address, int gpio, boolean high) {
        return new Request.WriteGpio(gpio, high).toFrame(address);
    }

    /** 0x62: 0 = off, else the return-loss threshold in dB. */
    public static Frame setAntennaDetector(int address, int thresholdDb) {
        return new Request.SetAntennaDetector(thresholdDb).toFrame(address);
    }

    /** 0x63. */
    public static Frame getAntennaDetector(int address) {
        return new Request.WithoutData(Command.GET_ANTENNA_DETECTOR).toFrame(address);
    }

    /** 0x69. */
    public static Frame setLinkProfile(int address, LinkProfile profile) {
        return new Request.SetLinkProfile(profile).toFrame(address);
    }

    /** 0x6A. */
    public static Frame getLinkProfile(int address) {
        return new Request.WithoutData(Command.GET_LINK_PROFILE).toFrame(address);
    }

    /** 0x89: repeat 1..255. */
    public static Frame realTimeInventory(int address, int repeat) {
        return new Request.RealTimeInventory(repeat).toFrame(address);
    }

    /** 0x8B: session 0..3, target 0 (A) or 1 (B), repeat 1..255. */
    public static Frame sessionInventory(int address, int session, int target, int repeat) {
        return new Request.SessionInventory(session, target, repeat).toFrame(address);
    }

    /** 0x8B, extended form with the SL byte (0..3) and phase reporting. */
    public static Frame sessionInventory(int address, int session, int target, int sl, boolean phase, int repeat) {
        return new Request.SessionInventory(session, target, repeat, true, sl, phase).toFrame(address);
    }

    /** 0x8A with 4 or 8 slots. */
    public static Frame fastSwitchInventory(int address, List<FastSwitchSlot> slots, int intervalMillis, int repeat) {
        return new Request.FastSwitchInventory(slots, intervalMillis, repeat).toFrame(address);
    }

    /** 0x80: repeat 1..255. */
    public static Frame bufferedInventory(int address, int repeat) {
        return new Request.BufferedInventory(repeat).toFrame(address);
    }

    /** 0x90. */
    public static Frame getBuffer(int address) {
        return new Request.WithoutData(Command.GET_BUFFER).toFrame(address);
    }

    /** 0x91. */
    public static Frame getAndResetBuffer(int address) {
        return new Request.WithoutData(Command.GET_AND_RESET_BUFFER).toFrame(address);
    }

    /** 0x92. */
    public static Frame getBufferCount(int address) {
        return new Request.WithoutData(Command.GET_BUFFER_COUNT).toFrame(address);
    }

    /** 0x93. */
    public static Frame resetBuffer(int address) {
        return new Request.WithoutData(Command.RESET_BUFFER).toFrame(address);
    }
}
