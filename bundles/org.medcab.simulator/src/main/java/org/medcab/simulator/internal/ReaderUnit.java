package org.medcab.simulator.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.medcab.reader.protocol.AntennaError;
import org.medcab.reader.protocol.BufferedInventorySummary;
import org.medcab.reader.protocol.BufferedTagRecord;
import org.medcab.reader.protocol.Command;
import org.medcab.reader.protocol.ErrorCode;
import org.medcab.reader.protocol.ErrorReply;
import org.medcab.reader.protocol.FastSwitchSlot;
import org.medcab.reader.protocol.FastSwitchSummary;
import org.medcab.reader.protocol.FirmwareVersion;
import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.FrequencyRegion;
import org.medcab.reader.protocol.GpioLevels;
import org.medcab.reader.protocol.InventorySummary;
import org.medcab.reader.protocol.LinkProfile;
import org.medcab.reader.protocol.MalformedFrameException;
import org.medcab.reader.protocol.OutputPower;
import org.medcab.reader.protocol.Replies;
import org.medcab.reader.protocol.Request;
import org.medcab.reader.protocol.TagRecord;
import org.medcab.simulator.Scenario;
import org.medcab.simulator.Scenario.Antenna;

/**
 * One emulated R2000 reader: its settings, its tag buffer, and its answers to every command of
 * sections 2 and 3 the gateway uses, timed per 8.3 and 8.4. Guarded by the world lock.
 */
