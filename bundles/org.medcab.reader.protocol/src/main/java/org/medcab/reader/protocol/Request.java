package org.medcab.reader.protocol;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A typed request of sections 2 and 3 of the reader protocol. The gateway builds them (usually
 * through {@link Requests}); a reader, or the simulator standing in for one, gets them back from
 * a frame with {@link #decode(Frame)}. Every record checks its arguments and throws
 * {@link IllegalArgumentException} naming the parameter that is out of range.
 */
public sealed interface Request {

    Command command();

    /** The Data bytes of the request frame. */
    byte[] data();

    default Frame toFrame(int address) {
        return new Frame(address, command().code(), data());
    }

    /**
     * Reads a request frame.
     *
     * @throws MalformedFrameException for an unknown or unsupported command, a wrong data length
     *         or a value out of range; its {@link MalformedFrameException#readerError()} is the
     *         error code a reader answers such a request with
     */
    static Request decode(Frame frame) throws MalformedFrameException {
        Command command = Command.of(frame.command()).orElseThrow(() -> new MalformedFrameException(frame,
                String.format("unknown command 0x%02X", frame.command()), ErrorCode.COMMAND_FAILED));
        try {
            return RequestDecoding.decode(command, frame);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException(frame, command + ": " + e.getMessage(), RequestDecoding.rangeError(command));
        }
    }

    /** A request without Data: reset, the get commands and the buffer commands. */
    record WithoutData(Command command) implements Request {
        static final Set<Command> COMMANDS = EnumSet.of(Command.RESET, Command.GET_FIRMWARE_VERSION,
                Command.GET_WORK_ANTENNA, Command.GET_OUTPUT_POWER, Command.GET_OUTPUT_POWER_8, Command.GET_REGION,
                Command.GET_TEMPERATURE, Command.READ_GPIO, Command.GET_ANTENNA_DETECTOR, Command.GET_LINK_PROFILE,
                Command.GET_BUFFER, Command.GET_AND_RESET_BUFFER, Command.GET_BUFFER_COUNT, Command.RESET_BUFFER);

        public WithoutData {
            if (!COMMANDS.contains(command)) {
                throw new IllegalArgumentException("command takes data or is not supported: " + command);
            }
        }

        @Override
        public byte[] data() {
            return new byte[0];
        }
    }

    /** 0x71: 38400 or 115200 baud; the reader answers at the old rate, then resets. */
    record SetBaudRate(int baud) implements Request {
        public SetBaudRate {
            if (baud != 38400 && baud != 115200) {
                throw new IllegalArgumentException("baud must be 38400 or 115200: " + baud);
            }
        }

        @Override
        public Command command() {
            return Command.SET_BAUD_RATE;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) (baud == 38400 ? 0x03 : 0x04)};
        }
    }

    /** 0x73: the reader's new unit address, 0..254 (0xFF is the public address). */
    record SetAddress(int newAddress) implements Request {
        public SetAddress {
            Bytes.requireRange("newAddress", newAddress, 0, 0xFE);
        }

        @Override
        public Command command() {
            return Command.SET_ADDRESS;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) newAddress};
        }
    }

    /** 0x74: the antenna the following 0x89/0x8B/0x80 run on, 0..7 (0..3 on 4-port readers). */
    record SetWorkAntenna(int antenna) implements Request {
        public SetWorkAntenna {
            Bytes.requireRange("antenna", antenna, 0, 7);
        }

        @Override
        public Command command() {
            return Command.SET_WORK_ANTENNA;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) antenna};
        }
    }

    /** 0x76: writes flash, takes more than 100 ms. */
    record SetOutputPower(OutputPower power) implements Request {
        public SetOutputPower {
            if (power == null) {
                throw new IllegalArgumentException("power must not be null");
            }
        }

        @Override
        public Command command() {
            return Command.SET_OUTPUT_POWER;
        }

        @Override
        public byte[] data() {
            return power.toBytes();
        }
    }

    /** 0x78. */
    record SetRegion(FrequencyRegion region) implements Request {
        public SetRegion {
            if (region == null) {
                throw new IllegalArgumentException("region must not be null");
            }
        }

        @Override
        public Command command() {
            return Command.SET_REGION;
        }

        @Override
        public byte[] data() {
            return region.toBytes();
        }
    }

    /** 0x7A. */
    record SetBeeper(BeeperMode mode) implements Request {
        public SetBeeper {
            if (mode == null) {
                throw new IllegalArgumentException("mode must not be null");
            }
        }

        @Override
        public Command command() {
            return Command.SET_BEEPER;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) mode.code()};
        }
    }

    /** 0x61: sets output GPIO3 or GPIO4. */
    record WriteGpio(int gpio, boolean high) implements Request {
        public WriteGpio {
            Bytes.requireRange("gpio", gpio, 3, 4);
        }

        @Override
        public Command command() {
            return Command.WRITE_GPIO;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) gpio, (byte) (high ? 1 : 0)};
        }
    }

    /** 0x62: 0 switches the detector off, else the return-loss threshold in dB. */
    record SetAntennaDetector(int thresholdDb) implements Request {
        public SetAntennaDetector {
            Bytes.requireByte("thresholdDb", thresholdDb);
        }

        @Override
        public Command command() {
            return Command.SET_ANTENNA_DETECTOR;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) thresholdDb};
        }
    }

    /** 0x69: saved to flash, then the reader resets. */
    record SetLinkProfile(LinkProfile profile) implements Request {
        public SetLinkProfile {
            if (profile == null) {
                throw new IllegalArgumentException("profile must not be null");
            }
        }

        @Override
        public Command command() {
            return Command.SET_LINK_PROFILE;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) profile.code()};
        }
    }

    /**
     * 0x89: {@code repeat} rounds (1..255) on the work antenna, session S0, target A. 0xFF is the
     * vendor's "few tags, shortest run" setting.
     */
    record RealTimeInventory(int repeat) implements Request {
        public RealTimeInventory {
            Bytes.requireRange("repeat", repeat, 1, 255);
        }

        @Override
        public Command command() {
            return Command.REAL_TIME_INVENTORY;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) repeat};
        }
    }

    /**
     * 0x8B: {@code repeat} rounds on the work antenna with the given Gen2 session and target. The
     * extended form, accepted by newer firmware, adds the SL byte and the phase switch before
     * Repeat; with phase on, every tag record carries two phase bytes.
     *
     * @param session  Gen2 session 0..3
     * @param target   0 = A, 1 = B
     * @param repeat   rounds, 1..255
     * @param extended whether the SL and phase bytes are sent
     * @param sl       the SL byte 0..3 (only with {@code extended})
     * @param phase    whether tag records carry phase (only with {@code extended})
     */
    record SessionInventory(int session, int target, int repeat, boolean extended, int sl, boolean phase)
            implements Request {
        public SessionInventory {
            Bytes.requireRange("session", session, 0, 3);
            Bytes.requireRange("target", target, 0, 1);
            Bytes.requireRange("repeat", repeat, 1, 255);
            Bytes.requireRange("sl", sl, 0, extended ? 3 : 0);
            if (phase && !extended) {
                throw new IllegalArgumentException("phase needs the extended form");
            }
        }

        /** The 3-byte form. */
        public SessionInventory(int session, int target, int repeat) {
            this(session, target, repeat, false, 0, false);
        }

        @Override
        public Command command() {
            return Command.SESSION_INVENTORY;
        }

        @Override
        public byte[] data() {
            return extended
                    ? new byte[] {(byte) session, (byte) target, (byte) sl, (byte) (phase ? 1 : 0), (byte) repeat}
                    : new byte[] {(byte) session, (byte) target, (byte) repeat};
        }
    }

    /**
     * 0x8A: runs through 4 or 8 antenna slots {@code repeat} times (1..255), with RF off for
     * {@code intervalMillis} (0..255) between antennas. A slot whose antenna is above the highest
     * port (4 slots: 0..3, 8 slots: 0..7) is skipped; at least one slot must be in use.
     */
    record FastSwitchInventory(List<FastSwitchSlot> slots, int intervalMillis, int repeat) implements Request {
        public FastSwitchInventory {
            slots = List.copyOf(slots);
            if (slots.size() != 4 && slots.size() != 8) {
                throw new IllegalArgumentException("slots must be 4 or 8: " + slots.size());
            }
            Bytes.requireByte("intervalMillis", intervalMillis);
            Bytes.requireRange("repeat", repeat, 1, 255);
            int used = 0;
            for (int i = 0; i < slots.size(); i++) {
                FastSwitchSlot slot = slots.get(i);
                if (slot.antenna() < slots.size()) {
                    used++;
                    Bytes.requireRange("slots[" + i + "].stay", slot.stay(), 1, 255);
                }
            }
            if (used == 0) {
                throw new IllegalArgumentException("slots must use at least one antenna");
            }
        }

        /** The slots that are not skipped, in order. */
        public List<FastSwitchSlot> activeSlots() {
            List<FastSwitchSlot> out = new ArrayList<>();
            for (FastSwitchSlot s : slots) {
                if (s.antenna() < slots.size()) {
                    out.add(s);
                }
            }
            return out;
        }

        @Override
        public Command command() {
            return Command.FAST_SWITCH_INVENTORY;
        }

        @Override
        public byte[] data() {
            byte[] out = new byte[2 * slots.size() + 2];
            for (int i = 0; i < slots.size(); i++) {
                out[2 * i] = (byte) slots.get(i).antenna();
                out[2 * i + 1] = (byte) slots.get(i).stay();
            }
            out[out.length - 2] = (byte) intervalMillis;
            out[out.length - 1] = (byte) repeat;
            return out;
        }
    }

    /** 0x80: {@code repeat} rounds (1..255) into the reader's buffer; only a summary comes back. */
    record BufferedInventory(int repeat) implements Request {
        public BufferedInventory {
            Bytes.requireRange("repeat", repeat, 1, 255);
        }

        @Override
        public Command command() {
            return Command.BUFFERED_INVENTORY;
        }

        @Override
        public byte[] data() {
            return new byte[] {(byte) repeat};
        }
    }
}
