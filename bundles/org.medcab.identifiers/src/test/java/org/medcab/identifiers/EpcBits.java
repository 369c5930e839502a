package org.medcab.identifiers;

import java.math.BigInteger;

/**
 * Builds EPC bit strings field by field with BigInteger, independently of the codec under test,
 * so tests can craft invalid EPCs and cross-check the encoder.
 */
final class EpcBits {

    private BigInteger value = BigInteger.ZERO;
    private int bits;

    EpcBits add(long field, int width) {
        return add(BigInteger.valueOf(field), width);
    }

    EpcBits add(BigInteger field, int width) {
        if (field.signum() < 0 || field.bitLength() > width) {
            throw new IllegalArgumentException(field + " does not fit " + width + " bits");
        }
        value = value.shiftLeft(width).or(field);
        bits += width;
        return this;
    }

    /** SGTIN-198 serial: 7 bits per character, zero groups up to 20. */
    EpcBits addCharacters(String serial) {
        for (int i = 0; i < 20; i++) {
            add(i < serial.length() ? serial.charAt(i) : 0, 7);
        }
        return this;
    }

    /** Upper-case hex of the bits, zero-padded on the right to {@code hexDigits} digits. */
    String hex(int hexDigits) {
        int padding = hexDigits * 4 - bits;
        String text = value.shiftLeft(padding).toString(16).toUpperCase();
        return "0".repeat(hexDigits - text.length()) + text;
    }

    static final int[] PREFIX_BITS = {40, 37, 34, 30, 27, 24, 20};

    /** An SGTIN-96 of the given raw field values, valid or not. */
    static String sgtin96(int filter, int partition, long prefix, long item, long serial) {
        int prefixBits = PREFIX_BITS[Math.min(partition, 6)];
        return new EpcBits().add(0x30, 8).add(filter, 3).add(partition, 3)
                .add(prefix, prefixBits).add(item, 44 - prefixBits).add(serial, 38).hex(24);
    }

    /** An SGTIN-198 (52 hex digits) of the given raw field values, valid or not. */
    static String sgtin198(int filter, int partition, long prefix, long item, String serial) {
        int prefixBits = PREFIX_BITS[Math.min(partition, 6)];
        return new EpcBits().add(0x36, 8).add(filter, 3).add(partition, 3)
                .add(prefix, prefixBits).add(item, 44 - prefixBits).addCharacters(serial).hex(52);
    }
}
