package org.medcab.simulator.internal;

import org.medcab.reader.protocol.LinkProfile;

/** Slot durations of 8.3 by link profile, in nanoseconds. */
record SlotTimes(long successNanos, long collidedNanos, long emptyNanos) {
    /** Query and hop at the start of every round. */
    static final long ROUND_OVERHEAD_NANOS = 1_000_000;
    /** 0x74, or a change of antenna within 0x8A. */
    static final long ANTENNA_SWITCH_NANOS = 2_000_000;

    static SlotTimes of(LinkProfile profile) {
        return switch (profile) {
            case D0 -> new SlotTimes(6_000_000, 1_340_000, 660_000);
            case D1 -> new SlotTimes(3_900_000, 810_000, 500_000);
            case D2 -> new SlotTimes(3_300_000, 680_000, 420_000);
            case D3 -> new SlotTimes(800_000, 180_000, 120_000);
        };
    }
}
