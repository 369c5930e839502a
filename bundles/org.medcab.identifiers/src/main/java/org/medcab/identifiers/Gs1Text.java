package org.medcab.identifiers;

/** Character rules shared by EPCs and element strings. */
final class Gs1Text {

    /** GS1's 82-character set (TDS Annex A; General Specifications "X"): batch and serial characters. */
    private static final String CHARACTER_SET_82 =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    /** Longest piece of offending input quoted in a message: enough to recognise it, not a log flood. */
    private static final int QUOTE_LIMIT = 60;

    private Gs1Text() {
    }

    static boolean isCharacterSet82(char c) {
        return c < 0x80 && CHARACTER_SET_82.indexOf(c) >= 0;
    }

    /** Index of the first character outside the 82-character set, or -1. */
    static int firstOutsideCharacterSet82(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isCharacterSet82(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Only ASCII 0-9 ({@link Character#isDigit} would also accept other scripts' digits). */
    static boolean isDigits(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The characters TDS §6.3.1 escapes in an EPC URI; every other 82-set character stands as it is. */
    static String escapeForUri(String serial) {
        StringBuilder out = new StringBuilder(serial.length() + 8);
        for (int i = 0; i < serial.length(); i++) {
            char c = serial.charAt(i);
            switch (c) {
                case '"' -> out.append("%22");
                case '%' -> out.append("%25");
                case '&' -> out.append("%26");
                case '/' -> out.append("%2F");
                case '<' -> out.append("%3C");
                case '>' -> out.append("%3E");
                case '?' -> out.append("%3F");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Input quoted for a message: control characters (such as GS) shown as {@code \x1D}, long
     * input shortened, so a reason is always one readable line.
     */
    static String quote(CharSequence s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(s.length(), QUOTE_LIMIT);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (s.length() > shown) {
            out.append("... (").append(s.length()).append(" characters)");
        }
        return out.toString();
    }
}
