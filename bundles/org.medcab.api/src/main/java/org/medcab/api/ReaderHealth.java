package org.medcab.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A reader's health as its bus driver sees it.
 *
 * @param readerId       the configured reader id
 * @param bus            the configured id of the RS485 bus it hangs on
 * @param address        its address on that bus
 * @param online         whether its last request was answered
 * @param frames         valid frames received from it
 * @param timeouts       requests it did not answer in time
 * @param checksumErrors frames from it rejected for a bad checksum
 * @param lastSeen       when it last answered, or {@code null} if never
 */
public record ReaderHealth(String readerId, String bus, int address, boolean online,
                           long frames, long timeouts, long checksumErrors, Instant lastSeen) {
    public ReaderHealth {
        Objects.requireNonNull(readerId, "readerId");
        Objects.requireNonNull(bus, "bus");
    }
}
