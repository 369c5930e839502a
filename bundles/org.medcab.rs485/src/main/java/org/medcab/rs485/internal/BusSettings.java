package org.medcab.rs485.internal;

/**
 * How one RS485 bus is driven.
 *
 * @param id                    the configured bus id, e.g. "bus1"
 * @param port                  serial device path (a stable name such as /dev/serial/by-id/..., so a
 *                              replugged adapter comes back under the same path)
 * @param baud                  38400 or 115200, the two rates the readers support (8N1)
 * @param responseTimeoutMillis longest silence while a reply is due
 * @param retries               extra attempts for a request that got no answer (never for inventories)
 * @param reopenIntervalMillis  pause between attempts to reopen a lost port
 */
public record BusSettings(String id, String port, int baud, int responseTimeoutMillis, int retries,
                          int reopenIntervalMillis) {

    public static final int DEFAULT_BAUD = 115200;
    public static final int DEFAULT_RESPONSE_TIMEOUT_MILLIS = 300;
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_REOPEN_INTERVAL_MILLIS = 1000;

    public BusSettings {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("bus id must not be empty");
        }
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("bus " + id + ": port must not be empty");
        }
        if (baud != 38400 && baud != 115200) {
            throw new IllegalArgumentException("bus " + id + ": baud must be 38400 or 115200: " + baud);
        }
        requireRange(id, "responseTimeoutMillis", responseTimeoutMillis, 10, 60_000);
        requireRange(id, "retries", retries, 0, 10);
        requireRange(id, "reopenIntervalMillis", reopenIntervalMillis, 10, 600_000);
    }

    /** A bus with the default rate and timing. */
    public static BusSettings of(String id, String port) {
        return new BusSettings(id, port, DEFAULT_BAUD, DEFAULT_RESPONSE_TIMEOUT_MILLIS, DEFAULT_RETRIES,
                DEFAULT_REOPEN_INTERVAL_MILLIS);
    }

    /**
     * How long the line must stay quiet before a partial frame is declared dead. USB serial
     * adapters deliver bytes in bursts up to 16 ms apart (FTDI latency timer), so a shorter gap
     * could cut a good frame; it must also stay well below the response timeout so a truncated
     * frame cannot hide the frame that ends a reply until the request times out.
     */
    public int lineIdleMillis() {
        return Math.max(5, Math.min(50, responseTimeoutMillis / 4));
    }

    private static void requireRange(String id, String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("bus " + id + ": " + name + " must be " + min + ".." + max + ": " + value);
        }
    }
}
