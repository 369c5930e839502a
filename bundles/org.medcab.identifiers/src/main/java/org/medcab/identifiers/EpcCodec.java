package org.medcab.identifiers;

import java.util.HexFormat;
import java.util.Locale;

/** SGTIN-96 and SGTIN-198 binary encoding (TDS §14.5.1); everything undecodable stays raw. */
final class EpcCodec {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** Table 14-2, indexed by partition 0..6: company prefix bits and digits; the item reference has the rest of 44 bits / 13 digits. */
    private static final int[] PREFIX_BITS = {40, 37, 34, 30, 27, 24, 20};
    private static final int[] PREFIX_DIGITS = {12, 11, 10, 9, 8, 7, 6};
    private static final int PREFIX_AND_ITEM_BITS = 44;

    private static final int SGTIN_96_SERIAL_BITS = 38;
    private static final int SGTIN_198_SERIAL_CHARACTERS = 20;
    private static final int CHARACTER_BITS = 7;

    /** Bits of the PC word: toggle (GS1 EPC or ISO AFI) and the ISO AFI in the attribute bits. */
    private static final int PC_TOGGLE = 0x0100;
    private static final int PC_ATTRIBUTES = 0x00FF;

    private static final long[] POWERS_OF_TEN = new long[13];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private EpcCodec() {
    }

    static Epc decode(int pc, String text) {
        if (!isHex(text)) {
            return notHex(text);
        }
        String hex = text.toUpperCase(Locale.ROOT);
        if (pc < 0 || pc > 0xFFFF) {
            return new RawEpc(hex, hex.length() * 4, "PC " + pc + " is not a 16-bit word");
        }
        if ((pc & PC_TOGGLE) != 0) {
            // T = 1: the tag carries an ISO/IEC 15961 identifier under an AFI, not a GS1 EPC (PC bit 17h).
            return new RawEpc(hex, hex.length() * 4,
                    String.format("PC 0x%04X has the toggle bit set: ISO AFI 0x%02X, not a GS1 EPC", pc, pc & PC_ATTRIBUTES));
        }
        int announcedBits = (pc >>> 11) * 16;
        if (announcedBits != hex.length() * 4) {
            // Whichever is wrong, the read cannot be trusted as an identity; keep every bit read.
            return new RawEpc(hex, hex.length() * 4, String.format(
                    "PC 0x%04X announces %d bits but the EPC has %d", pc, announcedBits, hex.length() * 4));
        }
        return decode(hex);
    }

    static Epc decode(String text) {
        if (!isHex(text)) {
            return notHex(text);
        }
        String hex = text.toUpperCase(Locale.ROOT);
        int bits = hex.length() * 4;
        if (hex.length() < 2) {
            return new RawEpc(hex, bits, "too short to hold an EPC header");
        }
        int header = Integer.parseInt(hex, 0, 2, 16);
        if (header == SgtinScheme.SGTIN_96.header()) {
            return hex.length() == 24 ? decodeSgtin(SgtinScheme.SGTIN_96, hex)
                    : new RawEpc(hex, bits, "SGTIN-96 header on a " + bits + "-bit EPC");
        }
        if (header == SgtinScheme.SGTIN_198.header()) {
            // 198 bits print as 50 hex digits in some libraries, as 13 words (52) in the TDS and on a tag.
            return hex.length() == 50 || hex.length() == 52 ? decodeSgtin(SgtinScheme.SGTIN_198, hex)
                    : new RawEpc(hex, bits, "SGTIN-198 header on a " + bits + "-bit EPC");
        }
        return new RawEpc(hex, bits, String.format("header 0x%02X is not an SGTIN scheme", header));
    }

