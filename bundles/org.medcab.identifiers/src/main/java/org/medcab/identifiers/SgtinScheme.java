package org.medcab.identifiers;

/** The two SGTIN encodings a drug pack's tag can carry (TDS §14.5.1). */
public enum SgtinScheme {
    /** Numeric serial below 2^38, no leading zero. */
    SGTIN_96(0x30, 96, "sgtin-96"),
    /** Serial of 1 to 20 characters from GS1's 82-character set. */
    SGTIN_198(0x36, 198, "sgtin-198");

    private final int header;
    private final int bits;
    private final String tagUriName;

    SgtinScheme(int header, int bits, String tagUriName) {
        this.header = header;
        this.bits = bits;
        this.tagUriName = tagUriName;
    }

    /** The EPC header byte (0x30 or 0x36). */
    public int header() {
        return header;
    }

    /** Length of the EPC in bits. */
    public int bits() {
        return bits;
    }

    /** The scheme's name in a tag URI ({@code sgtin-96}, {@code sgtin-198}). */
    public String tagUriName() {
        return tagUriName;
    }
}
