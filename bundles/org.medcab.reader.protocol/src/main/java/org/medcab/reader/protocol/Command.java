package org.medcab.reader.protocol;

import java.util.Optional;

/** Every command code of sections 2 and 3 of the reader protocol. */
public enum Command {
    RESET(0x70),
    SET_BAUD_RATE(0x71),
    GET_FIRMWARE_VERSION(0x72),
    SET_ADDRESS(0x73),
    SET_WORK_ANTENNA(0x74),
    GET_WORK_ANTENNA(0x75),
    SET_OUTPUT_POWER(0x76),
    GET_OUTPUT_POWER(0x77),
    SET_REGION(0x78),
    GET_REGION(0x79),
    SET_BEEPER(0x7A),
    GET_TEMPERATURE(0x7B),
    READ_GPIO(0x60),
    WRITE_GPIO(0x61),
    SET_ANTENNA_DETECTOR(0x62),
    GET_ANTENNA_DETECTOR(0x63),
    SET_LINK_PROFILE(0x69),
    GET_LINK_PROFILE(0x6A),
    BUFFERED_INVENTORY(0x80),
    READ_TAG(0x81),
    WRITE_TAG(0x82),
    SET_ACCESS_EPC_MATCH(0x85),
    REAL_TIME_INVENTORY(0x89),
    FAST_SWITCH_INVENTORY(0x8A),
    SESSION_INVENTORY(0x8B),
    GET_BUFFER(0x90),
    GET_AND_RESET_BUFFER(0x91),
    GET_BUFFER_COUNT(0x92),
    RESET_BUFFER(0x93),
    /** 8-port units answer the output power of all eight ports to this one instead of 0x77. */
    GET_OUTPUT_POWER_8(0x97);

    private static final Command[] BY_CODE = new Command[256];

    static {
        for (Command c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final int code;

    Command(int code) {
        this.code = code;
    }

    /** The Cmd byte. */
    public int code() {
        return code;
    }

    /** The command with this Cmd byte, if it is one of the known commands. */
    public static Optional<Command> of(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /**
     * Whether the reply is a stream of frames ended by a summary or an error frame (0x89, 0x8A, 0x8B)
     * rather than a single frame.
     */
    public boolean isInventoryStream() {
        return this == REAL_TIME_INVENTORY || this == FAST_SWITCH_INVENTORY || this == SESSION_INVENTORY;
    }

    /** Whether the reader writes its flash to execute it, which takes more than 100 ms. */
    public boolean writesFlash() {
        return this == SET_BAUD_RATE || this == SET_ADDRESS || this == SET_OUTPUT_POWER || this == SET_REGION
                || this == SET_LINK_PROFILE;
    }

    @Override
    public String toString() {
        return name() + String.format("(0x%02X)", code);
    }
}