    private static Epc decodeSgtin(SgtinScheme scheme, String hex) {
        int bits = hex.length() * 4;
        BitReader in = new BitReader(HEX.parseHex(hex));
        in.read(8);
        int filter = (int) in.read(3);
        int partition = (int) in.read(3);
        if (partition > 6) {
            return new RawEpc(hex, bits, "partition " + partition + " is reserved");
        }
        int prefixDigits = PREFIX_DIGITS[partition];
        int itemDigits = 13 - prefixDigits;
        long prefix = in.read(PREFIX_BITS[partition]);
        long item = in.read(PREFIX_AND_ITEM_BITS - PREFIX_BITS[partition]);
        if (prefix >= POWERS_OF_TEN[prefixDigits]) {
            return new RawEpc(hex, bits, "company prefix " + prefix + " has more than " + prefixDigits
                    + " digits (partition " + partition + ")");
        }
        if (item >= POWERS_OF_TEN[itemDigits]) {
            return new RawEpc(hex, bits, "item reference " + item + " has more than " + itemDigits
                    + " digits (partition " + partition + ")");
        }
        String serial;
        if (scheme == SgtinScheme.SGTIN_96) {
            serial = Long.toString(in.read(SGTIN_96_SERIAL_BITS));
        } else {
            StringBuilder characters = new StringBuilder(SGTIN_198_SERIAL_CHARACTERS);
            String problem = readSerialCharacters(in, characters);
            if (problem != null) {
                return new RawEpc(hex, bits, "SGTIN-198 serial: " + problem);
            }
            if (in.remaining() > 0 && in.read(in.remaining()) != 0) {
                return new RawEpc(hex, bits, "SGTIN-198 padding after bit 198 is not zero");
            }
            serial = characters.toString();
        }
        return new Sgtin(scheme, filter, zeroPadded(prefix, prefixDigits), zeroPadded(item, itemDigits), serial);
    }

    /** TDS §14.3.2: characters up to the first zero group; all later groups zero; at least one character. */
    private static String readSerialCharacters(BitReader in, StringBuilder serial) {
        boolean ended = false;
        for (int group = 0; group < SGTIN_198_SERIAL_CHARACTERS; group++) {
            char c = (char) in.read(CHARACTER_BITS);
            if (c == 0) {
                if (group == 0) {
                    return "empty (first character group is zero)";
                }
                ended = true;
            } else if (ended) {
                return "non-zero character group " + (group + 1) + " after the end of the serial";
            } else if (!Gs1Text.isCharacterSet82(c)) {
                return String.format("character 0x%02X at position %d is not in GS1's 82-character set", (int) c, group);
            } else {
                serial.append(c);
            }
        }
        return null;
    }

    static String encode(Sgtin sgtin) {
        SgtinScheme scheme = sgtin.scheme();
        int partition = sgtin.partition();
        BitWriter out = new BitWriter(Epc.pcFor(scheme.bits()) >>> 11);
        out.write(scheme.header(), 8);
        out.write(sgtin.filter(), 3);
        out.write(partition, 3);
        out.write(Long.parseLong(sgtin.companyPrefix()), PREFIX_BITS[partition]);
        out.write(Long.parseLong(sgtin.itemReference()), PREFIX_AND_ITEM_BITS - PREFIX_BITS[partition]);
        if (scheme == SgtinScheme.SGTIN_96) {
            out.write(Long.parseLong(sgtin.serial()), SGTIN_96_SERIAL_BITS);
        } else {
            // The unused character groups and the padding to a whole word stay zero.
            for (int i = 0; i < sgtin.serial().length(); i++) {
                out.write(sgtin.serial().charAt(i), CHARACTER_BITS);
            }
        }
        return HEX.formatHex(out.bytes);
    }

    private static String zeroPadded(long value, int digits) {
        String text = Long.toString(value);
        return "0".repeat(digits - text.length()) + text;
    }

    /** ASCII hex only: {@link Character#digit} would also accept other scripts' digits. */
    static boolean isHex(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static RawEpc notHex(String text) {
        return new RawEpc("", 0, "not hexadecimal: " + Gs1Text.quote(text));
    }

    /** Reads big-endian bit fields, most significant bit first, as the TDS numbers them. */
    private static final class BitReader {
        private final byte[] bytes;
        private int position;

        BitReader(byte[] bytes) {
            this.bytes = bytes;
        }

        /** The next {@code width} bits (at most 63) as an unsigned number. */
        long read(int width) {
            long value = 0;
            for (int i = 0; i < width; i++, position++) {
                int bit = (bytes[position >>> 3] >>> (7 - (position & 7))) & 1;
                value = (value << 1) | bit;
            }
            return value;
        }

        int remaining() {
            return bytes.length * 8 - position;
        }
    }

    /** Writes big-endian bit fields into a zeroed buffer of whole 16-bit words. */
    private static final class BitWriter {
        private final byte[] bytes;
        private int position;

        BitWriter(int words) {
            this.bytes = new byte[words * 2];
        }

        void write(long value, int width) {
            for (int i = width - 1; i >= 0; i--, position++) {
                if (((value >>> i) & 1) != 0) {
                    bytes[position >>> 3] |= (byte) (0x80 >>> (position & 7));
                }
            }
        }
    }
}
