package org.medcab.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.medcab.reader.protocol.LinkProfile;
import org.medcab.simulator.Scenario.Antenna;
import org.medcab.simulator.Scenario.Label;
import org.medcab.simulator.Vector3;

/** Flag persistence of 8.3: S0 per round, S1 2.0 s after the read, S2/S3 5.0 s after last powered. */
class SessionFlagsTest {
    private static final long S = 1_000_000_000L;

    private static SimTag tag() {
        return new SimTag("300000000000000000000009", "Z", new Vector3(0, 0, 0.5), Label.FLAT, 0);
    }

    @Test
    void s1ReturnsToATwoSecondsAfterTheReadPoweredOrNot() {
        SimTag t = tag();
        t.inventoried(1, 10 * S);
        assertEquals(SimTag.B, t.flag(1, 10 * S));
        t.powered(11 * S);
        assertEquals(SimTag.B, t.flag(1, 12 * S - 1));
        assertEquals(SimTag.A, t.flag(1, 12 * S));
    }

    @Test
    void s2AndS3StayBWhilePoweredAndReturnToAFiveSecondsAfterLastPowered() {
        for (int session = 2; session <= 3; session++) {
            SimTag t = tag();
            t.powered(0);
            t.inventoried(session, 0);
            for (long now = S; now <= 20 * S; now += S) {
                t.powered(now);
                assertEquals(SimTag.B, t.flag(session, now), "powered every second, at " + now);
            }
            assertEquals(SimTag.B, t.flag(session, 25 * S - 1));
            assertEquals(SimTag.A, t.flag(session, 25 * S));
            // Powered again after the persistence ran out: the flag does not come back.
            t.powered(26 * S);
            assertEquals(SimTag.A, t.flag(session, 26 * S));
        }
    }

    @Test
    void s0IsResetAtTheStartOfEveryRound() {
        Cabinet cabinet = new Cabinet(new SplittableRandom(1));
        SimTag t = tag();
        cabinet.add(t);
        Antenna antenna = new Antenna(0, "Z", new Vector3(0, 0, 0), new Vector3(0, 0, 1));
        Cabinet.RadioRound r = cabinet.startRound("r", antenna, 20, 915e6, 0, 0, SlotTimes.of(LinkProfile.D1), 0);
        assertEquals(1, r.round.candidates().size());
        t.inventoried(0, 1000);
        assertEquals(SimTag.B, t.flag(0, 1000));
        cabinet.endRound(r, 2000);
        // A round targeting B right after finds the tag already back at A.
        Cabinet.RadioRound next = cabinet.startRound("r", antenna, 20, 915e6, 0, 1, SlotTimes.of(LinkProfile.D1), 3000);
        assertEquals(0, next.round.candidates().size());
        assertEquals(SimTag.A, t.flag(0, 3000));
    }

    @Test
    void aReadInARoundTargetingBFlipsBackToA() {
        SimTag t = tag();
        t.inventoried(1, 0);
        t.inventoried(1, S);
        assertEquals(SimTag.A, t.flag(1, S));
        t.powered(0);
        t.inventoried(2, 0);
        t.inventoried(2, S);
        assertEquals(SimTag.A, t.flag(2, S));
    }
}
