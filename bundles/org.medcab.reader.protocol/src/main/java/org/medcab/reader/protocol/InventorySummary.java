package org.medcab.reader.protocol;

/**
 * The frame that ends a 0x89 or 0x8B inventory: {@code AntID(1) ReadRate(2) TotalRead(4)}.
 *
 * @param antenna   the antenna the rounds ran on
 * @param readRate  tag reads per second
 * @param totalRead tag reads over all rounds
 */
public record InventorySummary(int antenna, int readRate, long totalRead) implements InventoryReply {
    public InventorySummary {
        Bytes.requireByte("antenna", antenna);
        Bytes.requireRange("readRate", readRate, 0, 0xFFFF);
        if (totalRead < 0 || totalRead > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("totalRead must be 0..2^32-1: " + totalRead);
        }
    }

    @Override
    public boolean endsCommand() {
        return true;
    }

    /** This summary as the last frame of the reply to 0x89 or 0x8B. */
    public Frame toFrame(int address, Command command) {
        if (command != Command.REAL_TIME_INVENTORY && command != Command.SESSION_INVENTORY) {
            throw new IllegalArgumentException("command must be 0x89 or 0x8B: " + command);
        }
        byte[] data = new byte[7];
        data[0] = (byte) antenna;
        Bytes.putUnsigned(data, 1, readRate, 2);
        Bytes.putUnsigned(data, 3, totalRead, 4);
        return new Frame(address, command.code(), data);
    }
}
