package org.medcab.identifiers;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses GS1 element strings as a scanner transmits them (scan data, as GS1's gs1-syntax-engine
 * reads it): an optional symbology identifier, then AI after AI, each variable-length
 * value ended by GS (0x1D) unless it is last. Only the AIs of a drug pack label are read.
 */
final class ElementStringParser {

    static final char GS = 0x1D;

    /** Symbology identifiers whose leading FNC1 marks GS1 data: DataMatrix, GS1-128, QR. */
    private static final List<String> GS1_SYMBOLOGIES = List.of("]d2", "]C1", "]Q3");

    private static final int MAX_VARIABLE_LENGTH = 20;

    private final String input;
    private final LocalDate today;
    private int position;

    private ElementStringParser(String input, LocalDate today) {
        this.input = input;
        this.today = today;
    }

    /** A {@link PackLabel}, or an {@link Unrecognised} naming the AI and the problem. */
    static Identifier parse(String scanned, LocalDate today) {
        if (scanned == null) {
            return new Unrecognised("", "no input");
        }
        try {
            return new ElementStringParser(scanned, today).label();
        } catch (Malformed e) {
            return new Unrecognised(scanned, e.getMessage());
        }
    }

    private PackLabel label() throws Malformed {
        if (input.startsWith("]")) {
            String symbology = input.substring(0, Math.min(3, input.length()));
            if (!GS1_SYMBOLOGIES.contains(symbology)) {
                throw new Malformed("symbology identifier " + Gs1Text.quote(symbology)
                        + " does not mark GS1 data (expected ]d2, ]C1 or ]Q3)");
            }
            position = 3;
        }
        if (position == input.length()) {
            throw new Malformed("no element string");
        }
        Map<String, String> values = new HashMap<>();
        while (position < input.length()) {
            String ai = nextAi();
            String value = switch (ai) {
                case "01" -> fixed(ai, 14);
                case "11", "17" -> fixed(ai, 6);
                case "10", "21" -> variable(ai);
                default -> throw new Malformed("AI " + ai + " at position " + (position - 2)
                        + " is not one a drug pack label carries here (01, 10, 11, 17, 21)");
            };
            String earlier = values.putIfAbsent(ai, value);
            if (earlier != null && !earlier.equals(value)) {
                throw new Malformed("AI " + ai + " appears twice with different values: " + Gs1Text.quote(earlier)
                        + " and " + Gs1Text.quote(value));
            }
        }
        String gtin = values.get("01");
        if (gtin == null) {
            throw new Malformed("no GTIN (AI 01)");
        }
        if (!Gtin.isValid(gtin)) {
            throw new Malformed("AI 01: check digit of GTIN " + gtin + " should be "
                    + Gtin.checkDigit(gtin.substring(0, 13)));
        }
        return new PackLabel(gtin, Optional.ofNullable(values.get("10")), date("17", values.get("17")),
                date("11", values.get("11")), Optional.ofNullable(values.get("21")));
    }

    private String nextAi() throws Malformed {
        if (input.charAt(position) == GS) {
            throw new Malformed("GS at position " + position + " where an AI was expected (GS ends only a batch or serial)");
        }
        if (position + 2 > input.length() || !Gs1Text.isDigits(input.substring(position, position + 2))) {
            throw new Malformed("expected a two-digit AI at position " + position + ", found "
                    + Gs1Text.quote(input.substring(position)));
        }
        position += 2;
        return input.substring(position - 2, position);
    }

    private String fixed(String ai, int length) throws Malformed {
        if (input.length() - position < length) {
            throw new Malformed("AI " + ai + " needs " + length + " digits, found "
                    + Gs1Text.quote(input.substring(position)));
        }
        String value = input.substring(position, position + length);
        if (!Gs1Text.isDigits(value)) {
            throw new Malformed("AI " + ai + " needs " + length + " digits, found " + Gs1Text.quote(value));
        }
        position += length;
        // No separator is due after a fixed-length value, but some encoders add one; GS1's own
        // syntax engine skips it too, and it cannot change the meaning.
        if (position < input.length() && input.charAt(position) == GS) {
            position++;
        }
        return value;
    }

    private String variable(String ai) throws Malformed {
        int end = input.indexOf(GS, position);
        if (end < 0) {
            end = input.length();
        }
        String value = input.substring(position, end);
        position = end < input.length() ? end + 1 : end;
        if (value.isEmpty()) {
            throw new Malformed("AI " + ai + " is empty");
        }
        if (value.length() > MAX_VARIABLE_LENGTH) {
            throw new Malformed("AI " + ai + " has " + value.length() + " characters, at most "
                    + MAX_VARIABLE_LENGTH + " allowed (is a GS separator missing?): " + Gs1Text.quote(value));
        }
        int outside = Gs1Text.firstOutsideCharacterSet82(value);
        if (outside >= 0) {
            throw new Malformed("AI " + ai + ": character " + Gs1Text.quote(String.valueOf(value.charAt(outside)))
                    + " at position " + outside + " of " + Gs1Text.quote(value) + " is not in GS1's 82-character set");
        }
        return value;
    }

    /**
     * A YYMMDD date. Day 00 means the month only: for an expiry the last day of that month
     * (General Specifications, AI 17), for a production date the first day.
     */
    private Optional<LocalDate> date(String ai, String yymmdd) throws Malformed {
        if (yymmdd == null) {
            return Optional.empty();
        }
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int month = Integer.parseInt(yymmdd.substring(2, 4));
        int day = Integer.parseInt(yymmdd.substring(4, 6));
        if (month < 1 || month > 12) {
            throw new Malformed("AI " + ai + ": month " + yymmdd.substring(2, 4) + " of " + yymmdd + " does not exist");
        }
        YearMonth yearMonth = YearMonth.of(year(yy), month);
        if (day == 0) {
            return Optional.of("17".equals(ai) ? yearMonth.atEndOfMonth() : yearMonth.atDay(1));
        }
        if (day > yearMonth.lengthOfMonth()) {
            throw new Malformed("AI " + ai + ": day " + day + " does not exist in " + yearMonth + " (" + yymmdd + ")");
        }
        return Optional.of(yearMonth.atDay(day));
    }

    /** GS1 General Specifications, century of a YY date: from 49 years back to 50 years ahead of today. */
    private int year(int yy) {
        int currentYy = today.getYear() % 100;
        int century = today.getYear() - currentYy;
        int difference = yy - currentYy;
        if (difference >= 51) {
            century -= 100;
        } else if (difference <= -50) {
            century += 100;
        }
        return century + yy;
    }

    /** A problem found in the input; never leaves this class. */
    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
