package org.medcab.rs485.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What the bus saw of one reader; updated by the bus during that reader's requests, read from anywhere. */
public final class ReaderStats {
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong checksumErrors = new AtomicLong();
    private final AtomicLong malformedFrames = new AtomicLong();
    private volatile Instant lastSeen;

    void frameReceived(Instant at) {
        frames.incrementAndGet();
        lastSeen = at;
    }

    void timedOut() {
        timeouts.incrementAndGet();
    }

    void checksumErrors(long n) {
        checksumErrors.addAndGet(n);
    }

    void malformedFrame() {
        malformedFrames.incrementAndGet();
    }

    /** Valid frames received from the reader in answer to its requests. */
    public long frames() {
        return frames.get();
    }

    /** Request attempts the reader did not answer in time. */
    public long timeouts() {
        return timeouts.get();
    }

    /** Frames rejected for a bad checksum while the reader was being asked. */
    public long checksumErrors() {
        return checksumErrors.get();
    }

    /** Frames with a good checksum whose content did not fit the command. */
    public long malformedFrames() {
        return malformedFrames.get();
    }

    /** When the reader last answered, or null. */
    public Instant lastSeen() {
        return lastSeen;
    }
}
