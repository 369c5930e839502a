package org.medcab.reader.protocol;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Replies to the single-frame commands, both ways: {@code parseXxx(Frame)} reads what a reader
 * answered (gateway side), the other methods build the frame a reader answers (simulator side).
 * Inventory streams are read with {@link InventoryReply#decode(Frame, boolean)}.
 *
 * <p>Error handling of the parsers: a reply that does not fit its command (wrong Cmd, wrong data
 * length, value out of range) throws the checked {@link MalformedFrameException}; a reader's
 * one-byte error answer to a command that normally returns data throws the checked
 * {@link ErrorReplyException} carrying the {@link ErrorCode}. No parser throws an unchecked
 * exception for any frame.
 */
public final class Replies {
    private Replies() {
    }

    // ---- encoders (what a reader answers) ----

    /** The one-byte reply of a set command: {@link ErrorCode#SUCCESS} or an error. */
    public static Frame status(int address, Command command, ErrorCode code) {
        return new Frame(address, command.code(), (byte) code.code());
    }

    /** The one-byte error answer to any command. */
    public static Frame error(int address, Command command, ErrorCode code) {
        return new ErrorReply(code).toFrame(address, command);
    }

    public static Frame firmwareVersion(int address, FirmwareVersion version) {
        return new Frame(address, Command.GET_FIRMWARE_VERSION.code(), (byte) version.major(), (byte) version.minor());
    }

    public static Frame workAntenna(int address, int antenna) {
        Bytes.requireRange("antenna", antenna, 0, 7);
        return new Frame(address, Command.GET_WORK_ANTENNA.code(), (byte) antenna);
    }

    /** The answer to 0x77 for 1 or 4 values, to 0x97 for 8 values. */
    public static Frame outputPower(int address, OutputPower power) {
        Command command = power.dbm().size() == 8 ? Command.GET_OUTPUT_POWER_8 : Command.GET_OUTPUT_POWER;
        return new Frame(address, command.code(), power.toBytes());
    }

    public static Frame region(int address, FrequencyRegion region) {
        return new Frame(address, Command.GET_REGION.code(), region.toBytes());
    }

    /** {@code [sign, °C]} with sign 0 = below zero, 1 = zero or above. */
    public static Frame temperature(int address, int celsius) {
        Bytes.requireRange("celsius", celsius, -255, 255);
        return new Frame(address, Command.GET_TEMPERATURE.code(), (byte) (celsius < 0 ? 0 : 1), (byte) Math.abs(celsius));
    }

    public static Frame gpioLevels(int address, GpioLevels levels) {
        return new Frame(address, Command.READ_GPIO.code(), (byte) (levels.gpio1High() ? 1 : 0),
                (byte) (levels.gpio2High() ? 1 : 0));
    }

    /** 0 = detector off, else the return-loss threshold in dB. */
    public static Frame antennaDetector(int address, int thresholdDb) {
        Bytes.requireByte("thresholdDb", thresholdDb);
        return new Frame(address, Command.GET_ANTENNA_DETECTOR.code(), (byte) thresholdDb);
    }

    public static Frame linkProfile(int address, LinkProfile profile) {
        return new Frame(address, Command.GET_LINK_PROFILE.code(), (byte) profile.code());
    }

    public static Frame bufferCount(int address, int count) {
        Bytes.requireRange("count", count, 0, 0xFFFF);
        return new Frame(address, Command.GET_BUFFER_COUNT.code(), (byte) (count >>> 8), (byte) count);
    }

    // ---- parsers (what the gateway reads) ----

    /**
     * The status a set command (or reset, 0x93, ...) was answered with: {@link ErrorCode#SUCCESS}
     * or the error.
     */
    public static ErrorCode parseStatus(Frame frame, Command command) throws MalformedFrameException {
        expect(frame, command);
        if (frame.dataLength() != 1) {
            throw new MalformedFrameException(frame, "status reply must have 1 data byte, has " + frame.dataLength());
        }
        return ErrorCode.of(frame.dataAt(0));
    }

    public static FirmwareVersion parseFirmwareVersion(Frame frame) throws MalformedFrameException, ErrorReplyException {
        expect(frame, Command.GET_FIRMWARE_VERSION);
        requireData(frame, 2);
        return new FirmwareVersion(frame.dataAt(0), frame.dataAt(1));
    }

    /** The work antenna 0..7; a byte above 7 is an error code. */
    public static int parseWorkAntenna(Frame frame) throws MalformedFrameException, ErrorReplyException {
        expect(frame, Command.GET_WORK_ANTENNA);
        if (frame.dataLength() != 1) {
            throw new MalformedFrameException(frame, "work antenna reply must have 1 data byte, has " + frame.dataLength());
        }
        if (frame.dataAt(0) > 7) {
            throw new ErrorReplyException(frame.command(), ErrorCode.of(frame.dataAt(0)));
        }
        return frame.dataAt(0);
    }

    /**
     * The reply to 0x77 (1 or 4 values) or 0x97 (8 values). A single byte above 33 dBm is an error
     * code; one at or below 33 cannot be told apart from a power and is read as one.
     */
    public static OutputPower parseOutputPower(Frame frame) throws MalformedFrameException, ErrorReplyException {
        expect(frame, Command.GET_OUTPUT_POWER, Command.GET_OUTPUT_POWER_8);
        int n = frame.dataLength();
        if (n == 1 && frame.dataAt(0) > OutputPower.MAX_DBM) {
            throw new ErrorReplyException(frame.command(), ErrorCode.of(frame.dataAt(0)));
        }
        boolean eightPort = frame.command() == Command.GET_OUTPUT_POWER_8.code();
        if (eightPort ? n != 8 : n != 1 && n != 4) {
            throw new MalformedFrameException(frame, "output power reply has " + n + " data bytes");
        }
        return decodeValue(frame, () -> OutputPower.fromBytes(frame.data()));
    }

    public static FrequencyRegion parseRegion(Frame frame) throws MalformedFrameException, ErrorReplyException {
        expect(frame, Command.GET_REGION);
        if (frame.dataLength() == 1) {
            throw new ErrorReplyException(frame.command(), ErrorCode.of(frame.dataAt(0)));
        }
        return decodeValue(frame, () -> FrequencyRegion.fromBytes(frame.data()));
    }

    /** Degrees Celsius; sign byte 0 = below zero, 1 = zero or above (the protocol's sources disagree, see spec). */
    public static int parseTemperature(Frame frame) throws MalformedFrameException, ErrorReplyException {
        expect(frame, Command.GET_TEMPERATURE);
        requireData(frame, 2);
        int sign = frame.dataAt(0);
        if (sign > 1) {
            throw new MalformedFrameException(frame, "temperature sign byte must be 0 or 1: " + sign);
        }
        return sign == 0 ? -frame.dataAt(1) : frame.dataAt(1);
    }

    public static GpioLevels parseGpioLevels(Frame frame) throws MalformedFrameException, ErrorReplyException {
        expect(frame, Command.READ_GPIO);
        requireData(frame, 2);
        if (frame.dataAt(0) > 1 || frame.dataAt(1) > 1) {
            throw new MalformedFrameException(frame, "GPIO levels must be 0 or 1");
        }
        return new GpioLevels(frame.dataAt(0) == 1, frame.dataAt(1) == 1);
    }

    /**
     * The antenna detector threshold in dB (0 = off). The reply has the shape of an error reply, so
     * an error cannot be told apart from a threshold and is returned as one.
     */
    public static int parseAntennaDetector(Frame frame) throws MalformedFrameException {
        expect(frame, Command.GET_ANTENNA_DETECTOR);
        if (frame.dataLength() != 1) {
            throw new MalformedFrameException(frame, "antenna detector reply must have 1 data byte, has "
                    + frame.dataLength());
        }
        return frame.dataAt(0);
    }

    /** The link profile; a byte other than 0xD0..0xD3 is an error code. */
    public static LinkProfile parseLinkProfile(Frame frame) throws MalformedFrameException, ErrorReplyException {
        expect(frame, Command.GET_LINK_PROFILE);
        if (frame.dataLength() != 1) {
            throw new MalformedFrameException(frame, "link profile reply must have 1 data byte, has " + frame.dataLength());
        }
        Optional<LinkProfile> profile = LinkProfile.of(frame.dataAt(0));
        if (profile.isEmpty()) {
            throw new ErrorReplyException(frame.command(), ErrorCode.of(frame.dataAt(0)));
        }
        return profile.get();
    }

    /** The number of tags in the reader's buffer (0x92). */
    public static int parseBufferCount(Frame frame) throws MalformedFrameException, ErrorReplyException {
        expect(frame, Command.GET_BUFFER_COUNT);
        requireData(frame, 2);
        return (int) frame.dataUnsigned(0, 2);
    }

    /** The summary answered to a buffered inventory (0x80). */
    public static BufferedInventorySummary parseBufferedInventory(Frame frame)
            throws MalformedFrameException, ErrorReplyException {
        expect(frame, Command.BUFFERED_INVENTORY);
        requireData(frame, 9);
        return new BufferedInventorySummary(frame.dataAt(0), (int) frame.dataUnsigned(1, 2),
                (int) frame.dataUnsigned(3, 2), frame.dataUnsigned(5, 4));
    }

    /**
     * One frame of the reply to 0x90/0x91: a buffered tag, or empty when the buffer is empty (error
     * 0x38). The CRC is not checked here: see {@link BufferedTagRecord#crcValid()}.
     */
    public static Optional<BufferedTagRecord> parseBufferedTag(Frame frame)
            throws MalformedFrameException, ErrorReplyException {
        expect(frame, Command.GET_BUFFER, Command.GET_AND_RESET_BUFFER);
        if (frame.dataLength() == 1) {
            ErrorCode error = ErrorCode.of(frame.dataAt(0));
            if (error.equals(ErrorCode.BUFFER_EMPTY)) {
                return Optional.empty();
            }
            throw new ErrorReplyException(frame.command(), error);
        }
        return Optional.of(decodeValue(frame, () -> BufferedTagRecord.fromFrame(frame)));
    }

    private static void expect(Frame frame, Command... commands) throws MalformedFrameException {
        for (Command c : commands) {
            if (frame.command() == c.code()) {
                return;
            }
        }
        throw new MalformedFrameException(frame, String.format("0x%02X is not a reply to %s", frame.command(),
                Arrays.toString(commands)));
    }

    /** Data of exactly {@code length} bytes, or a one-byte error answer. */
    private static void requireData(Frame frame, int length) throws MalformedFrameException, ErrorReplyException {
        if (frame.dataLength() == 1 && length != 1) {
            throw new ErrorReplyException(frame.command(), ErrorCode.of(frame.dataAt(0)));
        }
        if (frame.dataLength() != length) {
            throw new MalformedFrameException(frame, "reply must have " + length + " data bytes, has " + frame.dataLength());
        }
    }

    /** Turns a value check of a record constructor into the checked exception the parsers promise. */
    private static <T> T decodeValue(Frame frame, Supplier<T> reader) throws MalformedFrameException {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException(frame, e.getMessage());
        }
    }
}
