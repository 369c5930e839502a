package org.medcab.simulator.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.medcab.simulator.Scenario.Antenna;

/**
 * The radio world: every tag, and the rounds on the air right now. It draws each round's channel
 * (8.2: one fading value per tag per round), decides which tags take part, and applies the
 * interference of 8.5 between readers radiating at the same time. Guarded by the world lock.
 */
final class Cabinet {
    /** Antennas closer than this interfere (8.5). */
    static final double INTERFERENCE_DISTANCE_M = 6.0;
    /** Extra chance that a singulation fails per interfering reader (8.5). */
    static final double INTERFERENCE_FAILURE = 0.30;
    /**
     * A tag this far below wake-up gets no fading draw: 8 σ below, the chance it would wake is under
     * 1e-15, and skipping it keeps rounds cheap in a cabinet of thousands of tags.
     */
    static final double HOPELESS_MARGIN_DB = 8 * LinkBudget.FADING_SIGMA_DB;

    /** A round on the air: who radiates from where, and which tags its channel powers. */
    static final class RadioRound {
        final Object reader;
        final Antenna antenna;
        final Set<SimTag> powered;
        final Gen2Round round;

        RadioRound(Object reader, Antenna antenna, Set<SimTag> powered, Gen2Round round) {
            this.reader = reader;
            this.antenna = antenna;
            this.powered = powered;
            this.round = round;
        }
    }

    private final Map<String, SimTag> tags = new LinkedHashMap<>();
    private final List<RadioRound> onAir = new ArrayList<>();
    private final RandomGenerator random;

    Cabinet(RandomGenerator random) {
        this.random = random;
    }

    RandomGenerator random() {
        return random;
    }

    Collection<SimTag> tags() {
        return tags.values();
    }

    SimTag tag(String epcHex) {
        return tags.get(epcHex);
    }

    /** Adds a tag; false if its EPC is already in the cabinet. */
    boolean add(SimTag tag) {
        return tags.putIfAbsent(tag.epcHex, tag) == null;
    }

    SimTag remove(String epcHex) {
        SimTag t = tags.remove(epcHex);
        if (t != null) {
            t.present = false;
        }
        return t;
    }

    /**
     * Starts a round: draws the channel, powers tags, resets S0, and returns the round with the tags
     * whose flag for {@code session} equals {@code target}.
     */
    RadioRound startRound(Object reader, Antenna antenna, double txPowerDbm, double frequencyHz, int session, int target,
                          SlotTimes times, long now) {
        Set<SimTag> powered = new HashSet<>();
        List<Gen2Round.Candidate> candidates = new ArrayList<>();
        for (SimTag tag : tags.values()) {
            LinkBudget.Link link = LinkBudget.link(txPowerDbm, antenna.position(), antenna.boresight(), tag.position,
                    tag.label, tag.tiltDeg, frequencyHz);
            if (link.tagPowerDbm() < LinkBudget.WAKE_UP_DBM - HOPELESS_MARGIN_DB) {
                continue;
            }
            double faded = link.tagPowerDbm() + LinkBudget.FADING_SIGMA_DB * random.nextGaussian();
            if (LinkBudget.powered(faded)) {
                powered.add(tag);
                tag.powered(now);
                candidates.add(new Gen2Round.Candidate(tag, link.rssiDbm()));
            }
        }
        for (SimTag tag : tags.values()) {
            // Unpowered tags lose S0 at once; one powered only by another reader's round keeps it.
            if (powered.contains(tag) || !poweredByAnyRound(tag)) {
                tag.resetS0();
            }
        }
        candidates.removeIf(c -> c.tag.flag(session, now) != target);
        RadioRound r = new RadioRound(reader, antenna, powered, new Gen2Round(candidates, times, random));
        onAir.add(r);
        return r;
    }

    /**
     * A round on a port with no antenna (detector off): the reader goes through the motions, nothing
     * radiates and no tag answers.
     */
    RadioRound deadRound(Object reader, SlotTimes times) {
        return new RadioRound(reader, null, Set.of(), new Gen2Round(new ArrayList<>(), times, random));
    }

    void endRound(RadioRound r, long now) {
        for (SimTag tag : r.powered) {
            tag.powered(now);
        }
        onAir.remove(r);
    }

    /** 8.5: each other reader radiating nearby that also powers the tag fails the slot with 30 %. */
    boolean interferes(RadioRound r, SimTag tag) {
        for (RadioRound other : onAir) {
            if (other.reader != r.reader && other.powered.contains(tag)
                    && other.antenna.position().distanceTo(r.antenna.position()) < INTERFERENCE_DISTANCE_M
                    && random.nextDouble() < INTERFERENCE_FAILURE) {
                return true;
            }
        }
        return false;
    }

    private boolean poweredByAnyRound(SimTag tag) {
        for (RadioRound r : onAir) {
            if (r.powered.contains(tag)) {
                return true;
            }
        }
        return false;
    }
}
