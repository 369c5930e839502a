package org.medcab.simulator.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.medcab.reader.protocol.Frame;
import org.medcab.simulator.Scenario;
import org.medcab.simulator.Scenario.Label;
import org.medcab.simulator.Vector3;

/**
 * The simulated world without any I/O: the cabinet's tags, the readers, the line they share, and
 * the inventories in progress, advanced in simulated time. The serial side
 * ({@link org.medcab.simulator.Simulator}) feeds it requests and drains the line in real time;
 * tests drive it in simulated time without sleeping. Also interprets the control commands.
 */
public final class SimulatorCore {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorCore.class);

    /** What the control commands need from the serial side. */
    public interface LineSwitch {
        /** Close the line (true: a reader's adapter was unplugged) or open it again (false). */
        void unplugged(boolean unplugged);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition runsChanged = lock.newCondition();
    private final Cabinet cabinet;
    private final List<ReaderUnit> readers = new ArrayList<>();
    private final List<InventoryRun> runs = new ArrayList<>();
    private final Set<Integer> unplugged = new LinkedHashSet<>();
    private final LineFaults faults;
    private final Bus bus;
    private volatile LineSwitch lineSwitch = u -> {
    };

    public SimulatorCore(Scenario scenario, int baud, long seed) {
        this.cabinet = new Cabinet(new SplittableRandom(seed));
        this.faults = new LineFaults(seed);
        Scenario.Faults f = scenario.faults();
        faults.set(f.byteErrorRate(), f.truncateEvery(), f.badChecksumEvery());
        this.bus = new Bus(baud, faults);
        for (Scenario.Tag t : scenario.tags()) {
            cabinet.add(new SimTag(t.epc(), t.zone(), t.position(), t.label(), t.tiltDeg()));
        }
        for (Scenario.Reader r : scenario.readers()) {
            ReaderUnit unit = new ReaderUnit(r, scenario.linkProfile(), baud, cabinet, bus, this::startRun);
            unit.setSilent(f.silentReaders().contains(r.address()));
            readers.add(unit);
        }
        unplugged.addAll(f.unpluggedReaders());
    }

    Bus bus() {
        return bus;
    }

    LineFaults faults() {
        return faults;
    }

    public void setLineSwitch(LineSwitch lineSwitch) {
        this.lineSwitch = lineSwitch;
    }

    /** Whether the scenario or a control command has a reader's line unplugged. */
    public boolean unplugged() {
        lock.lock();
        try {
            return !unplugged.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** A request frame whose last byte arrived at simulated time {@code end}: every reader it addresses takes it. */
    public void onRequest(Frame request, long end) {
        lock.lock();
        try {
            // Inventories due before the request must have run first (tag flags, the air).
            advanceTo(end);
            boolean anyone = false;
            for (ReaderUnit r : readers) {
                if (r.addressedBy(request.address())) {
                    anyone = true;
                    r.onRequest(request, end);
                }
            }
            if (!anyone) {
                LOG.debug("no reader at address {}: {}", request.address(), request);
            }
        } finally {
            lock.unlock();
        }
    }

    private void startRun(InventoryRun run) {
        runs.add(run);
        runsChanged.signalAll();
    }

    /** Runs every inventory event due by simulated time {@code t}, in time order across readers. */
    public void advanceTo(long t) {
        lock.lock();
        try {
            while (true) {
                InventoryRun next = runs.stream().min(Comparator.comparingLong(InventoryRun::nextEventTime)).orElse(null);
                if (next == null || next.nextEventTime() > t) {
                    break;
                }
                next.step();
                if (next.done()) {
                    runs.remove(next);
                }
            }
            runs.removeIf(InventoryRun::done);
        } finally {
            lock.unlock();
        }
    }

    /** Simulated time of the next inventory event, or Long.MAX_VALUE. */
    public long nextEventTime() {
        lock.lock();
        try {
            return runs.stream().mapToLong(InventoryRun::nextEventTime).min().orElse(Long.MAX_VALUE);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} for a new inventory to start (real time). */
    public void awaitRuns(long nanos) throws InterruptedException {
        lock.lock();
        try {
            runsChanged.await(nanos, TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    /**
     * One control command (brief: silence, resume, remove, add, move; plus unplug, fault and status).
     *
     * @return one line starting with "ok " or "error "
     */
    public String control(String command) {
        String[] w = command.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            return "error empty command";
        }
        lock.lock();
        try {
            return switch (w[0].toLowerCase(Locale.ROOT)) {
                case "silence" -> silence(w, true);
                case "resume" -> silence(w, false);
                case "unplug" -> unplug(w);
                case "remove" -> remove(w);
                case "add" -> add(w);
                case "move" -> move(w);
                case "fault" -> fault(w);
                case "status" -> "ok " + status().replace('\n', ';');
                default -> "error unknown command '" + w[0]
                        + "' (silence, resume, unplug, remove, add, move, fault, status)";
            };
        } catch (IllegalArgumentException e) {
            return "error " + e.getMessage();
        } finally {
            lock.unlock();
        }
    }

    private ReaderUnit reader(String[] w, String usage) {
        if (w.length != 2) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        int address;
        try {
            address = Integer.decode(w[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an address: " + w[1]);
        }
        for (ReaderUnit r : readers) {
            if (r.address() == address) {
                return r;
            }
        }
        throw new IllegalArgumentException("no reader at address " + address);
    }

    private String silence(String[] w, boolean silent) {
        ReaderUnit r = reader(w, w[0] + " <address>");
        r.setSilent(silent);
        if (!silent && unplugged.remove(r.address()) && unplugged.isEmpty()) {
            lineSwitch.unplugged(false);
            LOG.info("{} plugged in again: serial line reopened", r);
        }
        LOG.info("{} {}", r, silent ? "silenced" : "resumed");
        return "ok " + (silent ? "silenced " : "resumed ") + r;
    }

    private String unplug(String[] w) {
        ReaderUnit r = reader(w, "unplug <address>");
        boolean first = unplugged.isEmpty();
        unplugged.add(r.address());
        if (first) {
            lineSwitch.unplugged(true);
        }
        LOG.info("{} unplugged: serial line closed", r);
        return "ok unplugged " + r + " (serial line closed until resume)";
    }

    private String remove(String[] w) {
        if (w.length != 2) {
            throw new IllegalArgumentException("usage: remove <epc>");
        }
        SimTag t = cabinet.remove(w[1].toUpperCase(Locale.ROOT));
        if (t == null) {
            throw new IllegalArgumentException("no tag " + w[1]);
        }
        return "ok removed " + t.epcHex + " from " + t.zone;
    }

    private String add(String[] w) {
        if (w.length < 6 || w.length > 8) {
            throw new IllegalArgumentException("usage: add <epc> <zone> <x> <y> <z> [flat|bent] [tiltDeg]");
        }
        String epc = w[1].toUpperCase(Locale.ROOT);
        String problem = ScenarioJson.epcProblem(epc);
        if (problem != null) {
            throw new IllegalArgumentException("epc " + problem);
        }
        Vector3 at = point(w, 3);
        Label label = w.length > 6 ? ScenarioJson.parseLabel(w[6]) : Label.FLAT;
        if (label == null) {
            throw new IllegalArgumentException("unknown label shape '" + w[6] + "', must be flat or bent");
        }
        double tilt = w.length > 7 ? number(w[7]) : 0;
        if (tilt < 0 || tilt > 90) {
            throw new IllegalArgumentException("tiltDeg must be 0..90: " + w[7]);
        }
        if (!cabinet.add(new SimTag(epc, w[2], at, label, tilt))) {
            throw new IllegalArgumentException("tag " + epc + " is already in the cabinet");
        }
        return "ok added " + epc + " to " + w[2] + " at " + at;
    }

    private String move(String[] w) {
        if (w.length != 5) {
            throw new IllegalArgumentException("usage: move <epc> <x> <y> <z>");
        }
        SimTag t = cabinet.tag(w[1].toUpperCase(Locale.ROOT));
        if (t == null) {
            throw new IllegalArgumentException("no tag " + w[1]);
        }
        t.position = point(w, 2);
        return "ok moved " + t.epcHex + " to " + t.position;
    }

    private String fault(String[] w) {
        if (w.length != 3) {
            throw new IllegalArgumentException("usage: fault byteErrorRate|truncateEvery|badChecksumEvery <value>");
        }
        double rate = faults.byteErrorRate();
        int truncate = faults.truncateEvery();
        int checksum = faults.badChecksumEvery();
        switch (w[1]) {
            case "byteErrorRate" -> rate = number(w[2]);
            case "truncateEvery" -> truncate = (int) whole(w[2]);
            case "badChecksumEvery" -> checksum = (int) whole(w[2]);
            default -> throw new IllegalArgumentException("unknown fault " + w[1]
                    + " (byteErrorRate, truncateEvery, badChecksumEvery)");
        }
        faults.set(rate, truncate, checksum);
        LOG.info("{}", faults.summary());
        return "ok " + faults.summary();
    }

    private static Vector3 point(String[] w, int from) {
        return new Vector3(number(w[from]), number(w[from + 1]), number(w[from + 2]));
    }

    private static double number(String s) {
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a number: " + s);
    }

    private static long whole(String s) {
        double d = number(s);
        if (d != Math.rint(d) || d < 0) {
            throw new IllegalArgumentException("not a count: " + s);
        }
        return (long) d;
    }

    /** Counters of every reader, the line and the faults, one item per line. */
    public String status() {
        lock.lock();
        try {
            return readers.stream().map(ReaderUnit::status).collect(Collectors.joining("\n")) + "\n" + bus.summary()
                    + (unplugged.isEmpty() ? "" : ", UNPLUGGED by " + unplugged) + "\n" + faults.summary() + "\ntags "
                    + cabinet.tags().size();
        } finally {
            lock.unlock();
        }
    }
}