final class ReaderUnit implements InventoryRun.Radio, InventoryRun.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderUnit.class);

    /** 8.4: no answer sooner than this after the request's last byte. */
    static final long TURNAROUND_NANOS = 1_000_000;
    /** Commands that write flash take more than 100 ms (spec section 2, [1: Java SDK]). */
    static final long FLASH_WRITE_NANOS = 110_000_000;
    /** A reset reader is deaf while it boots; no source gives a figure [inf]. */
    static final long BOOT_NANOS = 200_000_000;
    static final FirmwareVersion FIRMWARE = new FirmwareVersion(8, 1);
    /** The antenna detector's return-loss threshold at power-up: on, so an empty port answers 0x22. */
    static final int DEFAULT_DETECTOR_DB = 3;
    static final int TEMPERATURE_CELSIUS = 32;

    final Scenario.Reader spec;
    private final Map<Integer, Antenna> antennas = new LinkedHashMap<>();
    private final Cabinet cabinet;
    private final Bus bus;
    private final Bus.Uart uart;
    private final int lineBaud;
    private final Consumer<InventoryRun> runStarter;
    private final Map<String, BufferedEntry> buffer = new LinkedHashMap<>();

    private int address;
    private int baud;
    private final int[] powerDbm;
    private int workAntenna;
    private FrequencyPlan plan;
    private LinkProfile profile;
    private int detectorDb = DEFAULT_DETECTOR_DB;
    private boolean silent;
    private long deafUntil = Long.MIN_VALUE;
    private InventoryRun run;
    /** The running inventory asked for phase bytes in its tag records (extended 0x8B). */
    private boolean phaseWanted;

    private long requests;
    private long ignored;
    private long tagRecords;
    private long errorReplies;

    private static final class BufferedEntry {
        final SimTag tag;
        int rssiRaw;
        int frequencyIndex;
        int antenna;
        int count;

        BufferedEntry(SimTag tag) {
            this.tag = tag;
        }
    }

    ReaderUnit(Scenario.Reader spec, LinkProfile profile, int lineBaud, Cabinet cabinet, Bus bus,
               Consumer<InventoryRun> runStarter) {
        this.spec = spec;
        for (Antenna a : spec.antennas()) {
            antennas.put(a.port(), a);
        }
        this.address = spec.address();
        this.baud = lineBaud;
        this.lineBaud = lineBaud;
        this.powerDbm = new int[spec.ports()];
        Arrays.fill(powerDbm, spec.outputPowerDbm());
        this.plan = new FrequencyPlan(new FrequencyRegion.Band(spec.band().region(), spec.band().startIndex(),
                spec.band().endIndex()));
        this.profile = profile;
        this.cabinet = cabinet;
        this.bus = bus;
        this.uart = bus.newUart();
        this.runStarter = runStarter;
    }

    int address() {
        return address;
    }

    String id() {
        return spec.id();
    }

    /** Silenced, the reader stops answering at once: what it was sending is cut off. */
    void setSilent(boolean silent) {
        this.silent = silent;
        if (silent) {
            if (run != null) {
                run.abort();
                run = null;
            }
            bus.cancel(uart);
        }
    }

    /** Whether this reader takes a request sent to {@code to}. */
    boolean addressedBy(int to) {
        return to == address || to == Frame.PUBLIC_ADDRESS;
    }

    /** A request whose last byte reached the reader at {@code end}. */
    void onRequest(Frame request, long end) {
        requests++;
        if (silent) {
            ignored++;
            return;
        }
        if (end < deafUntil) {
            ignored++;
            LOG.debug("{}: deaf while booting, ignores {}", this, request);
            return;
        }
        if (baud != lineBaud) {
            ignored++;
            LOG.debug("{}: listens at {} baud, the line runs at {}: ignores {}", this, baud, lineBaud, request);
            return;
        }
        if (run != null || !bus.idle(uart, end)) {
            // Half-duplex: a reader that is still answering does not listen.
            ignored++;
            LOG.debug("{}: busy answering, ignores {}", this, request);
            return;
        }
        Request decoded;
        try {
            decoded = Request.decode(request);
        } catch (MalformedFrameException e) {
            replyError(request.command(), e.readerError(), end + TURNAROUND_NANOS, e.getMessage());
            return;
        }
        handle(decoded, end);
    }

    private void handle(Request request, long end) {
        long reply = end + TURNAROUND_NANOS;
        Command cmd = request.command();
        if (request instanceof Request.SetWorkAntenna r) {
            if (r.antenna() >= spec.ports()) {
                replyError(cmd, ErrorCode.ANTENNA_OUT_OF_RANGE, reply, "antenna " + r.antenna());
                return;
            }
            workAntenna = r.antenna();
            status(cmd, ErrorCode.SUCCESS, end + Math.max(TURNAROUND_NANOS, SlotTimes.ANTENNA_SWITCH_NANOS),
                    "antenna " + workAntenna);
        } else if (request instanceof Request.SetOutputPower r) {
            List<Integer> dbm = r.power().dbm();
            if (dbm.size() > spec.ports()) {
                replyError(cmd, ErrorCode.INVALID_PARAMETER, reply, dbm.size() + " values for a " + spec.ports()
                        + "-port reader");
                return;
            }
            for (int port = 0; port < powerDbm.length; port++) {
                if (dbm.size() == 1) {
                    powerDbm[port] = dbm.get(0);
                } else if (port < dbm.size()) {
                    powerDbm[port] = dbm.get(port);
                }
            }
            status(cmd, ErrorCode.SUCCESS, end + FLASH_WRITE_NANOS, "power " + dbm);
        } else if (request instanceof Request.SetRegion r) {
            if (!FrequencyPlan.isValid(r.region())) {
                replyError(cmd, ErrorCode.INVALID_FREQUENCY_RANGE, reply, "region " + r.region());
                return;
            }
            plan = new FrequencyPlan(r.region());
            status(cmd, ErrorCode.SUCCESS, end + FLASH_WRITE_NANOS, "region " + r.region());
        } else if (request instanceof Request.SetAddress r) {
            address = r.newAddress();
            status(cmd, ErrorCode.SUCCESS, end + FLASH_WRITE_NANOS, "address " + address);
        } else if (request instanceof Request.SetBaudRate r) {
            // Answered at the old rate, then the reader restarts at the new one.
            status(cmd, ErrorCode.SUCCESS, end + FLASH_WRITE_NANOS, "baud " + r.baud());
            baud = r.baud();
            restart(end + FLASH_WRITE_NANOS);
        } else if (request instanceof Request.SetLinkProfile r) {
            profile = r.profile();
            status(cmd, ErrorCode.SUCCESS, end + FLASH_WRITE_NANOS, "profile " + profile);
            restart(end + FLASH_WRITE_NANOS);
        } else if (request instanceof Request.SetBeeper r) {
            status(cmd, ErrorCode.SUCCESS, reply, "beeper " + r.mode());
        } else if (request instanceof Request.WriteGpio r) {
            status(cmd, ErrorCode.SUCCESS, reply, "GPIO" + r.gpio() + "=" + r.high());
        } else if (request instanceof Request.SetAntennaDetector r) {
            detectorDb = r.thresholdDb();
            status(cmd, ErrorCode.SUCCESS, reply, "detector " + detectorDb + " dB");
        } else if (request instanceof Request.RealTimeInventory r) {
            inventory(cmd, 0, 0, r.repeat(), false, end);
        } else if (request instanceof Request.SessionInventory r) {
            inventory(cmd, r.session(), r.target(), r.repeat(), r.phase(), end);
        } else if (request instanceof Request.BufferedInventory r) {
            inventory(cmd, 0, 0, r.repeat(), false, end);
        } else if (request instanceof Request.FastSwitchInventory r) {
            fastSwitch(r, end);
        } else {
            simple(cmd, end);
        }
    }

    private void simple(Command cmd, long end) {
        long reply = end + TURNAROUND_NANOS;
        switch (cmd) {
            case RESET -> {
                // No answer on success: the reader reboots.
                LOG.debug("{}: reset", this);
                restart(end);
            }
            case GET_FIRMWARE_VERSION -> send(Replies.firmwareVersion(address, FIRMWARE), reply, "firmware " + FIRMWARE);
            case GET_WORK_ANTENNA -> send(Replies.workAntenna(address, workAntenna), reply, "antenna " + workAntenna);
            case GET_OUTPUT_POWER -> {
                int[] first4 = Arrays.copyOf(powerDbm, 4);
                boolean uniform = Arrays.stream(powerDbm).distinct().count() == 1;
                OutputPower p = uniform ? OutputPower.of(powerDbm[0]) : OutputPower.of(first4);
                send(Replies.outputPower(address, p), reply, "power " + p.dbm());
            }
            case GET_OUTPUT_POWER_8 -> {
                if (spec.ports() != 8) {
                    replyError(cmd, ErrorCode.COMMAND_FAILED, reply, "not an 8-port reader");
                    return;
                }
                send(Replies.outputPower(address, OutputPower.of(powerDbm)), reply, "power " + Arrays.toString(powerDbm));
            }
            case GET_REGION -> send(Replies.region(address, plan.region()), reply, "region " + plan.region());
            case GET_TEMPERATURE -> send(Replies.temperature(address, TEMPERATURE_CELSIUS), reply,
                    TEMPERATURE_CELSIUS + " °C");
            case READ_GPIO -> send(Replies.gpioLevels(address, new GpioLevels(false, false)), reply, "GPIO low");
            case GET_ANTENNA_DETECTOR -> send(Replies.antennaDetector(address, detectorDb), reply, detectorDb + " dB");
            case GET_LINK_PROFILE -> send(Replies.linkProfile(address, profile), reply, "profile " + profile);
            case GET_BUFFER, GET_AND_RESET_BUFFER -> sendBuffer(cmd, reply);
            case GET_BUFFER_COUNT -> send(Replies.bufferCount(address, Math.min(buffer.size(), 0xFFFF)), reply,
                    buffer.size() + " buffered");
            case RESET_BUFFER -> {
                buffer.clear();
                status(cmd, ErrorCode.SUCCESS, reply, "buffer cleared");
            }
            default -> replyError(cmd, ErrorCode.COMMAND_FAILED, reply, "not simulated");
        }
    }

    private void sendBuffer(Command cmd, long reply) {
        if (buffer.isEmpty()) {
            replyError(cmd, ErrorCode.BUFFER_EMPTY, reply, "buffer empty");
            return;
        }
        int count = Math.min(buffer.size(), 0xFFFF);
        for (BufferedEntry e : buffer.values()) {
            BufferedTagRecord r = BufferedTagRecord.of(count, e.tag.epc, e.rssiRaw, e.frequencyIndex, e.antenna,
                    Math.min(e.count, 0xFF));
            bus.send(uart, r.toFrame(address, cmd), reply);
        }
        LOG.debug("{}: {} -> {} buffered tags", this, cmd, count);
        if (cmd == Command.GET_AND_RESET_BUFFER) {
            buffer.clear();
        }
    }

    private void inventory(Command cmd, int session, int target, int repeat, boolean phase, long end) {
        // 0xFF is the vendor's "few tags, shortest run": one round.
        int rounds = repeat == 0xFF ? 1 : repeat;
        if (!antennas.containsKey(workAntenna) && detectorDb != 0) {
            replyError(cmd, ErrorCode.ANTENNA_MISSING, end + TURNAROUND_NANOS, "no antenna on port " + workAntenna);
            return;
        }
        start(new InventoryRun(cmd, session, target, List.of(new InventoryRun.Leg(workAntenna, rounds, 0)), end, this,
                this, cabinet, this), phase);
    }

    private void fastSwitch(Request.FastSwitchInventory r, long end) {
        if (r.slots().size() > spec.ports()) {
            replyError(r.command(), ErrorCode.INVALID_PARAMETER, end + TURNAROUND_NANOS,
                    r.slots().size() + " antenna slots for a " + spec.ports() + "-port reader");
            return;
        }
        List<InventoryRun.Leg> legs = new ArrayList<>();
        int antenna = workAntenna;
        for (int rep = 0; rep < r.repeat(); rep++) {
            for (FastSwitchSlot s : r.activeSlots()) {
                long off = legs.isEmpty() ? 0 : r.intervalMillis() * 1_000_000L;
                if (s.antenna() != antenna) {
                    off += SlotTimes.ANTENNA_SWITCH_NANOS;
                    antenna = s.antenna();
                }
                legs.add(new InventoryRun.Leg(s.antenna(), s.stay(), off));
            }
        }
        // The 0x8A family runs like 0x89: session S0, target A [inf: its basic form carries neither].
        start(new InventoryRun(r.command(), 0, 0, legs, end, this, this, cabinet, this), false);
    }

    private void start(InventoryRun r, boolean phase) {
        run = r;
        phaseWanted = phase;
        runStarter.accept(r);
    }

    // ---- InventoryRun.Radio ----

    @Override
    public Antenna antenna(int port) {
        return antennas.get(port);
    }

    @Override
    public boolean antennaDetectorOn() {
        return detectorDb != 0;
    }

    @Override
    public double powerDbm(int port) {
        return powerDbm[port];
    }

    @Override
    public FrequencyPlan.Channel hop() {
        return plan.hop(cabinet.random());
    }

    @Override
    public SlotTimes slotTimes() {
        return SlotTimes.of(profile);
    }

    // ---- InventoryRun.Sink ----

    @Override
    public void tagRead(InventoryRun r, int antenna, SimTag tag, double rssiDbm, FrequencyPlan.Channel channel, long time) {
        int raw = LinkBudget.rawRssi(rssiDbm);
        if (r.command == Command.BUFFERED_INVENTORY) {
            BufferedEntry e = buffer.computeIfAbsent(tag.epcHex, k -> new BufferedEntry(tag));
            e.rssiRaw = Math.max(e.rssiRaw, raw);
            e.frequencyIndex = channel.index();
            e.antenna = antenna;
            e.count++;
            return;
        }
        OptionalInt phase = phaseWanted ? OptionalInt.of(phaseOf(tag, antenna, channel)) : OptionalInt.empty();
        TagRecord record = new TagRecord(channel.index(), antenna, tag.pc, tag.epc, raw, phase);
        bus.send(uart, record.toFrame(address, r.command), time);
        tagRecords++;
    }

    /** Round-trip carrier phase over the distance to the tag, as 16 bits of a turn. */
    private int phaseOf(SimTag tag, int antenna, FrequencyPlan.Channel channel) {
        double d = antennas.get(antenna).position().distanceTo(tag.position);
        double turns = 2 * d * channel.hertz() / LinkBudget.SPEED_OF_LIGHT;
        return (int) ((turns - Math.floor(turns)) * 65536) & 0xFFFF;
    }

    @Override
    public void antennaMissing(InventoryRun r, int antenna, long time) {
        bus.send(uart, new AntennaError(antenna, ErrorCode.ANTENNA_MISSING).toFrame(address), time);
        errorReplies++;
    }

    @Override
    public void finished(InventoryRun r, long time) {
        run = null;
        long reads = r.totalReads();
        long durationNanos = Math.max(1, r.durationNanos());
        int rate = (int) Math.min(0xFFFF, Math.round(reads * 1e9 / durationNanos));
        Frame summary = switch (r.command) {
            case FAST_SWITCH_INVENTORY -> new FastSwitchSummary((int) Math.min(0xFF_FFFF, reads),
                    durationNanos / 1_000_000).toFrame(address);
            case BUFFERED_INVENTORY -> new BufferedInventorySummary(r.firstAntenna(), Math.min(0xFFFF, buffer.size()), rate,
                    Math.min(0xFFFF_FFFFL, reads)).toFrame(address);
            default -> new InventorySummary(r.firstAntenna(), rate, Math.min(0xFFFF_FFFFL, reads))
                    .toFrame(address, r.command);
        };
        bus.send(uart, summary, time);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {} session S{} target {} -> {} reads of {} tags in {} rounds ({} collided slots), {} ms", this,
                    r.command, r.session, r.target == 0 ? "A" : "B", reads, r.uniqueTags(), r.rounds(), r.collisions(),
                    durationNanos / 1_000_000);
        }
    }

    // ---- replies ----

    private void status(Command cmd, ErrorCode code, long at, String what) {
        send(Replies.status(address, cmd, code), at, what);
    }

    private void send(Frame frame, long at, String what) {
        bus.send(uart, frame, at);
        LOG.debug("{}: {} -> {}", this, Command.of(frame.command()).map(Command::toString).orElse("?"), what);
    }

    private void replyError(int cmdCode, ErrorCode code, long at, String why) {
        errorReplies++;
        bus.send(uart, new Frame(address, cmdCode, (byte) code.code()), at);
        LOG.debug("{}: 0x{} -> error {} ({})", this, Integer.toHexString(cmdCode), code, why);
    }

    private void replyError(Command cmd, ErrorCode code, long at, String why) {
        errorReplies++;
        bus.send(uart, new ErrorReply(code).toFrame(address, cmd), at);
        LOG.debug("{}: {} -> error {} ({})", this, cmd, code, why);
    }

    /** Reboot: what lives in RAM is lost (work antenna, buffer, a running inventory); flash settings stay. */
    private void restart(long at) {
        if (run != null) {
            run.abort();
            run = null;
        }
        workAntenna = 0;
        buffer.clear();
        deafUntil = at + BOOT_NANOS;
    }

    /** One line of counters for the status log. */
    String status() {
        return id() + "@" + address + (silent ? " SILENT" : "") + ": requests " + requests + ", ignored " + ignored
                + ", tag records " + tagRecords + ", error replies " + errorReplies;
    }

    @Override
    public String toString() {
        return "reader " + id() + "@" + address;
    }
}
