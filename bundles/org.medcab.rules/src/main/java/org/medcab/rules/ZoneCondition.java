package org.medcab.rules;

/** The worst thing the rules found in a zone. */
public enum ZoneCondition {
    /** Nothing wrong. */
    OK,
    /** An item expires within the warning period (one month by default): yellow. */
    EXPIRING,
    /**
     * An item expires within the critical period (five days by default) or has expired, or a drug the
     * HIS requires in the zone is missing or below its par level: red.
     */
    CRITICAL,
    /** The zone's readers are offline: its contents are not vouched for, so it is never reported OK. */
    UNKNOWN
}
