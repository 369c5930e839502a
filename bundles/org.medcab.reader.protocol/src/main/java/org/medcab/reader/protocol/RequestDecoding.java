package org.medcab.reader.protocol;

import java.util.ArrayList;
import java.util.List;

/** The frame-to-request half of {@link Request}, kept out of the interface to keep it readable. */
final class RequestDecoding {
    private RequestDecoding() {
    }

    static Request decode(Command command, Frame frame) throws MalformedFrameException {
        int n = frame.dataLength();
        if (Request.WithoutData.COMMANDS.contains(command)) {
            requireLength(frame, command, n == 0, "no data");
            return new Request.WithoutData(command);
        }
        switch (command) {
            case SET_BAUD_RATE -> {
                requireLength(frame, command, n == 1, "1 byte");
                int code = frame.dataAt(0);
                if (code != 3 && code != 4) {
                    throw new MalformedFrameException(frame, "baud rate code must be 3 or 4: " + code,
                            ErrorCode.BAUD_RATE_OUT_OF_RANGE);
                }
                return new Request.SetBaudRate(code == 3 ? 38400 : 115200);
            }
            case SET_ADDRESS -> {
                requireLength(frame, command, n == 1, "1 byte");
                return new Request.SetAddress(frame.dataAt(0));
            }
            case SET_WORK_ANTENNA -> {
                requireLength(frame, command, n == 1, "1 byte");
                return new Request.SetWorkAntenna(frame.dataAt(0));
            }
            case SET_OUTPUT_POWER -> {
                requireLength(frame, command, n == 1 || n == 4 || n == 8, "1, 4 or 8 bytes");
                return new Request.SetOutputPower(OutputPower.fromBytes(frame.data()));
            }
            case SET_REGION -> {
                requireLength(frame, command, n == 3 || n == 6, "3 or 6 bytes");
                return new Request.SetRegion(FrequencyRegion.fromBytes(frame.data()));
            }
            case SET_BEEPER -> {
                requireLength(frame, command, n == 1, "1 byte");
                return new Request.SetBeeper(BeeperMode.of(frame.dataAt(0)).orElseThrow(
                        () -> new IllegalArgumentException("beeper mode must be 0..2: " + frame.dataAt(0))));
            }
            case WRITE_GPIO -> {
                requireLength(frame, command, n == 2, "2 bytes");
                int level = frame.dataAt(1);
                if (level > 1) {
                    throw new IllegalArgumentException("GPIO level must be 0 or 1: " + level);
                }
                return new Request.WriteGpio(frame.dataAt(0), level == 1);
            }
            case SET_ANTENNA_DETECTOR -> {
                requireLength(frame, command, n == 1, "1 byte");
                return new Request.SetAntennaDetector(frame.dataAt(0));
            }
            case SET_LINK_PROFILE -> {
                requireLength(frame, command, n == 1, "1 byte");
                return new Request.SetLinkProfile(LinkProfile.of(frame.dataAt(0)).orElseThrow(
                        () -> new IllegalArgumentException(String.format("link profile must be 0xD0..0xD3: 0x%02X", frame.dataAt(0)))));
            }
            case REAL_TIME_INVENTORY -> {
                requireLength(frame, command, n == 1, "1 byte");
                return new Request.RealTimeInventory(frame.dataAt(0));
            }
            case SESSION_INVENTORY -> {
                requireLength(frame, command, n == 3 || n == 5, "3 or 5 bytes");
                if (n == 3) {
                    return new Request.SessionInventory(frame.dataAt(0), frame.dataAt(1), frame.dataAt(2));
                }
                int phase = frame.dataAt(3);
                if (phase > 1) {
                    throw new IllegalArgumentException("phase must be 0 or 1: " + phase);
                }
                return new Request.SessionInventory(frame.dataAt(0), frame.dataAt(1), frame.dataAt(4), true,
                        frame.dataAt(2), phase == 1);
            }
            case FAST_SWITCH_INVENTORY -> {
                requireLength(frame, command, n == 10 || n == 18, "10 or 18 bytes");
                List<FastSwitchSlot> slots = new ArrayList<>();
                for (int i = 0; i < (n - 2) / 2; i++) {
                    slots.add(new FastSwitchSlot(frame.dataAt(2 * i), frame.dataAt(2 * i + 1)));
                }
                return new Request.FastSwitchInventory(slots, frame.dataAt(n - 2), frame.dataAt(n - 1));
            }
            case BUFFERED_INVENTORY -> {
                requireLength(frame, command, n == 1, "1 byte");
                return new Request.BufferedInventory(frame.dataAt(0));
            }
            default -> throw new MalformedFrameException(frame, "no request decoder for " + command,
                    ErrorCode.COMMAND_FAILED);
        }
    }

    private static void requireLength(Frame frame, Command command, boolean ok, String expected)
            throws MalformedFrameException {
        if (!ok) {
            throw new MalformedFrameException(frame, command + " takes " + expected + ", got " + frame.dataLength());
        }
    }

    /** The error code a reader answers a request whose value is out of range with. */
    static ErrorCode rangeError(Command command) {
        return switch (command) {
            case SET_BAUD_RATE -> ErrorCode.BAUD_RATE_OUT_OF_RANGE;
            case SET_ADDRESS -> ErrorCode.INVALID_READER_ADDRESS;
            case SET_WORK_ANTENNA -> ErrorCode.ANTENNA_OUT_OF_RANGE;
            case SET_OUTPUT_POWER -> ErrorCode.OUTPUT_POWER_OUT_OF_RANGE;
            case SET_REGION -> ErrorCode.REGION_OUT_OF_RANGE;
            case SET_BEEPER -> ErrorCode.BEEPER_MODE_OUT_OF_RANGE;
            default -> ErrorCode.INVALID_PARAMETER;
        };
    }
}
