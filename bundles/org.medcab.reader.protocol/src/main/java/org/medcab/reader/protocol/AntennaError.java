package org.medcab.reader.protocol;

/**
 * An error on one antenna during a fast-switch inventory (0x8A), e.g. 0x22 antenna missing.
 * Whether the reader carries on with the next antenna is not documented; the summary or an
 * {@link ErrorReply} still ends the command.
 */
public record AntennaError(int antenna, ErrorCode error) implements InventoryReply {
    public AntennaError {
        Bytes.requireByte("antenna", antenna);
        if (error == null) {
            throw new IllegalArgumentException("error must not be null");
        }
    }

    @Override
    public boolean endsCommand() {
        return false;
    }

    public Frame toFrame(int address) {
        return new Frame(address, Command.FAST_SWITCH_INVENTORY.code(), (byte) antenna, (byte) error.code());
    }
}
