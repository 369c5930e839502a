package org.medcab.inventory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the inventory cycles (singleton PID {@code org.medcab.inventory}). */
@ObjectClassDefinition(id = InventoryComponent.PID, name = "medcab inventory cycles",
        description = "Event cycles over every reader antenna of the cabinet: when a cycle ends, how it reads, "
                + "and how an item seen by several antennas is settled into one zone. A zone is UNKNOWN (reported with "
                + "its last known contents) while a reader watching it does not answer. Meanwhile no item enters any "
                + "zone: an item new to the cabinet, or moving, may belong to the zone nobody can read, so it is held, "
                + "and the zones whose count depends on it (the one it would enter, the one it may have left) are "
                + "UNKNOWN too. A KNOWN count is never wrong; zones receiving items stay UNKNOWN until every reader "
                + "answers again.")
public @interface InventoryConfig {

    @AttributeDefinition(name = "Stable passes", min = "1", max = "100",
            description = "A cycle ends when this many consecutive passes over all antennas brought no EPC not already "
                    + "seen in the cycle and changed no item's leading zone (the zone whose antennas hear it best so far "
                    + "in the cycle), at least this many plus one passes ran, and every new item's zone is certain (see "
                    + "placement confidence).")
    int stablePasses() default 3;

    @AttributeDefinition(name = "Maximum cycle time (ms)", min = "1",
            description = "A cycle that is not stable by then ends anyway (checked between antenna commands; the "
                    + "first pass always completes so every antenna looks at least once).")
    int maxCycleMillis() default 60_000;

    @AttributeDefinition(name = "Pause between cycles (ms)", min = "0",
            description = "Radio silence between the end of one cycle and the start of the next.")
    int cyclePauseMillis() default 1_000;

    @AttributeDefinition(name = "Reader settle time (ms)", min = "0",
            description = "A cycle starts only once the set of readers has been unchanged for this long, so that at "
                    + "start-up (readers appear one by one) no cycle runs with part of them: a reader missing from a cycle "
                    + "lets its neighbours claim the items of its zones. A cycle during which a reader is added or removed "
                    + "(a reconfiguration, or the reader bundle stopping) is discarded, never reported, and the next one "
                    + "waits for this settle time again.")
    int readerSettleMillis() default 3_000;

    @AttributeDefinition(name = "Gen2 session",
            description = "Keep 0. Zone arbitration compares a tag's RSSI across antennas, so every antenna must hear "
                    + "every tag it can power in every pass. S0 flags reset every round; with S1, S2 or S3 a tag read by "
                    + "one antenna stays in state B for seconds and is silent for the next antenna.",
            options = {@Option(value = "0", label = "S0 (flags reset every round)"),
                       @Option(value = "1", label = "S1 (flag persists 0.5-5 s)"),
                       @Option(value = "2", label = "S2 (flag persists while powered)"),
                       @Option(value = "3", label = "S3 (flag persists while powered)")})
    int session() default 0;

    @AttributeDefinition(name = "Gen2 target",
            description = "Keep A: in session 0 every tag starts a round in state A, so target A wakes them all.",
            options = {@Option(value = "A", label = "A"), @Option(value = "B", label = "B")})
    String target() default "A";

    @AttributeDefinition(name = "Rounds per antenna command", min = "1", max = "254",
            description = "Inventory rounds one command runs on one antenna (the reader's Repeat). The reader firmware "
                    + "runs the Gen2 Q algorithm itself (from Q=4); the host has no Q to set, only this. Repetition "
                    + "comes from passes: spreading an antenna's reads over the cycle samples the radio channel more "
                    + "independently than back-to-back rounds, and keeps each pass short.")
    int rounds() default 1;

    @AttributeDefinition(name = "RSSI smoothing (alpha)",
            description = "Weight of each new read in the smoothed RSSI of an item at an antenna, 0 < alpha <= 1, kept "
                    + "across cycles: the plain mean of the first 1/alpha reads, then an exponential moving average. "
                    + "Smaller is steadier but follows a moved item more slowly. With 2 dB of noise per read, 0.1 settles "
                    + "at 0.46 dB per antenna (0.65 dB for the difference of two), well under the zone hysteresis.")
    double rssiSmoothing() default 0.1;

    @AttributeDefinition(name = "Zone hysteresis (dB)", min = "0",
            description = "An item placed in a zone moves to another zone only when that zone's strongest smoothed RSSI "
                    + "beats its current zone's by more than this, or when its current zone's antennas no longer read it. "
                    + "Keeps items between two antennas from flickering between zones. Must stay well under the smallest "
                    + "margin by which an item's own zone hears it better than a neighbour (2.3 dB in the demo cabinet): "
                    + "otherwise an item placed wrongly once can never come back.")
    double hysteresisDb() default 1.0;

    @AttributeDefinition(name = "Placement confidence (standard errors)", min = "0",
            description = "A cycle does not end while an item not yet placed in a zone has a leading zone that beats the "
                    + "next by less than this many standard errors of the difference of their smoothed RSSI (the per-read "
                    + "spread is measured from the cycle's reads); it keeps passing, up to the maximum cycle time, so items "
                    + "between two zones get the reads they need before they are counted. 2 leaves about 3 in 10,000 items "
                    + "whose zones differ by 2.3 dB in the wrong zone after their first cycle (1 in 37 without it); "
                    + "higher is safer and makes an item's first cycle longer. 0 turns this off.")
    double placementConfidence() default 2.0;
}
