package org.medcab.rs485.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import org.medcab.api.ReaderHealth;
import org.medcab.api.TagObservation;
import org.medcab.reader.protocol.Command;
import org.medcab.reader.protocol.ErrorCode;
import org.medcab.reader.protocol.ErrorReply;
import org.medcab.reader.protocol.ErrorReplyException;
import org.medcab.reader.protocol.FirmwareVersion;
import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.InventoryReply;
import org.medcab.reader.protocol.InventorySummary;
import org.medcab.reader.protocol.MalformedFrameException;
import org.medcab.reader.protocol.Replies;
import org.medcab.reader.protocol.Requests;
import org.medcab.reader.protocol.TagRecord;
import org.medcab.rs485.AntennaRead;
import org.medcab.rs485.InventoryRequest;
import org.medcab.rs485.ReaderUnavailableException;
import org.medcab.rs485.RfidReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UHF reader on an RS485 bus. Before its first inventory, after its bus reopened the port and
 * after it came back from being offline, it is configured again (firmware version asked with
 * 0x72, output power set with 0x76), since it may have lost power. An inventory sets the work
 * antenna (0x74) when it changes and runs 0x8B with the request's session, target and rounds.
 *
 * <p>Online means the last request got an answer; a request that got none after the bus's
 * retries, or that could not be sent because the port is down, makes it offline.
 */
public final class Rs485Reader implements RfidReader {
    private static final Logger LOG = LoggerFactory.getLogger(Rs485Reader.class);

    private final ReaderSettings settings;
    private final ReaderBus bus;
    private final ReaderStats stats = new ReaderStats();
    /** Keeps 0x74 and the 0x8B that relies on it together when several threads ask this reader. */
    private final ReentrantLock lock = new ReentrantLock();

    /** null until the reader was first asked. */
    private volatile Boolean online;
    private long configuredGeneration = -1; // guarded by lock
    private int workAntenna = -1; // guarded by lock; -1 = not known

