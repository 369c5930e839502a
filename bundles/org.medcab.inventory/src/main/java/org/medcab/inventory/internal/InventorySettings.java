package org.medcab.inventory.internal;

import java.util.Locale;

import org.medcab.rs485.InventoryRequest;

/**
 * How the inventory runs its cycles. Plain values, validated on construction, so the engine can be
 * built outside OSGi (benchmarks, simulator harness) with the same rules as the DS component.
 *
 * <p>Gen2 choices and why (also in the Metatype descriptions of {@link InventoryConfig}):
 * <ul>
 * <li><b>session 0, target A.</b> Zone arbitration compares a tag's RSSI across antennas, so every
 * antenna must hear every tag it can power in every pass. S0 inventoried flags reset at the start of
 * every round; with S1, S2 or S3 a tag read by one antenna keeps its B flag for seconds (S1 0.5–5 s,
 * S2/S3 indefinitely while powered, &gt; 2 s after) and stays silent for the next antenna, which would
 * then look as if it cannot hear the tag.</li>
 * <li><b>rounds per command 1.</b> The R2000 protocol gives the host no Q parameter: the firmware
 * runs the Gen2 Q algorithm itself from Q=4, so the host's only knob is how many rounds (Repeat) one
 * command runs. Repetition comes from passes instead: each pass visits every antenna again, so the
 * reads of one antenna are spread over the cycle (more independent fading than back-to-back rounds
 * on one antenna) and the stable-set rule counts whole passes.</li>
 * </ul>
 *
 * @param stablePasses     consecutive passes without an EPC new to the cycle or a change of an item's
 *                         leading zone that end it
 * @param maxCycleMillis   time limit of a cycle; checked between antenna commands from the second pass on
 * @param cyclePauseMillis pause between two cycles
 * @param readerSettleMillis how long the set of readers must be unchanged before a cycle starts
 * @param session          Gen2 session of every inventory command, 0..3
 * @param target           Gen2 target, 0 = A, 1 = B
 * @param rounds           inventory rounds per antenna command (the R2000 Repeat byte), 1..254
 * @param rssiSmoothing    weight of a new read in the smoothed RSSI of (item, antenna), 0 &lt; alpha &le; 1;
 *                         the first 1/alpha reads are plainly averaged
 * @param hysteresisDb     how much stronger another zone must be before a placed item moves there
 * @param placementConfidence standard errors by which a new item's leading zone must beat the next
 *                         before the cycle may end; 0 turns the rule off
 *
 * <p>Placement defaults, for a per-read RSSI spread of σ = 2 dB (the simulator's pinned figure) and
 * neighbouring zones whose true means differ by 2.3 dB or more (the demo cabinet's smallest margin):
 * <ul>
 * <li><b>rssiSmoothing 0.1</b>: the plain mean of the first 10 reads (0.63 dB), then an EMA that settles
 * at 0.46 dB, 0.65 dB for the difference of two antennas (α = 0.25 settled at 1.07 dB).</li>
 * <li><b>hysteresisDb 1.0</b>: 5 standard errors of that difference below a 2.3 dB margin, so a rightly
 * placed item does not leave; and a wrongly placed one comes back as soon as its true zone shows more
 * than 1 dB, which it does in about 98 % of cycles. The former 3 dB exceeded the margin, so an item
 * misplaced once could never come back.</li>
 * <li><b>placementConfidence 2.0</b>: the first cycle leaves about 3 in 10,000 such items in the wrong
 * zone (1 in 37 with the stable set and leading zones alone), at the cost of about 8 passes instead
 * of 4 in an item's first cycle; see PlacementConfidenceTest.</li>
 * </ul>
 */
