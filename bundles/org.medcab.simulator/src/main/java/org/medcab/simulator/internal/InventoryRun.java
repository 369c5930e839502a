package org.medcab.simulator.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.medcab.reader.protocol.Command;
import org.medcab.simulator.Scenario.Antenna;

/**
 * One inventory command in progress (0x89, 0x8B, 0x8A or 0x80): a sequence of legs, each a number
 * of rounds on one antenna, stepped one event (round start or slot) at a time in simulated time.
 * Tag records are handed to the reader the moment the slot that read the tag ends.
 */
final class InventoryRun {
    /**
     * Rounds on one antenna.
     *
     * @param rfOffBeforeNanos RF off before the leg (0x8A interval) plus the antenna switch, if any
     */
    record Leg(int antenna, int rounds, long rfOffBeforeNanos) {
    }

    /** What the run reports to its reader. */
    interface Sink {
        void tagRead(InventoryRun run, int antenna, SimTag tag, double rssiDbm, FrequencyPlan.Channel channel, long time);

        void antennaMissing(InventoryRun run, int antenna, long time);

        void finished(InventoryRun run, long time);
    }

    /** Everything about the reader a round needs at the moment it starts (the gateway may change power between commands). */
    interface Radio {
        Antenna antenna(int port);

        boolean antennaDetectorOn();

        double powerDbm(int port);

        FrequencyPlan.Channel hop();

        SlotTimes slotTimes();
    }

    final Command command;
    final int session;
    final int target;
    final long startTime;
    private final Object reader;
    private final Radio radio;
    private final Sink sink;
    private final Cabinet cabinet;
    private final List<Leg> legs;
    private final Set<String> uniqueEpcs = new HashSet<>();
    private long time;
    private int legIndex;
    private int roundsDone;
    private boolean legStarted;
    private Cabinet.RadioRound current;
    private FrequencyPlan.Channel channel;
    private long totalReads;
    private int rounds;
    private int collisions;
    private boolean done;

    InventoryRun(Command command, int session, int target, List<Leg> legs, long startTime, Object reader, Radio radio,
                 Cabinet cabinet, Sink sink) {
        this.command = command;
        this.session = session;
        this.target = target;
        this.legs = List.copyOf(legs);
        this.startTime = startTime;
        this.time = startTime;
        this.reader = reader;
        this.radio = radio;
        this.cabinet = cabinet;
        this.sink = sink;
    }

    /** Simulated time of the next event, or Long.MAX_VALUE when done. */
    long nextEventTime() {
        return done ? Long.MAX_VALUE : time;
    }

    boolean done() {
        return done;
    }

    long totalReads() {
        return totalReads;
    }

    int uniqueTags() {
        return uniqueEpcs.size();
    }

    int rounds() {
        return rounds;
    }

    int collisions() {
        return collisions;
    }

    /** The antenna of the first leg: what a 0x89/0x8B/0x80 summary reports. */
    int firstAntenna() {
        return legs.isEmpty() ? 0 : legs.get(0).antenna();
    }

    long durationNanos() {
        return time - startTime;
    }

    /** Runs the event due at {@link #nextEventTime()}. */
    void step() {
        if (done) {
            return;
        }
        if (current == null) {
            startNext();
            return;
        }
        Gen2Round.Slot slot = current.round.next(tag -> cabinet.interferes(current, tag));
        time += slot.nanos();
        switch (slot.outcome()) {
            case READ -> {
                SimTag tag = slot.tag().tag;
                tag.inventoried(session, time);
                totalReads++;
                uniqueEpcs.add(tag.epcHex);
                sink.tagRead(this, legs.get(legIndex).antenna(), tag, slot.rssiDbm(), channel, time);
            }
            case COLLISION -> collisions++;
            default -> {
            }
        }
        if (current.round.finished()) {
            cabinet.endRound(current, time);
            current = null;
            rounds++;
            roundsDone++;
            if (roundsDone >= legs.get(legIndex).rounds()) {
                nextLeg();
            }
        }
    }

    private void startNext() {
        if (legIndex >= legs.size()) {
            done = true;
            sink.finished(this, time);
            return;
        }
        Leg leg = legs.get(legIndex);
        if (!legStarted) {
            legStarted = true;
            if (leg.rfOffBeforeNanos() > 0) {
                time += leg.rfOffBeforeNanos();
                return;
            }
        }
        Antenna antenna = radio.antenna(leg.antenna());
        if (antenna == null && radio.antennaDetectorOn()) {
            sink.antennaMissing(this, leg.antenna(), time);
            nextLeg();
            return;
        }
        channel = radio.hop();
        current = antenna == null
                ? cabinet.deadRound(reader, radio.slotTimes())
                : cabinet.startRound(reader, antenna, radio.powerDbm(leg.antenna()), channel.hertz(), session, target,
                        radio.slotTimes(), time);
        time += SlotTimes.ROUND_OVERHEAD_NANOS;
    }

    private void nextLeg() {
        legIndex++;
        roundsDone = 0;
        legStarted = false;
    }

    /** Stops at once (the reader was reset or silenced): the round leaves the air, nothing more is reported. */
    void abort() {
        if (current != null) {
            cabinet.endRound(current, time);
            current = null;
        }
        done = true;
    }
}
