package org.medcab.reader.protocol;

/**
 * The frame that ends a fast-switch inventory (0x8A): {@code TotalRead(3) CommandDuration(4)}.
 *
 * @param totalRead      tag reads over the whole sequence
 * @param durationMillis how long the reader ran the command
 */
public record FastSwitchSummary(int totalRead, long durationMillis) implements InventoryReply {
    public FastSwitchSummary {
        Bytes.requireRange("totalRead", totalRead, 0, 0xFF_FFFF);
        if (durationMillis < 0 || durationMillis > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("durationMillis must be 0..2^32-1: " + durationMillis);
        }
    }

    @Override
    public boolean endsCommand() {
        return true;
    }

    public Frame toFrame(int address) {
        byte[] data = new byte[7];
        Bytes.putUnsigned(data, 0, totalRead, 3);
        Bytes.putUnsigned(data, 3, durationMillis, 4);
        return new Frame(address, Command.FAST_SWITCH_INVENTORY.code(), data);
    }
}