public record InventorySettings(int stablePasses, int maxCycleMillis, int cyclePauseMillis, int readerSettleMillis,
                                int session, int target, int rounds,
                                double rssiSmoothing, double hysteresisDb, double placementConfidence) {

    public static final InventorySettings DEFAULTS = new InventorySettings(3, 60_000, 1_000, 3_000, 0, 0, 1, 0.1, 1.0, 2.0);

    public InventorySettings {
        require(stablePasses >= 1 && stablePasses <= 100, "stablePasses must be 1..100: " + stablePasses);
        require(maxCycleMillis >= 1, "maxCycleMillis must be at least 1: " + maxCycleMillis);
        require(cyclePauseMillis >= 0, "cyclePauseMillis must not be negative: " + cyclePauseMillis);
        require(readerSettleMillis >= 0, "readerSettleMillis must not be negative: " + readerSettleMillis);
        require(session >= 0 && session <= 3, "session must be 0..3: " + session);
        require(target == 0 || target == 1, "target must be 0 (A) or 1 (B): " + target);
        require(rounds >= 1 && rounds <= 254, "rounds must be 1..254: " + rounds);
        require(rssiSmoothing > 0 && rssiSmoothing <= 1, "rssiSmoothing must be > 0 and <= 1: " + rssiSmoothing);
        require(Double.isFinite(hysteresisDb) && hysteresisDb >= 0, "hysteresisDb must be a finite value >= 0: " + hysteresisDb);
        require(Double.isFinite(placementConfidence) && placementConfidence >= 0,
                "placementConfidence must be a finite value >= 0: " + placementConfidence);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Gen2 target from its letter, as configured ("A" or "B", case-insensitive). */
    public static int targetFromLetter(String letter) {
        if (letter != null) {
            switch (letter.trim().toUpperCase(Locale.ROOT)) {
                case "A": return 0;
                case "B": return 1;
                default: break;
            }
        }
        throw new IllegalArgumentException("target must be A or B: " + letter);
    }

    /** The inventory command every antenna gets. */
    public InventoryRequest request() {
        return new InventoryRequest(session, target, rounds);
    }

    public InventorySettings withStablePasses(int v) {
        return new InventorySettings(v, maxCycleMillis, cyclePauseMillis, readerSettleMillis, session, target, rounds, rssiSmoothing, hysteresisDb, placementConfidence);
    }

    public InventorySettings withMaxCycleMillis(int v) {
        return new InventorySettings(stablePasses, v, cyclePauseMillis, readerSettleMillis, session, target, rounds, rssiSmoothing, hysteresisDb, placementConfidence);
    }

    public InventorySettings withCyclePauseMillis(int v) {
        return new InventorySettings(stablePasses, maxCycleMillis, v, readerSettleMillis, session, target, rounds, rssiSmoothing, hysteresisDb, placementConfidence);
    }

    public InventorySettings withReaderSettleMillis(int v) {
        return new InventorySettings(stablePasses, maxCycleMillis, cyclePauseMillis, v, session, target, rounds, rssiSmoothing, hysteresisDb, placementConfidence);
    }

    public InventorySettings withSession(int v) {
        return new InventorySettings(stablePasses, maxCycleMillis, cyclePauseMillis, readerSettleMillis, v, target, rounds, rssiSmoothing, hysteresisDb, placementConfidence);
    }

    public InventorySettings withTarget(int v) {
        return new InventorySettings(stablePasses, maxCycleMillis, cyclePauseMillis, readerSettleMillis, session, v, rounds, rssiSmoothing, hysteresisDb, placementConfidence);
    }

    public InventorySettings withRounds(int v) {
        return new InventorySettings(stablePasses, maxCycleMillis, cyclePauseMillis, readerSettleMillis, session, target, v, rssiSmoothing, hysteresisDb, placementConfidence);
    }

    public InventorySettings withRssiSmoothing(double v) {
        return new InventorySettings(stablePasses, maxCycleMillis, cyclePauseMillis, readerSettleMillis, session, target, rounds, v, hysteresisDb, placementConfidence);
    }

    public InventorySettings withHysteresisDb(double v) {
        return new InventorySettings(stablePasses, maxCycleMillis, cyclePauseMillis, readerSettleMillis, session, target, rounds, rssiSmoothing, v, placementConfidence);
    }

    public InventorySettings withPlacementConfidence(double v) {
        return new InventorySettings(stablePasses, maxCycleMillis, cyclePauseMillis, readerSettleMillis, session, target, rounds, rssiSmoothing, hysteresisDb, v);
    }
}
