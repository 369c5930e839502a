package org.medcab.rules.internal;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The expiry thresholds and the time zone whose calendar day the rules count in.
 *
 * @param warningDays  an item with at most this many days left is expiring (yellow)
 * @param criticalDays an item with at most this many days left, or expired, is critical (red)
 * @param timeZone     the zone whose local date is "today" and whose midnight re-runs the rules
 */
record RuleSettings(int warningDays, int criticalDays, ZoneId timeZone) {
    static final int DEFAULT_WARNING_DAYS = 30;
    static final int DEFAULT_CRITICAL_DAYS = 5;

    RuleSettings {
        if (warningDays < 0) {
            throw new IllegalArgumentException("warningDays must be 0 or more, was " + warningDays);
        }
        if (criticalDays < 0) {
            throw new IllegalArgumentException("criticalDays must be 0 or more, was " + criticalDays);
        }
        Objects.requireNonNull(timeZone, "timeZone");
    }

    static RuleSettings defaults() {
        return new RuleSettings(DEFAULT_WARNING_DAYS, DEFAULT_CRITICAL_DAYS, ZoneId.systemDefault());
    }

    RuleSettings withWarningDays(int days) {
        return new RuleSettings(days, criticalDays, timeZone);
    }

    RuleSettings withCriticalDays(int days) {
        return new RuleSettings(warningDays, days, timeZone);
    }

    RuleSettings withTimeZone(ZoneId zone) {
        return new RuleSettings(warningDays, criticalDays, zone);
    }
}
