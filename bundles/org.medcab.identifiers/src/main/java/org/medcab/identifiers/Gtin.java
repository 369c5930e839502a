package org.medcab.identifiers;

/** The GS1 check digit of a GTIN-14 (TDS §7.3). */
public final class Gtin {

    private Gtin() {
    }

    /**
     * The check digit for the given data digits: weights 3, 1, 3, ... from the rightmost digit,
     * then (10 − sum mod 10) mod 10. For a GTIN-14 pass its first 13 digits.
     *
     * @throws IllegalArgumentException if {@code digits} is empty or holds anything but 0-9
     */
    public static int checkDigit(CharSequence digits) {
        if (digits.length() == 0 || !Gs1Text.isDigits(digits)) {
            throw new IllegalArgumentException("check digit needs digits 0-9: " + Gs1Text.quote(digits));
        }
        int sum = 0;
        int weight = 3;
        for (int i = digits.length() - 1; i >= 0; i--) {
            sum += weight * (digits.charAt(i) - '0');
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** Whether {@code gtin} is 14 digits whose last is the check digit of the first 13. Null gives false. */
    public static boolean isValid(String gtin) {
        return gtin != null && gtin.length() == 14 && Gs1Text.isDigits(gtin)
                && checkDigit(gtin.substring(0, 13)) == gtin.charAt(13) - '0';
    }
}
