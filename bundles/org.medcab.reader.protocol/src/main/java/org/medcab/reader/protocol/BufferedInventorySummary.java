package org.medcab.reader.protocol;

/**
 * The reply to a buffered inventory (0x80): {@code AntID(1) TagCount(2) ReadRate(2) TotalRead(4)}.
 *
 * @param antenna   the antenna the rounds ran on
 * @param tagCount  unique tags now in the buffer
 * @param readRate  tag reads per second
 * @param totalRead tag reads over all rounds
 */
public record BufferedInventorySummary(int antenna, int tagCount, int readRate, long totalRead) {
    public BufferedInventorySummary {
        Bytes.requireByte("antenna", antenna);
        Bytes.requireRange("tagCount", tagCount, 0, 0xFFFF);
        Bytes.requireRange("readRate", readRate, 0, 0xFFFF);
        if (totalRead < 0 || totalRead > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("totalRead must be 0..2^32-1: " + totalRead);
        }
    }

    public Frame toFrame(int address) {
        byte[] data = new byte[9];
        data[0] = (byte) antenna;
        Bytes.putUnsigned(data, 1, tagCount, 2);
        Bytes.putUnsigned(data, 3, readRate, 2);
        Bytes.putUnsigned(data, 5, totalRead, 4);
        return new Frame(address, Command.BUFFERED_INVENTORY.code(), data);
    }
}
