package org.medcab.simulator.internal;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One Gen2 inventory round of 8.3: slotted ALOHA with the Q algorithm. Qfp is kept in tenths so
 * that steps of C = 0.3 add up exactly. The round is stepped slot by slot, so that rounds of
 * several readers running at once can be interleaved in time order (interference, 8.5).
 */
final class Gen2Round {
    static final int START_QFP_TENTHS = 40;
    static final int C_TENTHS = 3;
    static final int MAX_QFP_TENTHS = 150;
    static final int MAX_SLOTS = 4096;

    enum Outcome {
        /** Nobody replied. */
        EMPTY,
        /** One tag replied and was read. */
        READ,
        /** Two or more replied; nobody is read (no capture effect). */
        COLLISION,
        /** One tag replied too weakly to be decoded: the reader heard an empty slot. */
        UNDECODED,
        /** One tag replied but the slot failed to interference from another reader (8.5). */
        INTERFERED
    }

    /** A tag that takes part in the round (powered, flag equal to the target). */
    static final class Candidate {
        final SimTag tag;
        final double meanRssiDbm;
        int counter;
        /** Collided or not acknowledged: silent until the next QueryAdjust draws new slots. */
        boolean waiting;
        boolean read;

        Candidate(SimTag tag, double meanRssiDbm) {
            this.tag = tag;
            this.meanRssiDbm = meanRssiDbm;
        }
    }

    /**
     * What one slot did.
     *
     * @param q       the Q the slot ran with
     * @param tag     the tag read (READ), or the single replier (UNDECODED, INTERFERED), else null
     * @param rssiDbm the received level of a single reply
     */
    record Slot(Outcome outcome, int q, Candidate tag, double rssiDbm, long nanos) {
    }

    /** Says whether a singulation of this tag fails to interference. */
    interface Interference {
        boolean fails(SimTag tag);
    }

    private final List<Candidate> candidates;
    private final SlotTimes times;
    private final RandomGenerator random;
    private int qfpTenths = START_QFP_TENTHS;
    private int slots;
    private boolean finished;

    Gen2Round(List<Candidate> candidates, SlotTimes times, RandomGenerator random) {
        this.candidates = candidates;
        this.times = times;
        this.random = random;
        drawSlots(q());
    }

    /** Q = round(Qfp), halves rounding up. */
    int q() {
        return (qfpTenths + 5) / 10;
    }

    double qfp() {
        return qfpTenths / 10.0;
    }

    int slots() {
        return slots;
    }

    boolean finished() {
        return finished;
    }

    List<Candidate> candidates() {
        return candidates;
    }

    Slot next(Interference interference) {
        if (finished) {
            throw new IllegalStateException("round already ended");
        }
        int q = q();
        Candidate single = null;
        int replies = 0;
        for (Candidate c : candidates) {
            if (!c.read && !c.waiting && c.counter == 0 && c.tag.present) {
                replies++;
                single = c;
            }
        }
        Slot slot;
        if (replies == 0) {
            qfpTenths = Math.max(0, qfpTenths - C_TENTHS);
            slot = new Slot(Outcome.EMPTY, q, null, Double.NaN, times.emptyNanos());
        } else if (replies > 1) {
            qfpTenths = Math.min(MAX_QFP_TENTHS, qfpTenths + C_TENTHS);
            for (Candidate c : candidates) {
                if (!c.read && !c.waiting && c.counter == 0 && c.tag.present) {
                    c.waiting = true;
                }
            }
            slot = new Slot(Outcome.COLLISION, q, null, Double.NaN, times.collidedNanos());
        } else {
            double rssi = single.meanRssiDbm + LinkBudget.RSSI_SIGMA_DB * random.nextGaussian();
            if (!LinkBudget.decodable(rssi)) {
                // The reader hears no valid RN16: to it this is an empty slot.
                single.waiting = true;
                qfpTenths = Math.max(0, qfpTenths - C_TENTHS);
                slot = new Slot(Outcome.UNDECODED, q, single, rssi, times.emptyNanos());
            } else if (interference.fails(single.tag)) {
                // RN16 and ACK went through, the EPC did not: time of a full slot, Qfp unchanged.
                single.waiting = true;
                slot = new Slot(Outcome.INTERFERED, q, single, rssi, times.successNanos());
            } else {
                single.read = true;
                slot = new Slot(Outcome.READ, q, single, rssi, times.successNanos());
            }
        }
        slots++;
        boolean heardNothing = slot.outcome() == Outcome.EMPTY || slot.outcome() == Outcome.UNDECODED;
        if ((q == 0 && heardNothing) || slots >= MAX_SLOTS) {
            finished = true;
        } else if (q() != q) {
            drawSlots(q()); // QueryAdjust
        } else {
            for (Candidate c : candidates) { // QueryRep
                if (!c.read && !c.waiting) {
                    c.counter--;
                }
            }
        }
        return slot;
    }

    private void drawSlots(int q) {
        for (Candidate c : candidates) {
            if (!c.read) {
                c.waiting = false;
                c.counter = random.nextInt(1 << q);
            }
        }
    }
}
