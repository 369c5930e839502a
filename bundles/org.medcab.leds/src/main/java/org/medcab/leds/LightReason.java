package org.medcab.leds;

/** Why a zone shows its light: the finding that won by priority. */
public enum LightReason {
    /** A wrong item was taken from the zone during a pick (red, fast blink). */
    WRONG_ITEM,
    /** The rules raise an alarm for the zone, e.g. an unregistered item in it (red, fast blink). */
    ALARM,
    /** The HIS asked for a drug to be picked from the zone (green). */
    PICK,
    /** An item is within the critical period before its expiry, or expired (red). */
    EXPIRED,
    /** A drug the HIS requires in the zone is missing or below its par level (red). */
    BELOW_PAR,
    /** An item expires within the warning period (yellow). */
    EXPIRING,
    /** The zone's readers are offline: its contents are not vouched for (yellow, slow blink). */
    READERS_OFFLINE,
    /** Nothing to show (off). */
    NONE
}
