package org.medcab.inventory.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.medcab.api.ReaderHealth;
import org.medcab.api.TagObservation;
import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.inventory.CycleReport;
import org.medcab.rs485.AntennaRead;
import org.medcab.rs485.InventoryRequest;
import org.medcab.rs485.ReaderUnavailableException;
import org.medcab.rs485.RfidReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory event cycles over every reader antenna of the cabinet (the EPCglobal ALE idea: a cycle
 * has a boundary and reports the current set plus additions and deletions against the previous one).
 * Plain Java: construct it with the readers and {@link InventorySettings}, call {@link #runCycle()}.
 *
 * <p>A cycle is a series of passes; a pass runs one inventory command on every antenna, reader by
 * reader, antenna by antenna, never two at once. Every read updates the item's smoothed RSSI at that
 * antenna ({@link RssiSmoother}) at once, so after each pass every item has a leading zone: the zone
 * whose antennas, among those that read it this cycle, have its strongest smoothed RSSI. The cycle is
 * stable, and ends, when
 * <ul>
 * <li>{@code stablePasses} consecutive passes brought no EPC new to the cycle and changed no item's
 * leading zone (at least {@code stablePasses + 1} passes ran): an item between two zones gets more
 * reads before anything is concluded about it, and once the averages of an item that really moved
 * cross, the cycle goes on until they have settled on their new side; and</li>
 * <li>every item not yet placed in a zone has a leading zone that beats the next zone by at least
 * {@code placementConfidence} standard errors of the difference of the two smoothed values (see
 * {@link #noiseDb}), unless a reader failed this cycle (new items cannot be placed then anyway).</li>
 * </ul>
 * or at {@code maxCycleMillis} whatever the state. Then every item is settled into one zone by
 * {@link ZoneArbiter}.
 *
 * <p>Readers may be added and removed at any time from any thread. A cycle during which the set of
 * readers changes is discarded ({@link CycleDiscardedException}): it neither reports nor changes the
 * inventory's state, because a zone not looked at by every reader that watches it, or a reader whose
 * neighbours already counted without it, would make counts wrong. {@link #awaitSettledReaders} lets a
 * caller wait until the readers have stopped changing before the next cycle. A removed reader's zones
 * leave the report; its items stay held and are not handed to neighbours. The state (zones, smoothed
 * RSSI) lives in memory.
 */
public final class InventoryEngine {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryEngine.class);

    /** Per-read RSSI spread assumed before a cycle's own reads say otherwise (the simulator's pinned figure). */
    private static final double PRIOR_NOISE_DB = 2.0;
    /** How many degrees of freedom that assumption weighs against the cycle's reads. */
    private static final int PRIOR_DEGREES_OF_FREEDOM = 30;

    private final Clock clock;
    private final LongSupplier monotonicMillis;
    private volatile InventorySettings settings;

    private final Object readersLock = new Object();
    /** Guarded by readersLock. Identity matters, not equals: each service object is one reader. */
    private final List<RfidReader> readers = new ArrayList<>();
    /** Guarded by readersLock: additions and removals so far, and System.nanoTime() of the latest. */
    private long readerChanges;
    private long readersChangedAtNanos = System.nanoTime();

    /** Serialises cycles, so two callers can never make two readers transmit at once. */
    private final Object cycleLock = new Object();
    /* Guarded by cycleLock: */
    private RssiSmoother rssi = new RssiSmoother();
    private final ZoneArbiter arbiter = new ZoneArbiter();
    private final Set<String> offlineReaders = new HashSet<>();
    /** EPCs new to the cabinet that the previous cycle read only once: a second read in this cycle admits them. */
    private Set<String> readOnceBefore = Set.of();
    private long cycle;

    public InventoryEngine(Collection<? extends RfidReader> readers, InventorySettings settings) {
        // Cycles are timed on the monotonic clock: a gateway without a real-time clock jumps its wall
        // clock when NTP first syncs, which must not end (or stretch) a cycle.
        this(readers, settings, Clock.systemUTC(), () -> System.nanoTime() / 1_000_000);
    }

    /**
     * As above, with the wall clock that stamps cycle starts and the monotonic millisecond counter
     * that times them (tests pass controlled ones).
     */
    InventoryEngine(Collection<? extends RfidReader> readers, InventorySettings settings, Clock clock,
                    LongSupplier monotonicMillis) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.monotonicMillis = Objects.requireNonNull(monotonicMillis, "monotonicMillis");
        readers.forEach(this::addReader);
    }

    /** Adds a reader; it takes part from the next cycle on. */
    public void addReader(RfidReader reader) {
        Objects.requireNonNull(reader, "reader");
        synchronized (readersLock) {
            if (readers.stream().anyMatch(r -> r == reader)) {
                return;
            }
            String id = reader.id();
            if (readers.stream().anyMatch(r -> r.id().equals(id))) {
                LOG.error("two readers are configured with id {}: the second is ignored while the first is present", id);
            }
            readers.add(reader);
            readersChanged();
        }
    }

    /** Removes a reader; it is not called again, a cycle under way is discarded, and its zones leave the report. */
    public void removeReader(RfidReader reader) {
        synchronized (readersLock) {
            if (readers.removeIf(r -> r == reader)) {
                readersChanged();
            }
        }
    }

    private void readersChanged() {
        readerChanges++;
        readersChangedAtNanos = System.nanoTime();
        readersLock.notifyAll();
    }

    public boolean hasReaders() {
        synchronized (readersLock) {
            return !readers.isEmpty();
        }
    }

    /**
     * Blocks until at least one reader is present and the set of readers has been unchanged for
     * {@code settleMillis} (real time, whatever clocks the engine was given).
     */
    public void awaitSettledReaders(long settleMillis) throws InterruptedException {
        long settleNanos = TimeUnit.MILLISECONDS.toNanos(settleMillis);
        synchronized (readersLock) {
            while (true) {
                if (readers.isEmpty()) {
                    readersLock.wait();
                    continue;
                }
                long remaining = settleNanos - (System.nanoTime() - readersChangedAtNanos);
                if (remaining <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(readersLock, remaining);
            }
        }
    }

    public InventorySettings settings() {
        return settings;
    }

    /** New settings take effect at the next cycle; smoothed RSSI and zone assignments are kept. */
    public void updateSettings(InventorySettings newSettings) {
        this.settings = Objects.requireNonNull(newSettings, "settings");
    }

    /** One reader as this cycle sees it: its antennas in port order and the zone each watches. */
    private record ReaderPlan(RfidReader reader, String id, SortedMap<Integer, String> zonesByAntenna) {
        SortedSet<String> zones() {
            return new TreeSet<>(zonesByAntenna.values());
        }
    }

    /** Why a reader's zones are UNKNOWN this cycle: it failed (offline). */
    private record Failure(String reason, Throwable cause) {
    }

    /** The readers a cycle starts with: what it asks, and what it compares with at the end. */
    private record Readers(List<RfidReader> present, long changes) {
    }

    /**
     * Runs one full cycle synchronously and returns its report. Safe to call from any thread; cycles
     * never overlap.
     *
     * @throws InterruptedException when the calling thread is interrupted, even during the cycle's
     *         last command; the cycle is then dropped without touching the inventory's state
     * @throws CycleDiscardedException when a reader was added or removed during the cycle; the cycle
     *         is dropped without touching the inventory's state
     */
    public CycleReport runCycle() throws InterruptedException {
        synchronized (cycleLock) {
            InventorySettings s = settings;
            InventoryRequest request = s.request();
            Readers startedWith;
            synchronized (readersLock) {
                startedWith = new Readers(List.copyOf(readers), readerChanges);
            }
            List<ReaderPlan> plan = plan(startedWith.present());
            Instant started = clock.instant();
            long startMillis = monotonicMillis.getAsLong();

            Map<Antenna, String> zoneOfAntenna = zoneOfAntenna(plan);
            // The cycle works on a copy, so a cycle dropped half-way leaves the averages as they were.
            CycleReads reads = new CycleReads(rssi.copy(), s.rssiSmoothing());
            Map<String, Failure> failures = new LinkedHashMap<>();
            Map<String, String> leading = Map.of();
            int passes = 0;
            int quietPasses = 0;
            boolean stable = false;
            passes:
            while (true) {
                if (passes > 0 && monotonicMillis.getAsLong() - startMillis >= s.maxCycleMillis()) {
                    break;
                }
                passes++;
                boolean newEpc = false;
                for (ReaderPlan reader : plan) {
                    for (int antenna : reader.zonesByAntenna().keySet()) {
                        // The first pass always completes: every antenna must look once, or its zone
                        // would report as emptied.
                        if (passes > 1 && monotonicMillis.getAsLong() - startMillis >= s.maxCycleMillis()) {
                            break passes;
                        }
                        if (Thread.interrupted()) {
                            throw new InterruptedException("inventory cycle interrupted");
                        }
                        checkReadersUnchanged(startedWith);
                        if (failures.containsKey(reader.id())) {
                            // Its zones are UNKNOWN for this cycle whatever later reads show: skip it
                            // for the rest of the cycle to keep the cycle short.
                            break;
                        }
                        AntennaRead read = inventory(reader, antenna, request, failures);
                        if (read != null) {
                            newEpc |= reads.add(new Antenna(reader.id(), antenna), read);
                        }
                    }
                }
                Map<String, Map<String, Score>> scores = reads.scores(zoneOfAntenna);
                Map<String, String> nowLeading = new HashMap<>();
                scores.forEach((epc, byZone) -> nowLeading.put(epc, ZoneArbiter.strongest(dbm(byZone))));
                boolean leaderChanged = leading.entrySet().stream()
                        .anyMatch(e -> !e.getValue().equals(nowLeading.get(e.getKey())));
                leading = nowLeading;
                quietPasses = newEpc || leaderChanged ? 0 : quietPasses + 1;
                if (quietPasses >= s.stablePasses() && passes > s.stablePasses()
                        && (!failures.isEmpty() || undecided(scores, reads, s) == 0)) {
                    stable = true;
                    break;
                }
            }
            // A stop or a reader change during the last command (a reader gone with its bus fails
            // at once) cuts this cycle as much as one earlier on.
            if (Thread.interrupted()) {
                throw new InterruptedException("inventory cycle interrupted");
            }
            checkReadersUnchanged(startedWith);
            Duration duration = Duration.ofMillis(monotonicMillis.getAsLong() - startMillis);
            return commit(s, plan, zoneOfAntenna, reads, failures, started, duration, passes, stable);
        }
    }

    /** Runs one antenna command; on failure records it and returns null. */
    private AntennaRead inventory(ReaderPlan reader, int antenna, InventoryRequest request,
                                  Map<String, Failure> failures) throws InterruptedException {
        try {
            AntennaRead read = reader.reader().inventory(antenna, request);
            if (read == null) {
                throw new IllegalStateException("inventory returned null");
            }
            return read;
        } catch (ReaderUnavailableException e) {
            stopIfInterrupted(e);
            failures.put(reader.id(), new Failure(e.getMessage(), null));
        } catch (RuntimeException e) {
            stopIfInterrupted(e);
            // A driver bug, not a radio problem: keep its stack trace for whoever fixes it.
            failures.put(reader.id(), new Failure("failed unexpectedly: " + e, e));
        }
        return null;
    }

    /** A reader interrupted by our own shutdown is not offline: stop the cycle instead. */
    private static void stopIfInterrupted(Exception e) throws InterruptedException {
        if (Thread.interrupted()) {
            InterruptedException stop = new InterruptedException("inventory cycle interrupted");
            stop.initCause(e);
            throw stop;
        }
    }

    /** Discards the cycle when a reader was added or removed since it started. */
    private void checkReadersUnchanged(Readers startedWith) {
        List<RfidReader> now;
        synchronized (readersLock) {
            if (readerChanges == startedWith.changes()) {
                return;
            }
            now = List.copyOf(readers);
        }
        List<String> changes = new ArrayList<>();
        startedWith.present().stream().filter(r -> now.stream().noneMatch(n -> n == r))
                .forEach(r -> changes.add(idOf(r) + " removed"));
        now.stream().filter(n -> startedWith.present().stream().noneMatch(r -> r == n))
                .forEach(n -> changes.add(idOf(n) + " added"));
        if (changes.isEmpty()) {
            changes.add("removed and added again"); // the same reader went and came back
        }
        String message = "cycle " + (cycle + 1) + " discarded: readers changed (" + String.join(", ", changes) + ")";
        LOG.info("{}", message);
        throw new CycleDiscardedException(message);
    }

    private static String idOf(RfidReader reader) {
        try {
            return reader.id();
        } catch (RuntimeException e) {
            return String.valueOf(reader);
        }
    }

    private List<ReaderPlan> plan(List<RfidReader> present) {
        Map<String, ReaderPlan> byId = new TreeMap<>();
        for (RfidReader reader : present) {
            try {
                String id = reader.id();
                if (byId.containsKey(id)) {
                    continue; // duplicate id, reported when it was added
                }
                SortedMap<Integer, String> zones = new TreeMap<>();
                Map<Integer, String> configured = reader.zonesByAntenna();
                if (configured != null) {
                    configured.forEach((antenna, zone) -> {
                        if (antenna != null && antenna >= 0 && zone != null && !zone.isBlank()) {
                            zones.put(antenna, zone);
                        } else {
                            LOG.error("reader {}: antenna {} with zone '{}' ignored", id, antenna, zone);
                        }
                    });
                }
                byId.put(id, new ReaderPlan(reader, id, zones));
            } catch (RuntimeException e) {
                LOG.error("reader left out of this cycle: it failed to say its id or zones", e);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static Map<Antenna, String> zoneOfAntenna(List<ReaderPlan> plan) {
        Map<Antenna, String> zoneOfAntenna = new HashMap<>();
        for (ReaderPlan reader : plan) {
            reader.zonesByAntenna().forEach((port, zone) -> zoneOfAntenna.put(new Antenna(reader.id(), port), zone));
        }
        return zoneOfAntenna;
    }

    /** A zone's standing for one item: its antenna with the strongest smoothed RSSI, and how sure that value is. */
    private record Score(double dbm, double varianceFactor) {
    }

    private static Map<String, Double> dbm(Map<String, Score> byZone) {
        Map<String, Double> dbm = new HashMap<>();
        byZone.forEach((zone, score) -> dbm.put(zone, score.dbm()));
        return dbm;
    }

    /**
     * Per-read RSSI spread σ (dB) the confidence rule assumes: the spread of this cycle's reads of each
     * item at each antenna around their own mean, pooled over the cabinet (hundreds of degrees of
     * freedom in a stocked cabinet, so it follows the installation's real noise), starting from
     * {@value #PRIOR_NOISE_DB} dB counted as {@value #PRIOR_DEGREES_OF_FREEDOM} degrees of freedom, so
     * that the few reads of a nearly empty cabinet cannot make the radio look quieter than it is.
     */
    private static double noiseDb(CycleReads reads) {
        double priorSquares = PRIOR_DEGREES_OF_FREEDOM * PRIOR_NOISE_DB * PRIOR_NOISE_DB;
        return Math.sqrt((priorSquares + reads.spreadSquares) / (PRIOR_DEGREES_OF_FREEDOM + reads.spreadDegreesOfFreedom));
    }

    /**
     * Items not yet placed in a zone whose leading zone does not yet beat the next one by
     * {@code placementConfidence} standard errors: σ·√(v_leader + v_next), v being each smoothed
     * value's variance factor. With σ = 2 dB and one read per antenna and pass, an item whose zones
     * differ by 2.3 dB on average is decided after 8 passes on average (99 % within 24), and is then in
     * the wrong zone in about 3 cases in 10,000, against 1 in 37 without this rule (measured over
     * 20,000 seeds of the scene in PlacementConfidenceTest).
     */
    private int undecided(Map<String, Map<String, Score>> scores, CycleReads reads, InventorySettings s) {
        double k = s.placementConfidence();
        if (k == 0) {
            return 0;
        }
        double noiseDb = noiseDb(reads);
        int undecided = 0;
        for (Map.Entry<String, Map<String, Score>> item : scores.entrySet()) {
            if (!arbiter.isPlaced(item.getKey()) && !decided(item.getValue(), noiseDb, k)) {
                undecided++;
            }
        }
        return undecided;
    }

    private static boolean decided(Map<String, Score> byZone, double noiseDb, double k) {
        String leader = ZoneArbiter.strongest(dbm(byZone));
        Score lead = byZone.get(leader);
        Score next = null;
        for (Map.Entry<String, Score> zone : byZone.entrySet()) {
            if (!zone.getKey().equals(leader) && (next == null || zone.getValue().dbm() > next.dbm())) {
                next = zone.getValue();
            }
        }
        return next == null
                || lead.dbm() - next.dbm() >= k * noiseDb * Math.sqrt(lead.varianceFactor() + next.varianceFactor());
    }

    private CycleReport commit(InventorySettings s, List<ReaderPlan> plan, Map<Antenna, String> zoneOfAntenna,
                               CycleReads reads, Map<String, Failure> failures, Instant started, Duration duration,
                               int passes, boolean stable) {
        Map<String, Map<String, Score>> scores = reads.scores(zoneOfAntenna);
        int undecided = failures.isEmpty() ? undecided(scores, reads, s) : 0;
        rssi = reads.smoother;

        Set<String> covered = new HashSet<>();
        Set<String> unknown = new HashSet<>();
        for (ReaderPlan reader : plan) {
            covered.addAll(reader.zonesByAntenna().values());
            if (failures.containsKey(reader.id())) {
                unknown.addAll(reader.zonesByAntenna().values());
            }
        }

        // A reply frame's one-byte checksum lets about one damaged frame in 256 through, and a damaged EPC is
        // read once and never again: an EPC new to the cabinet must be read twice (in this cycle, or once here and
        // once in the previous cycle) before it is an item. Items already in the cabinet need no such proof.
        Set<String> readOnce = new HashSet<>();
        Map<String, Map<String, Double>> dbm = new HashMap<>();
        Set<String> inCabinet = arbiter.items();
        scores.forEach((epc, byZone) -> {
            if (!inCabinet.contains(epc) && reads.readsOf(epc) < 2 && !readOnceBefore.contains(epc)) {
                readOnce.add(epc);
            } else {
                dbm.put(epc, dbm(byZone));
            }
        });
        if (!readOnce.isEmpty()) {
            LOG.info("{} EPC(s) new to the cabinet read only once this cycle wait for a second read: {}",
                    readOnce.size(), readOnce.size() <= 5 ? readOnce : readOnce.size() + " EPCs");
        }
        readOnceBefore = readOnce;
        List<ZoneInventory> zones = arbiter.settle(dbm, covered, unknown, s.hysteresisDb());

        Set<String> keep = new HashSet<>(arbiter.items());
        keep.addAll(scores.keySet());
        rssi.retainOnly(keep);

        cycle++;
        logReaderChanges(plan, failures);
        List<ReaderHealth> health = health(plan);
        CycleReport report = new CycleReport(cycle, started, duration, passes, stable, zones, health);
        logCycle(report, undecided);
        return report;
    }

    private void logReaderChanges(List<ReaderPlan> plan, Map<String, Failure> failures) {
        Set<String> inPlan = new HashSet<>();
        for (ReaderPlan reader : plan) {
            inPlan.add(reader.id());
            String zones = String.join(", ", reader.zones());
            Failure failure = failures.get(reader.id());
            if (failure != null && offlineReaders.add(reader.id())) {
                if (failure.cause() != null) {
                    LOG.warn("reader {} offline: zones {} unknown ({})", reader.id(), zones, failure.reason(), failure.cause());
                } else {
                    LOG.warn("reader {} offline: zones {} unknown ({})", reader.id(), zones, failure.reason());
                }
            } else if (failure != null) {
                LOG.debug("reader {} still offline: {}", reader.id(), failure.reason());
            } else if (offlineReaders.remove(reader.id())) {
                LOG.info("reader {} back online: zones {} known again", reader.id(), zones);
            }
        }
        offlineReaders.retainAll(inPlan);
    }

    private static List<ReaderHealth> health(List<ReaderPlan> plan) {
        List<ReaderHealth> health = new ArrayList<>();
        for (ReaderPlan reader : plan) {
            try {
                ReaderHealth h = reader.reader().health();
                if (h != null) {
                    health.add(h);
                } else {
                    LOG.error("reader {} reported no health", reader.id());
                }
            } catch (RuntimeException e) {
                LOG.error("reader {} failed to report its health", reader.id(), e);
            }
        }
        health.sort(Comparator.comparing(ReaderHealth::readerId));
        return health;
    }

    private static void logCycle(CycleReport report, int undecided) {
        int items = 0;
        int added = 0;
        int removed = 0;
        List<String> unknownZones = new ArrayList<>();
        for (ZoneInventory zone : report.zones()) {
            items += zone.items().size();
            added += zone.added().size();
            removed += zone.removed().size();
            if (zone.state() == ZoneState.UNKNOWN) {
                unknownZones.add(zone.zone());
            }
        }
        StringBuilder line = new StringBuilder()
                .append("cycle ").append(report.cycle()).append(": ")
                .append(items).append(" items in ").append(report.zones().size()).append(" zones, ")
                .append(report.passes()).append(" passes, ")
                .append(report.stable() ? "stable" : "time limit").append(", ")
                .append(report.duration().toMillis()).append(" ms, +").append(added).append(" -").append(removed);
        if (!unknownZones.isEmpty()) {
            line.append(", unknown: ").append(String.join(", ", unknownZones));
        }
        if (undecided > 0) {
            // Only at the time limit: the cycle waits for them otherwise.
            line.append(", ").append(undecided).append(" new items placed before their zone was certain");
        }
        LOG.info("{}", line);
    }

    /** What the antennas read during one cycle, and the smoothed RSSI as it stands with those reads. */
    private static final class CycleReads {
        /** The spread of one item's reads at one antenna in this cycle (Welford's running sums). */
        private static final class Spread {
            long reads;
            double mean;
            double squares;
        }

        final RssiSmoother smoother;
        private final double alpha;
        final Map<String, Map<Antenna, Spread>> byEpc = new HashMap<>();
        double spreadSquares;
        long spreadDegreesOfFreedom;

        CycleReads(RssiSmoother smoother, double alpha) {
            this.smoother = smoother;
            this.alpha = alpha;
        }

        /** Returns true when the read brought an EPC not yet seen in this cycle. */
        boolean add(Antenna antenna, AntennaRead read) {
            boolean newEpc = false;
            for (TagObservation observation : read.observations()) {
                String epc = epc(observation, antenna);
                if (epc == null) {
                    continue;
                }
                Map<Antenna, Spread> antennas = byEpc.get(epc);
                if (antennas == null) {
                    antennas = new HashMap<>();
                    byEpc.put(epc, antennas);
                    newEpc = true;
                }
                // The command ran on this antenna; attribute the read to it, as the reader did.
                int rssiDbm = observation.rssiDbm();
                smoother.add(epc, antenna, rssiDbm, alpha);
                Spread spread = antennas.computeIfAbsent(antenna, a -> new Spread());
                spread.reads++;
                double before = spread.squares;
                double delta = rssiDbm - spread.mean;
                spread.mean += delta / spread.reads;
                spread.squares += delta * (rssiDbm - spread.mean);
                spreadSquares += spread.squares - before;
                if (spread.reads > 1) {
                    spreadDegreesOfFreedom++;
                }
            }
            return newEpc;
        }

        /** How often this cycle's antennas read the EPC, all antennas together. */
        long readsOf(String epc) {
            Map<Antenna, Spread> antennas = byEpc.get(epc);
            return antennas == null ? 0 : antennas.values().stream().mapToLong(a -> a.reads).sum();
        }

        /** For every item read this cycle: each zone whose antennas read it, with its strongest antenna's standing. */
        Map<String, Map<String, Score>> scores(Map<Antenna, String> zoneOfAntenna) {
            Map<String, Map<String, Score>> scores = new HashMap<>();
            byEpc.forEach((epc, antennas) -> {
                Map<String, Score> byZone = new HashMap<>();
                for (Antenna antenna : antennas.keySet()) {
                    Score score = new Score(smoother.smoothed(epc, antenna), smoother.varianceFactor(epc, antenna));
                    byZone.merge(zoneOfAntenna.get(antenna), score, (a, b) -> b.dbm() > a.dbm() ? b : a);
                }
                scores.put(epc, byZone);
            });
            return scores;
        }

        private static String epc(TagObservation observation, Antenna antenna) {
            String epc = observation == null ? null : observation.epc();
            if (epc == null || epc.isEmpty() || epc.length() % 2 != 0 || !isHex(epc)) {
                LOG.warn("antenna {}: read with malformed EPC '{}' ignored", antenna, epc);
                return null;
            }
            return epc.toUpperCase(Locale.ROOT);
        }

        private static boolean isHex(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                    return false;
                }
            }
            return true;
        }
    }
}
