package org.medcab.identifiers;

import java.util.Objects;

/**
 * An EPC the gateway does not decode (another scheme, a proprietary 128-bit code, invalid fields),
 * kept exactly as read. Two tags are the same item only if their raw EPCs are equal.
 *
 * @param hex    the EPC as upper-case hexadecimal; empty when the input was not hexadecimal at all
 * @param bits   length in bits (from the PC when one was given, else four per hex digit)
 * @param reason why it was not decoded as an SGTIN, for logs and for the pharmacist's screen
 */
public record RawEpc(String hex, int bits, String reason) implements Epc {

    public RawEpc {
        Objects.requireNonNull(hex, "hex");
        Objects.requireNonNull(reason, "reason");
        if (bits < 0) {
            throw new IllegalArgumentException("bits must not be negative: " + bits);
        }
    }

    /** {@code urn:epc:raw:<bits>.x<HEX>} (TDS §15.2.1), or {@code urn:epc:raw:0} for no bits. */
    @Override
    public String uri() {
        return bits == 0 ? "urn:epc:raw:0" : "urn:epc:raw:" + bits + ".x" + hex;
    }
}
