package org.medcab.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.medcab.reader.protocol.LinkProfile;
import org.medcab.simulator.Scenario.Label;
import org.medcab.simulator.Vector3;

/** Slotted ALOHA and the Q algorithm of 8.3, slot by slot. */
class Gen2RoundTest {
    private static final SlotTimes D1 = SlotTimes.of(LinkProfile.D1);

    private static List<Gen2Round.Candidate> tags(int n) {
        List<Gen2Round.Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String epc = String.format("3000%020X", i);
            out.add(new Gen2Round.Candidate(new SimTag(epc, "Z", new Vector3(0, 0, 1), Label.FLAT, 0), -40));
        }
        return out;
    }

    @Test
    void anEmptyRoundWalksQfpDownByCUntilAnEmptySlotAtQZero() {
        Gen2Round round = new Gen2Round(new ArrayList<>(), D1, new SplittableRandom(1));
        assertEquals(4.0, round.qfp());
        double qfp = 4.0;
        long nanos = 0;
        List<Integer> qs = new ArrayList<>();
        while (!round.finished()) {
            Gen2Round.Slot s = round.next(t -> false);
            assertEquals(Gen2Round.Outcome.EMPTY, s.outcome());
            qfp = Math.max(0, qfp - 0.3);
            assertEquals(qfp, round.qfp(), 1e-9);
            qs.add(s.q());
            nanos += s.nanos();
        }
        // Q = round(Qfp): 4.0 3.7 | 3.4 3.1 2.8 2.5 | 2.2 1.9 1.6 | 1.3 1.0 0.7 | 0.4 -> ends on the empty slot at Q 0.
        assertEquals(List.of(4, 4, 3, 3, 3, 3, 2, 2, 2, 1, 1, 1, 0), qs);
        assertEquals(13 * 500_000L, nanos);
    }

    @Test
    void collisionsRaiseQfpByCEmptySlotsLowerItReadsLeaveIt() {
        List<Gen2Round.Candidate> candidates = tags(60);
        Gen2Round round = new Gen2Round(candidates, D1, new SplittableRandom(7));
        Set<String> read = new HashSet<>();
        int collisions = 0;
        while (!round.finished()) {
            double before = round.qfp();
            Gen2Round.Slot s = round.next(t -> false);
            switch (s.outcome()) {
                case COLLISION -> {
                    collisions++;
                    assertNull(s.tag(), "a collision reads nobody");
                    assertEquals(Math.min(15, before + 0.3), round.qfp(), 1e-9);
                    assertEquals(810_000, s.nanos());
                }
                case EMPTY -> {
                    assertEquals(Math.max(0, before - 0.3), round.qfp(), 1e-9);
                    assertEquals(500_000, s.nanos());
                }
                case READ -> {
                    assertEquals(before, round.qfp(), 1e-9);
                    assertTrue(read.add(s.tag().tag.epcHex), "a tag is read once per round");
                    assertEquals(3_900_000, s.nanos());
                }
                default -> throw new AssertionError("unexpected " + s);
            }
        }
        assertTrue(collisions > 10, "60 tags at Q 4 collide: " + collisions);
        assertEquals(read.size(), candidates.stream().filter(c -> c.read).count());
        assertTrue(read.size() >= 55, "a round reads most of 60 tags: " + read.size());
    }

    @Test
    void collidedTagsWaitForTheNextQueryAdjust() {
        SplittableRandom random = new SplittableRandom(3);
        int checkedRep = 0;
        int checkedAdjust = 0;
        for (int trial = 0; trial < 200 && (checkedRep < 20 || checkedAdjust < 20); trial++) {
            List<Gen2Round.Candidate> candidates = tags(12);
            Gen2Round round = new Gen2Round(candidates, D1, random);
            while (!round.finished()) {
                int q = round.q();
                Gen2Round.Slot s = round.next(t -> false);
                if (s.outcome() != Gen2Round.Outcome.COLLISION || round.finished()) {
                    continue;
                }
                List<Gen2Round.Candidate> unread = candidates.stream().filter(c -> !c.read).toList();
                if (round.q() == q) {
                    // QueryRep: the collided tags are out until slots are redrawn.
                    assertTrue(unread.stream().anyMatch(c -> c.waiting));
                    checkedRep++;
                } else {
                    // QueryAdjust: every unread tag, collided or not, has drawn a fresh slot.
                    assertTrue(unread.stream().noneMatch(c -> c.waiting));
                    assertTrue(unread.stream().allMatch(c -> c.counter >= 0 && c.counter < (1 << round.q())));
                    checkedAdjust++;
                }
            }
        }
        assertTrue(checkedRep >= 20 && checkedAdjust >= 20, checkedRep + " / " + checkedAdjust);
    }

    @Test
    void aRoundEndsAfter4096SlotsAtMost() {
        Gen2Round round = new Gen2Round(tags(6_000), D1, new SplittableRandom(11));
        int slots = 0;
        while (!round.finished()) {
            round.next(t -> false);
            slots++;
        }
        assertEquals(4096, slots);
        assertEquals(4096, round.slots());
        assertTrue(round.candidates().stream().anyMatch(c -> !c.read));
        assertTrue(round.qfp() <= 15.0);
    }

    @Test
    void aFailedSingulationReadsNobodyAndKeepsQfp() {
        Gen2Round round = new Gen2Round(tags(1), D1, new SplittableRandom(2));
        int interfered = 0;
        while (!round.finished()) {
            double before = round.qfp();
            Gen2Round.Slot s = round.next(t -> true);
            assertFalse(s.outcome() == Gen2Round.Outcome.READ);
            if (s.outcome() == Gen2Round.Outcome.INTERFERED) {
                interfered++;
                assertEquals(before, round.qfp(), 1e-9);
                assertEquals(3_900_000, s.nanos());
            }
        }
        assertTrue(interfered >= 1);
    }

    @Test
    void roundsEndOnlyOnAnEmptySlotAtQZeroOrTheCap() {
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 300; trial++) {
            Gen2Round round = new Gen2Round(tags(random.nextInt(40)), D1, random);
            Gen2Round.Slot last = null;
            while (!round.finished()) {
                last = round.next(t -> false);
            }
            assertEquals(0, last.q());
            assertTrue(last.outcome() == Gen2Round.Outcome.EMPTY || last.outcome() == Gen2Round.Outcome.UNDECODED);
        }
    }
}
