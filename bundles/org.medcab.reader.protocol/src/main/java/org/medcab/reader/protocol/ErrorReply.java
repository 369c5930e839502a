package org.medcab.reader.protocol;

/**
 * A one-byte reply {@code [err]}: how a reader answers a failed command, get and inventory
 * commands included. In an inventory stream it ends the command.
 */
public record ErrorReply(ErrorCode error) implements InventoryReply {
    public ErrorReply {
        if (error == null) {
            throw new IllegalArgumentException("error must not be null");
        }
    }

    @Override
    public boolean endsCommand() {
        return true;
    }

    public Frame toFrame(int address, Command command) {
        return new Frame(address, command.code(), (byte) error.code());
    }
}
