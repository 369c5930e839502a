package org.medcab.rs485;

import java.util.Map;

import org.medcab.api.ReaderHealth;

/**
 * One configured UHF reader on an RS485 bus. Registered as a service with the properties
 * {@code reader.id} and {@code bus.id}. Calls block while the bus serves this request; the bus
 * serialises requests of all readers on it, so callers need no locking of their own.
 */
public interface RfidReader {

    /** The configured reader id, unique in the gateway. */
    String id();

    /** Antenna port (zero-based) to the zone id it watches, for every antenna in use. */
    Map<Integer, String> zonesByAntenna();

    /** Counters and online state as of now. */
    ReaderHealth health();

    /**
     * Runs inventory rounds on one antenna and returns what was read.
     *
     * @throws ReaderUnavailableException when the reader does not answer after the configured
     *         retries, answers with an error code, or its bus is closed
     */
    AntennaRead inventory(int antenna, InventoryRequest request) throws ReaderUnavailableException;
}
