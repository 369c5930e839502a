package org.medcab.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One read of one tag by one antenna.
 *
 * @param epc        the EPC as upper-case hexadecimal, exactly as the tag backscattered it
 * @param readerId   the configured id of the reader that saw it
 * @param antenna    zero-based antenna port of that reader
 * @param rssiDbm    received signal strength in dBm
 * @param time       when the gateway received the record
 */
public record TagObservation(String epc, String readerId, int antenna, int rssiDbm, Instant time) {
    public TagObservation {
        Objects.requireNonNull(epc, "epc");
        Objects.requireNonNull(readerId, "readerId");
        Objects.requireNonNull(time, "time");
    }
}
