package org.medcab.mqtt.internal;

/**
 * Why a command is refused: the offending field as a JSON Pointer into the request ({@code ""} for
 * the request as a whole) and the problem in words; what the {@code error} object of a reply says.
 */
record CommandError(String field, String problem) {
    /** Longest field or problem text a reply carries: the HIS chose the names, not the gateway. */
    static final int MAX_TEXT = 300;

    CommandError {
        field = clip(field);
        problem = clip(problem);
        if (problem.isEmpty()) {
            problem = "invalid";
        }
    }

    /** Control characters replaced, cut to {@link #MAX_TEXT} characters (marked with an ellipsis). */
    static String clip(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_TEXT + 1));
        for (int i = 0; i < text.length() && b.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        if (text.length() > MAX_TEXT) {
            b.append('…');
        }
        return b.toString();
    }
}
