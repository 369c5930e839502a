package org.medcab.reader.protocol;

/**
 * One antenna slot of a fast-switch inventory (0x8A).
 *
 * @param antenna the antenna port, or any value above the reader's highest port (by convention
 *                {@link #SKIP}) to leave the slot out
 * @param stay    rounds on this antenna, 1..255 for a slot in use
 */
public record FastSwitchSlot(int antenna, int stay) {
    /** The antenna byte clients use to skip a slot. */
    public static final int SKIP = 0xFF;

    public FastSwitchSlot {
        Bytes.requireByte("antenna", antenna);
        Bytes.requireByte("stay", stay);
    }

    public static FastSwitchSlot skip() {
        return new FastSwitchSlot(SKIP, 0);
    }
}
