package org.medcab.identifiers;

import java.util.Objects;

/**
 * One serialised drug pack: GTIN (company prefix + item reference) and serial, as an RFID tag
 * carries it (TDS §14.5.1). Constructing one checks every field, so an {@code Sgtin} always
 * encodes; decoding never constructs an invalid one.
 *
 * @param scheme        SGTIN-96 or SGTIN-198
 * @param filter        filter value 0..7; not identity, and no reliable packaging level (TDS §10)
 * @param companyPrefix GS1 company prefix, 6..12 digits with its leading zeros
 * @param itemReference indicator digit followed by the item reference: 13 minus the prefix length digits
 * @param serial        the pack's serial: for SGTIN-96 a decimal number below 2^38 without leading
 *                      zero, for SGTIN-198 1..20 characters of GS1's 82-character set
 * @throws IllegalArgumentException if a field breaks these rules
 */
public record Sgtin(SgtinScheme scheme, int filter, String companyPrefix, String itemReference, String serial)
        implements Epc {

    /** Serials at or above this do not fit the 38-bit serial of SGTIN-96. */
    static final long SGTIN_96_SERIAL_LIMIT = 1L << 38;

    public Sgtin {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(companyPrefix, "companyPrefix");
        Objects.requireNonNull(itemReference, "itemReference");
        Objects.requireNonNull(serial, "serial");
        if (filter < 0 || filter > 7) {
            throw new IllegalArgumentException("filter must be 0..7: " + filter);
        }
        if (companyPrefix.length() < 6 || companyPrefix.length() > 12 || !Gs1Text.isDigits(companyPrefix)) {
            throw new IllegalArgumentException("company prefix must be 6..12 digits: " + Gs1Text.quote(companyPrefix));
        }
        if (itemReference.length() != 13 - companyPrefix.length() || !Gs1Text.isDigits(itemReference)) {
            throw new IllegalArgumentException("item reference must be " + (13 - companyPrefix.length())
                    + " digits with a " + companyPrefix.length() + "-digit company prefix: " + Gs1Text.quote(itemReference));
        }
        String serialProblem = scheme == SgtinScheme.SGTIN_96 ? sgtin96SerialProblem(serial) : sgtin198SerialProblem(serial);
        if (serialProblem != null) {
            throw new IllegalArgumentException(scheme.tagUriName() + " serial " + Gs1Text.quote(serial) + ": " + serialProblem);
        }
    }

    /**
     * The SGTIN of a pack known by its GTIN-14 and serial, e.g. from a scanned label. A GTIN does not
     * reveal its company prefix length, so the caller gives it (from a GCP length table). The scheme
     * is SGTIN-96 when the serial fits it, SGTIN-198 otherwise (TDS Annex E note 3).
     *
     * @throws IllegalArgumentException if the GTIN's check digit is wrong or a field breaks the rules above
     */
    public static Sgtin fromGtin(String gtin, int companyPrefixDigits, int filter, String serial) {
        if (!Gtin.isValid(gtin)) {
            throw new IllegalArgumentException("not a GTIN-14 with a valid check digit: " + Gs1Text.quote(gtin));
        }
        if (companyPrefixDigits < 6 || companyPrefixDigits > 12) {
            throw new IllegalArgumentException("company prefix must be 6..12 digits: " + companyPrefixDigits);
        }
        Objects.requireNonNull(serial, "serial");
        String prefix = gtin.substring(1, 1 + companyPrefixDigits);
        String itemReference = gtin.charAt(0) + gtin.substring(1 + companyPrefixDigits, 13);
        SgtinScheme scheme = sgtin96SerialProblem(serial) == null ? SgtinScheme.SGTIN_96 : SgtinScheme.SGTIN_198;
        return new Sgtin(scheme, filter, prefix, itemReference, serial);
    }

    /** The partition value 0..6 that the company prefix length implies (Table 14-2). */
    public int partition() {
        return 12 - companyPrefix.length();
    }

    /** The GTIN-14: indicator digit, company prefix, rest of the item reference, check digit. */
    public String gtin() {
        String digits = itemReference.charAt(0) + companyPrefix + itemReference.substring(1);
        return digits + Gtin.checkDigit(digits);
    }

    /** {@code urn:epc:id:sgtin:CompanyPrefix.ItemReference.Serial}, the same for both schemes. */
    public String pureIdentityUri() {
        return "urn:epc:id:sgtin:" + companyPrefix + "." + itemReference + "." + Gs1Text.escapeForUri(serial);
    }

    /** {@code urn:epc:tag:sgtin-96:Filter.CompanyPrefix.ItemReference.Serial} (or {@code sgtin-198}). */
    public String tagUri() {
        return "urn:epc:tag:" + scheme.tagUriName() + ":" + filter + "." + companyPrefix + "." + itemReference
                + "." + Gs1Text.escapeForUri(serial);
    }

    /** The GS1 element string in its printed form: {@code (01)GTIN(21)Serial}. */
    public String elementString() {
        return "(01)" + gtin() + "(21)" + serial;
    }

    /** The pure-identity URI. */
    @Override
    public String uri() {
        return pureIdentityUri();
    }

    /** The encoded EPC in whole 16-bit words: 24 hex digits for SGTIN-96, 52 for SGTIN-198. */
    @Override
    public String hex() {
        return EpcCodec.encode(this);
    }

    @Override
    public int bits() {
        return scheme.bits();
    }

    /** The PC word of a tag carrying this EPC alone: 0x3000 for SGTIN-96, 0x6800 for SGTIN-198. */
    public int pc() {
        return Epc.pcFor(bits());
    }

    /** Why {@code serial} cannot be an SGTIN-96 serial, or null if it can. */
    static String sgtin96SerialProblem(String serial) {
        if (serial.isEmpty() || serial.length() > 12 || !Gs1Text.isDigits(serial)) {
            return "SGTIN-96 takes only a decimal number below 2^38";
        }
        if (serial.length() > 1 && serial.charAt(0) == '0') {
            return "SGTIN-96 cannot keep a leading zero";
        }
        if (Long.parseLong(serial) >= SGTIN_96_SERIAL_LIMIT) {
            return "SGTIN-96 takes only a decimal number below 2^38";
        }
        return null;
    }

    private static String sgtin198SerialProblem(String serial) {
        if (serial.isEmpty() || serial.length() > 20) {
            return "SGTIN-198 takes 1 to 20 characters";
        }
        int outside = Gs1Text.firstOutsideCharacterSet82(serial);
        if (outside >= 0) {
            return "character " + Gs1Text.quote(String.valueOf(serial.charAt(outside))) + " at position " + outside
                    + " is not in GS1's 82-character set";
        }
        return null;
    }
}
