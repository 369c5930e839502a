package org.medcab.simulator.internal;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Encodes SGTIN-96 and SGTIN-198 EPCs per GS1 TDS 1.13 §14.5.1 (identifiers spec section 2), so
 * the demo cabinet carries realistic codes. Only the simulator's scenario generator needs this;
 * decoding is the gateway's business.
 */
final class EpcEncoder {
    /** Partition table 14-2: per P, company-prefix bits and digits. The item reference takes the rest of 44 bits / 13 digits. */
    private static final int[] PREFIX_BITS = {40, 37, 34, 30, 27, 24, 20};
    private static final int[] PREFIX_DIGITS = {12, 11, 10, 9, 8, 7, 6};
    private static final long MAX_SGTIN96_SERIAL = (1L << 38) - 1;
    /** TDS Annex A: the characters an SGTIN-198 serial may hold. */
    private static final String SERIAL_CHARACTERS =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    private EpcEncoder() {
    }

    /**
     * @param companyPrefix    6..12 digits
     * @param indicatorItemRef indicator digit followed by the item reference, 13 − prefix digits in all
     * @param serial           0..2^38−1
     */
    static String sgtin96(int filter, String companyPrefix, String indicatorItemRef, long serial) {
        if (serial < 0 || serial > MAX_SGTIN96_SERIAL) {
            throw new IllegalArgumentException("SGTIN-96 serial must be 0..2^38-1: " + serial);
        }
        BigInteger bits = header(0x30, filter, companyPrefix, indicatorItemRef);
        bits = bits.shiftLeft(38).or(BigInteger.valueOf(serial));
        return hex(bits, 96);
    }

    /** An SGTIN-198: the serial is up to 20 characters of TDS Annex A, 7 bits each, zero-padded; the 198 bits pad to 13 words. */
    static String sgtin198(int filter, String companyPrefix, String indicatorItemRef, String serial) {
        if (serial.isEmpty() || serial.length() > 20) {
            throw new IllegalArgumentException("SGTIN-198 serial must be 1..20 characters: " + serial);
        }
        BigInteger bits = header(0x36, filter, companyPrefix, indicatorItemRef);
        for (int i = 0; i < 20; i++) {
            int c = 0;
            if (i < serial.length()) {
                c = serial.charAt(i);
                if (SERIAL_CHARACTERS.indexOf(c) < 0) {
                    throw new IllegalArgumentException("character not allowed in an SGTIN serial: '" + (char) c + "'");
                }
            }
            bits = bits.shiftLeft(7).or(BigInteger.valueOf(c));
        }
        return hex(bits.shiftLeft(208 - 198), 208);
    }

    private static BigInteger header(int header, int filter, String companyPrefix, String indicatorItemRef) {
        if (filter < 0 || filter > 7) {
            throw new IllegalArgumentException("filter must be 0..7: " + filter);
        }
        int partition = -1;
        for (int p = 0; p < PREFIX_DIGITS.length; p++) {
            if (PREFIX_DIGITS[p] == companyPrefix.length()) {
                partition = p;
            }
        }
        if (partition < 0 || !companyPrefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("company prefix must be 6..12 digits: " + companyPrefix);
        }
        if (companyPrefix.length() + indicatorItemRef.length() != 13 || !indicatorItemRef.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("indicator and item reference must be " + (13 - companyPrefix.length())
                    + " digits: " + indicatorItemRef);
        }
        int itemBits = 44 - PREFIX_BITS[partition];
        return BigInteger.valueOf(header)
                .shiftLeft(3).or(BigInteger.valueOf(filter))
                .shiftLeft(3).or(BigInteger.valueOf(partition))
                .shiftLeft(PREFIX_BITS[partition]).or(new BigInteger(companyPrefix))
                .shiftLeft(itemBits).or(new BigInteger(indicatorItemRef));
    }

    /**
     * A 128-bit EPC with no TDS header: the 20-digit China drug traceability code (码上放心, starts with
     * 8) packed as an integer, the kind of project-specific mapping identifiers spec section 6 warns a
     * gateway never to guess. Its leading byte is 0x00, so no GS1 decoder takes it.
     */
    static String raw128TraceCode(String twentyDigits) {
        if (!twentyDigits.matches("8\\d{19}")) {
            throw new IllegalArgumentException("a 码上放心 code is 20 digits starting with 8: " + twentyDigits);
        }
        return hex(new BigInteger(twentyDigits), 128);
    }

    private static String hex(BigInteger bits, int width) {
        String h = bits.toString(16).toUpperCase(Locale.ROOT);
        if (h.length() > width / 4) {
            throw new IllegalArgumentException("value does not fit " + width + " bits");
        }
        return "0".repeat(width / 4 - h.length()) + h;
    }
}
