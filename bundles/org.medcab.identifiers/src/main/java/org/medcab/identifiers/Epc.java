package org.medcab.identifiers;

/**
 * The EPC of one RFID tag, decoded as far as the gateway understands it: an {@link Sgtin} (a
 * serialised drug pack) or a {@link RawEpc} kept as the bits the tag carries.
 */
public sealed interface Epc extends Identifier permits Sgtin, RawEpc {

    /** The EPC as upper-case hexadecimal (an SGTIN in its canonical encoding, a raw EPC as read). */
    String hex();

    /** Length of the EPC in bits (96 or 198 for an SGTIN). */
    int bits();

    /** The EPC as a URI: the pure-identity URI of an SGTIN, {@code urn:epc:raw:...} otherwise. */
    String uri();

    /**
     * Decodes the EPC a reader reports (hexadecimal of the EPC bank after the PC word), taking its
     * length from the text itself. Never throws: anything that is not a valid SGTIN becomes a
     * {@link RawEpc} whose {@link RawEpc#reason() reason} says why.
     */
    static Epc decode(String hex) {
        return EpcCodec.decode(hex);
    }

    /**
     * Decodes an EPC together with the tag's PC word: an EPC whose length differs from the one the
     * PC announces, or whose PC marks a non-GS1 (ISO AFI) identifier, stays raw. The UMI, XI and
     * attribute bits do not change the identity and are ignored.
     */
    static Epc decode(int pc, String hex) {
        return EpcCodec.decode(pc, hex);
    }

    /**
     * The PC word a tag reports for an EPC of {@code bits} bits with no user memory, XPC or
     * attribute bits: the length in 16-bit words, rounded up, in bits 15..11.
     *
     * @throws IllegalArgumentException unless 0 ≤ bits ≤ 496 (31 words, the most a PC can announce)
     */
    static int pcFor(int bits) {
        if (bits < 0 || bits > 496) {
            throw new IllegalArgumentException("an EPC has 0..496 bits: " + bits);
        }
        return ((bits + 15) / 16) << 11;
    }
}
