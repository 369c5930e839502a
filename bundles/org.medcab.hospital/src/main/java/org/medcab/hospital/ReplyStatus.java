package org.medcab.hospital;

/** The {@code status} of a command reply. */
public enum ReplyStatus {
    /** Done, everything applied. */
    OK,
    /** A batch was applied row by row and some rows were rejected; the reply names each one and why. */
    PARTIAL,
    /** Valid and taken on; the outcome follows in a later reply. */
    ACCEPTED,
    /** An intermediate step of a long-running command; more replies follow. */
    PROGRESS,
    /** Ended at the HIS's request. */
    CANCELLED,
    /** Ended because it did not complete within its time limit. */
    TIMED_OUT,
    /** Refused as a whole; nothing was changed. The reply names the field and the problem. */
    REJECTED,
    /** Valid, but carrying it out failed; nothing was changed (an update was rolled back). */
    FAILED;

    /** The status as it appears in the JSON reply: lower case, {@code timed-out} with a hyphen. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