    public Rs485Reader(ReaderSettings settings, ReaderBus bus) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bus = Objects.requireNonNull(bus, "bus");
    }

    @Override
    public String id() {
        return settings.id();
    }

    public int address() {
        return settings.address();
    }

    public String busId() {
        return bus.id();
    }

    @Override
    public Map<Integer, String> zonesByAntenna() {
        return settings.zonesByAntenna();
    }

    @Override
    public ReaderHealth health() {
        return new ReaderHealth(id(), bus.id(), address(), Boolean.TRUE.equals(online), stats.frames(),
                stats.timeouts(), stats.checksumErrors(), stats.lastSeen());
    }

    /** Counters beyond {@link ReaderHealth}, e.g. malformed frames. */
    public ReaderStats stats() {
        return stats;
    }

    /** Configures the reader now (also done by itself before the next inventory when needed). */
    public void configure() throws ReaderUnavailableException {
        lock.lock();
        try {
            configureLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public AntennaRead inventory(int antenna, InventoryRequest request) throws ReaderUnavailableException {
        if (antenna < 0 || antenna > 7) {
            throw new IllegalArgumentException("reader " + id() + ": antenna must be 0..7: " + antenna);
        }
        Objects.requireNonNull(request, "request");
        lock.lock();
        try {
            if (configuredGeneration != bus.generation()) {
                configureLocked();
            }
            if (workAntenna != antenna) {
                set(Requests.setWorkAntenna(address(), antenna), Command.SET_WORK_ANTENNA, "work antenna " + antenna);
                workAntenna = antenna;
            }
            InventoryCollector collector = new InventoryCollector(antenna);
            long start = System.nanoTime();
            try {
                Duration duration = ask(Requests.sessionInventory(address(), request.session(), request.target(),
                        request.rounds()), collector);
                return collector.result(duration);
            } catch (ReaderUnavailableException e) {
                if (e.getCause() instanceof NoReplyException cut && cut.partial()) {
                    // The reader answered but the end of its reply was lost on the line. Every record that
                    // arrived passed its checksum, so they stand; tags in the lost part are simply not read
                    // this time, like any missed read. Treating it as an outage would make the reader's
                    // zones unknown for a whole cycle on a slightly noisy bus.
                    LOG.info("{} antenna {}: reply cut before its summary; keeping the {} tag records received ({})",
                            describe(), antenna, collector.observations.size(), cut.getMessage());
                    return collector.cut(Duration.ofNanos(System.nanoTime() - start));
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void configureLocked() throws ReaderUnavailableException {
        long generation = bus.generation();
        Frame reply = askSingle(Requests.getFirmwareVersion(address()));
        String firmware;
        try {
            FirmwareVersion v = Replies.parseFirmwareVersion(reply);
            firmware = v.toString();
        } catch (MalformedFrameException | ErrorReplyException e) {
            // The reader answered, which is what this probe is for; its version is only logged.
            firmware = "unknown (" + e.getMessage() + ")";
        }
        set(Requests.setOutputPower(address(), settings.outputPowerDbm()), Command.SET_OUTPUT_POWER,
                "output power " + settings.outputPowerDbm() + " dBm");
        configuredGeneration = generation;
        workAntenna = -1;
        LOG.info("reader {} ({} address {}) configured: firmware {}, output power {} dBm", id(), bus.id(), address(),
                firmware, settings.outputPowerDbm());
    }

    /** Sends a set command and requires the success status. */
    private void set(Frame request, Command command, String what) throws ReaderUnavailableException {
        Frame reply = askSingle(request);
        ErrorCode status;
        try {
            status = Replies.parseStatus(reply, command);
        } catch (MalformedFrameException e) {
            stats.malformedFrame();
            throw new ReaderUnavailableException(describe() + ": malformed reply to " + what + ": " + e.getMessage(), e);
        }
        if (!status.isSuccess()) {
            throw new ReaderUnavailableException(describe() + " refused " + what + ": " + status);
        }
    }

    private Frame askSingle(Frame request) throws ReaderUnavailableException {
        SingleReply reply = new SingleReply();
        ask(request, reply);
        return reply.frame();
    }

    /** One exchange on the bus, keeping the online state. */
    private Duration ask(Frame request, ReplyHandler handler) throws ReaderUnavailableException {
        try {
            Duration d = bus.exchange(request, handler, stats);
            markOnline();
            return d;
        } catch (NoReplyException e) {
            if (e.partial()) {
                markOnline();
            } else {
                markOffline(e.getMessage());
            }
            throw new ReaderUnavailableException(describe() + ": " + e.getMessage(), e);
        } catch (BusUnavailableException e) {
            markOffline(e.getMessage());
            throw new ReaderUnavailableException(describe() + ": " + e.getMessage(), e);
        }
    }

    private void markOnline() {
        if (!Boolean.TRUE.equals(online)) {
            online = Boolean.TRUE;
            LOG.info("reader {} ({} address {}) online", id(), bus.id(), address());
        }
    }

    private void markOffline(String reason) {
        // Whatever it was told before may be gone when it comes back (power loss, reset).
        configuredGeneration = -1;
        workAntenna = -1;
        if (!Boolean.FALSE.equals(online)) {
            online = Boolean.FALSE;
            LOG.info("reader {} ({} address {}) offline: {}", id(), bus.id(), address(), reason);
        }
    }

    private String describe() {
        return "reader " + id() + " (" + bus.id() + " address " + address() + ")";
    }

    /** Collects one 0x8B reply stream. */
    private final class InventoryCollector implements ReplyHandler {
        private final int antenna;
        private final List<TagObservation> observations = new ArrayList<>();
        private InventorySummary summary;
        private ErrorCode error;
        private int otherAntenna = -1;

        InventoryCollector(int antenna) {
            this.antenna = antenna;
        }

        @Override
        public boolean accept(Frame frame, Instant receivedAt) {
            InventoryReply reply;
            try {
                reply = InventoryReply.decode(frame, false);
            } catch (MalformedFrameException e) {
                stats.malformedFrame();
                LOG.warn("{}: ignored a malformed inventory frame: {}", describe(), e.getMessage());
                return false;
            }
            if (reply instanceof TagRecord t) {
                if (t.epc().length == 0) {
                    stats.malformedFrame();
                    LOG.warn("{}: ignored a tag record without EPC: {}", describe(), frame);
                    return false;
                }
                if (!t.epcLengthMatchesPc()) {
                    LOG.debug("{}: EPC length {} bytes differs from its PC ({} words): {}", describe(), t.epc().length,
                            t.pcEpcWords(), frame);
                }
                if (t.antenna() != antenna) {
                    otherAntenna = t.antenna();
                }
                observations.add(new TagObservation(t.epcHex(), id(), t.antenna(), t.rssiDbm(), receivedAt));
                return false;
            }
            if (reply instanceof InventorySummary s) {
                summary = s;
                return true;
            }
            if (reply instanceof ErrorReply e) {
                error = e.error();
                return true;
            }
            return false; // the 0x8A-only shapes do not come out of a 0x8B reply
        }

        AntennaRead result(Duration duration) throws ReaderUnavailableException {
            if (otherAntenna >= 0) {
                // The reader lost its work antenna (a reset?): set it again next time.
                workAntenna = -1;
                LOG.warn("{}: asked for antenna {} but tags were reported on antenna {}", describe(), antenna,
                        otherAntenna);
            }
            if (error != null) {
                if (error.equals(ErrorCode.NO_TAG)) {
                    return new AntennaRead(id(), antenna, List.of(), 0, duration);
                }
                throw new ReaderUnavailableException(describe() + " antenna " + antenna + ": inventory failed: " + error);
            }
            return new AntennaRead(id(), antenna, observations, summary.totalRead(), duration);
        }

        /** What arrived before the reply was cut; the reader's own count was in the lost summary. */
        AntennaRead cut(Duration duration) {
            return new AntennaRead(id(), antenna, observations, observations.size(), duration);
        }
    }
}
