package org.medcab.reader.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One protocol frame: {@code A0 Len Address Cmd Data… Check}. Len counts the bytes after itself,
 * so a frame is {@code Len + 2} bytes and carries at most {@link #MAX_DATA} data bytes.
 */
public final class Frame {
    public static final int HEAD = 0xA0;
    /** Address every reader accepts; on a shared bus every reader answers it at once. */
    public static final int PUBLIC_ADDRESS = 0xFF;
    /** Len is one byte and also covers address, command and check. */
    public static final int MAX_DATA = 255 - 3;
    /** Head, Len, Address, Cmd and Check. */
    public static final int OVERHEAD = 5;

    private final int address;
    private final int command;
    private final byte[] data;

    public Frame(int address, int command, byte... data) {
        if (address < 0 || address > 0xFF) {
            throw new IllegalArgumentException("address out of range 0..255: " + address);
        }
        if (command < 0 || command > 0xFF) {
            throw new IllegalArgumentException("command out of range 0..255: " + command);
        }
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("data too long for one frame: " + data.length + " > " + MAX_DATA);
        }
        this.address = address;
        this.command = command;
        this.data = data.clone();
    }

    public int address() {
        return address;
    }

    public int command() {
        return command;
    }

    /** A copy of the data bytes. */
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    /** Data byte {@code i} as an unsigned value. */
    public int dataAt(int i) {
        return data[i] & 0xFF;
    }

    /** {@code length} data bytes from {@code offset}, as a copy. */
    public byte[] dataRange(int offset, int length) {
        return Arrays.copyOfRange(data, offset, offset + length);
    }

    /** The big-endian unsigned integer of {@code length} (1..4) data bytes from {@code offset}. */
    public long dataUnsigned(int offset, int length) {
        if (length < 1 || length > 4) {
            throw new IllegalArgumentException("length must be 1..4: " + length);
        }
        long v = 0;
        for (int i = offset; i < offset + length; i++) {
            v = (v << 8) | (data[i] & 0xFF);
        }
        return v;
    }

    /** Length of this frame on the wire. */
    public int wireLength() {
        return data.length + OVERHEAD;
    }

    public byte[] encode() {
        byte[] out = new byte[wireLength()];
        out[0] = (byte) HEAD;
        out[1] = (byte) (data.length + 3);
        out[2] = (byte) address;
        out[3] = (byte) command;
        System.arraycopy(data, 0, out, 4, data.length);
        out[out.length - 1] = checksum(out, 0, out.length - 1);
        return out;
    }

    /** Two's complement of the 8-bit sum of {@code length} bytes, so that the sum of a whole frame is 0. */
    public static byte checksum(byte[] bytes, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += bytes[i] & 0xFF;
        }
        return (byte) (-sum & 0xFF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.address == address && f.command == command && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * address + command) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(encode());
    }
}
