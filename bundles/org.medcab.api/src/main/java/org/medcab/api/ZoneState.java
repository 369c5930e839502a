package org.medcab.api;

/** Whether the gateway can vouch for a zone's contents. */
public enum ZoneState {
    /** Every reader antenna covering the zone answered during the cycle: the item set is what is there. */
    KNOWN,
    /** A reader covering the zone did not answer: the contents cannot be vouched for, which is not the same as empty. */
    UNKNOWN
}
