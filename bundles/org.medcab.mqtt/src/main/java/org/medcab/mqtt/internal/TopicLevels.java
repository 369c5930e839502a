package org.medcab.mqtt.internal;

/**
 * Checks ids that become one MQTT topic level (site, gateway, zone). A '/' would silently add a
 * level, and '+' or '#' are wildcards a broker rejects in a published topic or, worse, a subscriber
 * would match wrongly; so such an id is refused with a reason instead of being published.
 */
final class TopicLevels {
    private TopicLevels() {
    }

    /** Why {@code level} cannot be a topic level, or {@code null} when it can. */
    static String problem(String level) {
        if (level == null || level.isEmpty()) {
            return "it is empty";
        }
        if (level.indexOf('/') >= 0) {
            return "it contains '/'";
        }
        if (level.indexOf('+') >= 0) {
            return "it contains '+'";
        }
        if (level.indexOf('#') >= 0) {
            return "it contains '#'";
        }
        if (level.indexOf('\u0000') >= 0) {
            return "it contains a NUL character";
        }
        return null;
    }

    /** Returns {@code level}, or throws naming {@code what} and the reason. */
    static String require(String what, String level) {
        String problem = problem(level);
        if (problem != null) {
            throw new IllegalArgumentException(what + " '" + level + "' cannot be an MQTT topic level: " + problem);
        }
        return level;
    }
}
