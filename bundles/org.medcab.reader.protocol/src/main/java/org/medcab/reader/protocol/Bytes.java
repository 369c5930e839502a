package org.medcab.reader.protocol;

/** Argument checks shared by the typed requests and replies. */
final class Bytes {
    private Bytes() {
    }

    static int requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ": " + value);
        }
        return value;
    }

    static int requireByte(String name, int value) {
        return requireRange(name, value, 0, 0xFF);
    }

    static void putUnsigned(byte[] out, int offset, long value, int length) {
        for (int i = length - 1; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
    }
}
