package org.medcab.simulator.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The line faults of 8.6 that damage bytes: random byte errors both ways, and every N-th frame a
 * reader sends cut short or given a wrong checksum. Switchable at run time; thread-safe.
 */
final class LineFaults {
    private final SplittableRandom random;
    private double byteErrorRate;
    private int truncateEvery;
    private int badChecksumEvery;
    private long framesSent;
    private long truncatedFrames;
    private long badChecksumFrames;
    private long damagedBytes;

    LineFaults(long seed) {
        // Its own generator, so switching a fault on does not change the physics' random draws.
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    synchronized void set(double byteErrorRate, int truncateEvery, int badChecksumEvery) {
        if (byteErrorRate < 0 || byteErrorRate > 1 || truncateEvery < 0 || badChecksumEvery < 0) {
            throw new IllegalArgumentException("byteErrorRate 0..1, truncateEvery and badChecksumEvery >= 0");
        }
        this.byteErrorRate = byteErrorRate;
        this.truncateEvery = truncateEvery;
        this.badChecksumEvery = badChecksumEvery;
    }

    synchronized double byteErrorRate() {
        return byteErrorRate;
    }

    synchronized int truncateEvery() {
        return truncateEvery;
    }

    synchronized int badChecksumEvery() {
        return badChecksumEvery;
    }

    /** A frame about to be sent, damaged if its number comes up. */
    synchronized byte[] frameToSend(byte[] frame) {
        framesSent++;
        if (truncateEvery > 0 && framesSent % truncateEvery == 0 && frame.length > 2) {
            truncatedFrames++;
            // Keep at least Head and Len, lose at least the checksum.
            return Arrays.copyOf(frame, 2 + random.nextInt(frame.length - 2));
        }
        if (badChecksumEvery > 0 && framesSent % badChecksumEvery == 0) {
            badChecksumFrames++;
            byte[] out = frame.clone();
            out[out.length - 1] ^= (byte) (1 + random.nextInt(255));
            return out;
        }
        return frame;
    }

    /** One byte on the line, damaged with the byte error rate. */
    synchronized int lineByte(int b) {
        if (byteErrorRate > 0 && random.nextDouble() < byteErrorRate) {
            damagedBytes++;
            return (b ^ (1 + random.nextInt(255))) & 0xFF;
        }
        return b & 0xFF;
    }

    synchronized String summary() {
        return "faults: byteErrorRate=" + byteErrorRate + " truncateEvery=" + truncateEvery + " badChecksumEvery="
                + badChecksumEvery + " (damaged bytes " + damagedBytes + ", truncated frames " + truncatedFrames
                + ", bad checksums " + badChecksumFrames + ")";
    }
}
