package org.medcab.his;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    private final SequenceTracker tracker = new SequenceTracker();

    private List<String> see(long seq, String id) {
        return tracker.observe("cab1", seq, id, "medcab/zone-inventory/1", false);
    }

    @Test
    void aRestartJumpAtABirthIsReportedWithItsLikelyCause() {
        assertEquals(List.of(), see(41, "a"));
        assertEquals(List.of("GAP cab1: seq 42..999 missing (958 messages) before seq 1000 (a birth: after a gateway"
                + " restart up to 1000 numbers are skipped unused)"), tracker.observe("cab1", 1000, "b", "medcab/birth/1", false));
    }

    @Test
    void lateArrivalsSplitTheMissingRange() {
        see(1, "a");
        see(6, "f");
        assertEquals(List.of("LATE cab1: seq 3 arrived after seq 6 (a resend or the last will); still missing: 2, 4..5"),
                see(3, "c"));
        assertEquals(List.of("LATE cab1: seq 5 arrived after seq 6 (a resend or the last will); still missing: 2, 4"),
                see(5, "e"));
        assertEquals(List.of(), see(0, "before"), "older than the first seen: not ours to count");
        assertEquals("SUMMARY cab1: 5 messages, seq 0..6, 0 duplicates, 0 protocol violations, 2 late, missing 2: 2, 4",
                tracker.summary().get(0));
        assertFalse(tracker.violations());
    }

    @Test
    void anIdWithTwoSeqsIsAViolation() {
        see(1, "a");
        assertEquals(List.of("!!! PROTOCOL VIOLATION cab1: id a came with seq 1 and now with seq 2"), see(2, "a"));
        assertTrue(tracker.violations());
    }

    @Test
    void retainedMessagesDoNotOpenGaps() {
        assertEquals(List.of(), tracker.observe("cab1", 40, "old", "medcab/zone-inventory/1", true));
        assertEquals(List.of(), see(100, "live"));
        assertEquals(List.of("DUPLICATE cab1: seq 40 id old seen before (a QoS 1 resend; drop it)"),
                tracker.observe("cab1", 40, "old", "medcab/zone-inventory/1", true));
        assertEquals(List.of("SUMMARY cab1: 3 messages, seq 40..100, 1 duplicates, 0 protocol violations, 0 late,"
                + " missing 0: none", "SUMMARY total: 1 gateway(s), 3 messages, 1 duplicates, 0 protocol violations, 0 missing"),
                tracker.summary());
    }
}
