package org.medcab.simulator.internal;

import java.util.HexFormat;

import org.medcab.reader.protocol.TagRecord;
import org.medcab.simulator.Scenario.Label;
import org.medcab.simulator.Vector3;

/**
 * One tag in the cabinet: where it is, how its label sits, and its Gen2 inventoried flags with the
 * persistence times of 8.3. Guarded by the simulator's world lock.
 */
final class SimTag {
    static final int A = 0;
    static final int B = 1;
    /** S1 returns to A this long after the read, powered or not. */
    static final long S1_PERSISTENCE_NANOS = 2_000_000_000L;
    /** S2 and S3 return to A this long after the tag was last powered by any reader. */
    static final long S2_S3_PERSISTENCE_NANOS = 5_000_000_000L;

    final String epcHex;
    final byte[] epc;
    final int pc;
    String zone;
    Vector3 position;
    Label label;
    double tiltDeg;
    /** False once removed from the cabinet; a round in progress then hears nothing from it. */
    boolean present = true;

    private boolean s0B;
    private long s1BUntil = Long.MIN_VALUE;
    private final boolean[] persistentB = new boolean[4];
    private long lastPoweredAt = Long.MIN_VALUE;

    SimTag(String epcHex, String zone, Vector3 position, Label label, double tiltDeg) {
        this.epcHex = epcHex;
        this.epc = HexFormat.of().parseHex(epcHex);
        this.pc = TagRecord.pcFor(epc.length);
        this.zone = zone;
        this.position = position;
        this.label = label;
        this.tiltDeg = tiltDeg;
    }

    /** The inventoried flag of {@code session} at {@code now}: {@link #A} or {@link #B}. */
    int flag(int session, long now) {
        return switch (session) {
            case 0 -> s0B ? B : A;
            case 1 -> now < s1BUntil ? B : A;
            default -> persistentB[session] && now - lastPoweredAt < S2_S3_PERSISTENCE_NANOS ? B : A;
        };
    }

    /** Read in a round of {@code session}: the flag flips A→B (or B→A when the round targeted B). */
    void inventoried(int session, long now) {
        boolean toB = flag(session, now) == A;
        switch (session) {
            case 0 -> s0B = toB;
            case 1 -> s1BUntil = toB ? now + S1_PERSISTENCE_NANOS : Long.MIN_VALUE;
            default -> persistentB[session] = toB;
        }
    }

    /** S0 is reset at the start of every round. */
    void resetS0() {
        s0B = false;
    }

    /** The tag is powered by some reader at {@code now}; an S2/S3 flag that outlived its persistence first falls back to A. */
    void powered(long now) {
        for (int s = 2; s <= 3; s++) {
            if (persistentB[s] && now - lastPoweredAt >= S2_S3_PERSISTENCE_NANOS) {
                persistentB[s] = false;
            }
        }
        lastPoweredAt = Math.max(lastPoweredAt, now);
    }
}
