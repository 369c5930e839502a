package org.medcab.catalog.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * One unregistered-item alarm as stored: raised for {@code code} seen in {@code zone}, whether the
 * raise reached the uplink, and when and why it was cleared (null while it stands).
 */
record AlarmRecord(String code, String zone, Instant raised, boolean raiseSent, Instant cleared, String clearReason) {
    AlarmRecord {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(raised, "raised");
    }

    AlarmRecord raiseWasSent() {
        return new AlarmRecord(code, zone, raised, true, cleared, clearReason);
    }

    AlarmRecord clearedAt(Instant when, String reason) {
        return new AlarmRecord(code, zone, raised, raiseSent, when, reason);
    }

    boolean standing() {
        return cleared == null;
    }
}
