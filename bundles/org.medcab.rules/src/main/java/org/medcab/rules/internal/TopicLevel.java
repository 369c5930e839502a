package org.medcab.rules.internal;

/** A zone id that can be one MQTT topic level ({@code status/{zone}}), as the contract defines it. */
final class TopicLevel {
    static final int MAX_LENGTH = 64;

    private TopicLevel() {
    }

    static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '+' || c == '#' || c == '\0') {
                return false;
            }
        }
        return true;
    }
}
