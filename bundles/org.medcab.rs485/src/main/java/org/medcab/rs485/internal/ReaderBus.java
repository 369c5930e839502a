package org.medcab.rs485.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.medcab.reader.protocol.Command;
import org.medcab.reader.protocol.DecoderCounters;
import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.FrameDecoder;
import org.medcab.reader.protocol.MalformedFrameException;
import org.medcab.reader.protocol.Request;
import org.medcab.rs485.ReaderUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RS485 bus: the only owner of its serial port. Requests of all readers on the bus are served
 * one at a time (half-duplex): the next request goes out only after the previous reply ended (the
 * summary or error frame of an inventory, the single frame of any other command) or timed out,
 * and at least 1 ms after the last received byte.
 *
 * <p>A thread per bus reads the line all the time, so bytes that arrive between requests (late
 * replies, noise) are decoded and dropped rather than mistaken for the next reply, and a lost port
 * is noticed even when nobody is asking. When the port is lost (read or write fails, e.g. the USB
 * adapter was unplugged) the bus closes it and tries to reopen it every
 * {@link BusSettings#reopenIntervalMillis()}; meanwhile requests fail at once with
 * {@link BusUnavailableException}.
 */
public final class ReaderBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderBus.class);

    /** The protocol notes suggest at least 1 ms after a reply's last byte before sending. */
    private static final long TURNAROUND_NANOS = 1_000_000L;
    /** Flash writes take more than 100 ms by the vendor's word; one client saw more than a second. */
    static final int FLASH_WRITE_MILLIS = 1000;
    /**
     * Silence allowed per inventory round on top of the response timeout: a round that finds no
     * tag sends nothing and takes about 10 ms in the slowest link profile (D0).
     */
    static final int ROUND_SILENCE_MILLIS = 50;
    /** Longest any round may last: 4,096 slots of the slowest success slot (D0, 6 ms). */
    static final int ROUND_MAX_MILLIS = 25_000;

    private static final Received LINE_LOST = new Received(null, 0, null);

    private final BusSettings settings;
    private final SerialLine.Opener opener;
    private final FrameDecoder decoder = new FrameDecoder();
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    /** Fair, so readers on one bus take turns in the order they asked. */
    private final ReentrantLock turn = new ReentrantLock(true);
    private final Object lineLock = new Object();
    private final Thread lineReader;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong foreignFrames = new AtomicLong();
    private final AtomicLong unexpectedFrames = new AtomicLong();
    private final AtomicLong staleFrames = new AtomicLong();

    private SerialLine line; // guarded by lineLock
    private boolean openFailureWarned; // bus thread only
    private volatile boolean closed;
    private volatile long lastByteNanos = System.nanoTime() - TURNAROUND_NANOS;

    /** A bus on a real serial port, opened with jSerialComm. */
    public ReaderBus(BusSettings settings) {
        this(settings, JSerialCommLine.opener(settings.port(), settings.baud(), settings.lineIdleMillis()));
    }

    /** A bus on whatever line {@code opener} gives (tests use an in-memory line). */
    public ReaderBus(BusSettings settings, SerialLine.Opener opener) {
        this.settings = settings;
        this.opener = opener;
        this.lineReader = new Thread(this::readLine, "medcab-bus-" + settings.id());
        lineReader.setDaemon(true);
        lineReader.start();
    }

    public String id() {
        return settings.id();
    }

    public BusSettings settings() {
        return settings;
    }

    public boolean isOpen() {
        synchronized (lineLock) {
            return line != null;
        }
    }

    /**
     * How many times the port has been opened. A reader whose configuration was sent under an
     * older generation sends it again: the adapter or the readers may have lost power.
     */
    public long generation() {
        return generation.get();
    }

    /** Frames seen on the line so far, with the decoder's damage counters. */
    public BusCounters counters() {
        return new BusCounters(foreignFrames.get(), unexpectedFrames.get(), staleFrames.get(), decoder.counters());
    }

    /**
     * Frames on the line that belonged to no request.
     *
     * @param foreignFrames    from another address than the one asked
     * @param unexpectedFrames from the address asked but with another command
     * @param staleFrames      arrived while no request was waiting (late replies)
     * @param decoder          everything the frame decoder counted
     */
    public record BusCounters(long foreignFrames, long unexpectedFrames, long staleFrames, DecoderCounters decoder) {
    }

    /**
     * Sends a request and waits for its single-frame reply.
     *
     * @throws BusUnavailableException when the port is not open
     * @throws NoReplyException        when no reply came after the retries
     */
    public Frame request(Frame request, ReaderStats stats) throws ReaderUnavailableException {
        SingleReply reply = new SingleReply();
        exchange(request, reply, stats);
        return reply.frame();
    }

    /**
     * Sends a request and passes every frame of its reply to {@code handler} until the handler
     * says the reply is complete. Frames from other addresses or with another command are counted
     * and ignored. Commands other than inventories are retried {@link BusSettings#retries()} times
     * when no complete reply came; an inventory is never retried, because its rounds change the
     * tags' session flags and the reply would not mean the same.
     *
     * @param stats the asked reader's counters: frames, timeouts and the checksum errors counted
     *              while its reply was due are added to them
     * @return from the write of the answered attempt to the receipt of the frame that completed the reply
     * @throws BusUnavailableException when the port is not open or is lost meanwhile
     * @throws NoReplyException        when no complete reply came in time
     */
    public Duration exchange(Frame request, ReplyHandler handler, ReaderStats stats) throws ReaderUnavailableException {
        Timing timing = Timing.of(request, settings);
        try {
            turn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReaderUnavailableException("interrupted while waiting for bus " + id());
        }
        try {
            NoReplyException failure = null;
            for (int attempt = 1; attempt <= timing.attempts(); attempt++) {
                try {
                    return attempt(request, handler, stats, timing);
                } catch (NoReplyException e) {
                    failure = e;
                    if (e.partial() || attempt == timing.attempts()) {
                        break;
                    }
                    LOG.debug("bus {}: {}; retrying", id(), e.getMessage());
                }
            }
            throw new NoReplyException(failure.getMessage()
                    + (timing.attempts() > 1 ? " (" + timing.attempts() + " attempts)" : ""), failure.partial());
        } finally {
            turn.unlock();
        }
    }

    private Duration attempt(Frame request, ReplyHandler handler, ReaderStats stats, Timing timing)
            throws ReaderUnavailableException {
        SerialLine l = currentLine();
        if (l == null) {
            throw new BusUnavailableException("bus " + id() + ": port " + settings.port()
                    + (closed ? " is closed" : " is not open; reopening every " + settings.reopenIntervalMillis() + " ms"));
        }
        dropStaleFrames();
        long checksumErrorsBefore = decoder.counters().checksumErrors();
        awaitTurnaround();
        // The reply may start before write() returns: durations count from before it, deadlines from after it.
        long sending = System.nanoTime();
        try {
            l.write(request.encode());
        } catch (IOException e) {
            lineLost(l, e.getMessage());
            throw new BusUnavailableException("bus " + id() + ": port " + settings.port() + " lost: " + e.getMessage());
        }
        long sent = System.nanoTime();
        boolean answered = false;
        try {
            while (true) {
                long end = Math.min(Math.max(sent, lastByteNanos) + timing.silenceNanos(), sent + timing.totalNanos());
                long wait = end - System.nanoTime();
                if (wait <= 0) {
                    stats.timedOut();
                    throw new NoReplyException(String.format("bus %s: %s from address %d to %s within %d ms", id(),
                            answered ? "reply stream stopped before its end" : "no reply", request.address(),
                            describe(request), timing.silenceNanos() / 1_000_000), answered);
                }
                Received r = inbox.poll(wait, TimeUnit.NANOSECONDS);
                if (r == null) {
                    continue; // bytes may have arrived meanwhile: re-check the silence
                }
                if (r == LINE_LOST) {
                    throw new BusUnavailableException("bus " + id() + ": port " + settings.port()
                            + " lost while waiting for address " + request.address());
                }
                Frame f = r.frame();
                if (request.address() != Frame.PUBLIC_ADDRESS && f.address() != request.address()) {
                    foreignFrames.incrementAndGet();
                    LOG.debug("bus {}: ignored a frame from address {} while address {} was asked: {}", id(),
                            f.address(), request.address(), f);
                    continue;
                }
                if (f.command() != request.command()) {
                    unexpectedFrames.incrementAndGet();
                    LOG.debug("bus {}: ignored a frame with command 0x{} while waiting for {}: {}", id(),
                            Integer.toHexString(f.command()), describe(request), f);
                    continue;
                }
                answered = true;
                stats.frameReceived(r.at());
                if (handler.accept(f, r.at())) {
                    return Duration.ofNanos(r.nanos() - sending);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReaderUnavailableException("interrupted while waiting for address " + request.address()
                    + " on bus " + id());
        } finally {
            stats.checksumErrors(decoder.counters().checksumErrors() - checksumErrorsBefore);
        }
    }

    private static String describe(Frame request) {
        return Command.of(request.command()).map(Command::toString)
                .orElse(String.format("command 0x%02X", request.command()));
    }

    private void dropStaleFrames() {
        Received r;
        while ((r = inbox.poll()) != null) {
            if (r != LINE_LOST) {
                staleFrames.incrementAndGet();
                LOG.debug("bus {}: dropped a frame that arrived while no request waited: {}", id(), r.frame());
            }
        }
    }

    private void awaitTurnaround() {
        long wait;
        while ((wait = lastByteNanos + TURNAROUND_NANOS - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private SerialLine currentLine() {
        synchronized (lineLock) {
            return closed ? null : line;
        }
    }

    /** The bus thread: opens the port, reads and decodes everything that arrives, reopens a lost port. */
    private void readLine() {
        byte[] buffer = new byte[1024];
        boolean everOpened = false;
        while (!closed) {
            try {
                SerialLine l = currentLine();
                if (l == null) {
                    l = open();
                    if (l == null) {
                        sleep(settings.reopenIntervalMillis());
                        continue;
                    }
                    LOG.info(everOpened ? "bus {}: reopened port {} at {} baud" : "bus {}: opened port {} at {} baud",
                            id(), settings.port(), settings.baud());
                    everOpened = true;
                }
                int n;
                try {
                    n = l.read(buffer);
                } catch (IOException e) {
                    lineLost(l, e.getMessage());
                    sleep(settings.reopenIntervalMillis());
                    continue;
                }
                long now = System.nanoTime();
                List<Frame> frames;
                if (n > 0) {
                    lastByteNanos = now;
                    frames = decoder.feed(buffer, 0, n);
                } else {
                    frames = decoder.idle();
                }
                if (!frames.isEmpty()) {
                    Instant at = Instant.now();
                    for (Frame f : frames) {
                        inbox.add(new Received(f, now, at));
                    }
                }
            } catch (RuntimeException e) {
                // A bug must not silently end the only thread that reads this bus.
                LOG.error("bus {}: unexpected error on port {}", id(), settings.port(), e);
                sleep(settings.reopenIntervalMillis());
            }
        }
    }

    /** Opens the port, or returns null after logging why not (a warning the first time, then debug). */
    private SerialLine open() {
        SerialLine l;
        try {
            l = opener.open();
        } catch (IOException | RuntimeException e) {
            if (!openFailureWarned) {
                LOG.warn("bus {}: cannot open port {}: {}; retrying every {} ms", id(), settings.port(), e.getMessage(),
                        settings.reopenIntervalMillis());
                openFailureWarned = true;
            } else {
                LOG.debug("bus {}: still cannot open port {}: {}", id(), settings.port(), e.getMessage());
            }
            return null;
        }
        openFailureWarned = false;
        synchronized (lineLock) {
            if (closed) {
                l.close();
                return null;
            }
            // Bytes left from the lost line can never complete a frame.
            decoder.idle();
            line = l;
            generation.incrementAndGet();
        }
        return l;
    }

    private void lineLost(SerialLine l, String reason) {
        synchronized (lineLock) {
            if (line != l) {
                return; // already handled by the other thread
            }
            line = null;
        }
        l.close();
        inbox.add(LINE_LOST);
        if (!closed) {
            LOG.info("bus {}: lost port {} ({}); reopening every {} ms", id(), settings.port(), reason,
                    settings.reopenIntervalMillis());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the port and stops the bus thread; requests fail from now on. */
    @Override
    public void close() {
        SerialLine l;
        synchronized (lineLock) {
            if (closed) {
                return;
            }
            closed = true;
            l = line;
            line = null;
        }
        if (l != null) {
            l.close();
        }
        inbox.add(LINE_LOST);
        lineReader.interrupt();
        try {
            lineReader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("bus {}: closed port {}", id(), settings.port());
    }

    private record Received(Frame frame, long nanos, Instant at) {
    }

    /**
     * How long a request may take.
     *
     * @param silenceNanos longest silence on the line while the reply is due
     * @param totalNanos   longest the whole reply may take, however busy the line
     * @param attempts     tries in all
     */
    record Timing(long silenceNanos, long totalNanos, int attempts) {

        static Timing of(Frame request, BusSettings settings) {
            long timeout = settings.responseTimeoutMillis();
            int rounds = rounds(request);
            if (rounds > 0) {
                return new Timing(millis(timeout + (long) rounds * ROUND_SILENCE_MILLIS),
                        millis(timeout + (long) rounds * ROUND_MAX_MILLIS), 1);
            }
            boolean flash = Command.of(request.command()).map(Command::writesFlash).orElse(false);
            long silence = flash ? timeout + FLASH_WRITE_MILLIS : timeout;
            // A single frame takes at most 67 ms even at 38400 baud; twice the silence bounds a babbling line.
            return new Timing(millis(silence), millis(2 * silence), settings.retries() + 1);
        }

        /** Inventory rounds the request runs, 0 for commands that are not inventories. */
        private static int rounds(Frame request) {
            Request r;
            try {
                r = Request.decode(request);
            } catch (MalformedFrameException e) {
                return 0; // not a request this bus knows: plain timing
            }
            if (r instanceof Request.RealTimeInventory i) {
                return i.repeat();
            }
            if (r instanceof Request.SessionInventory i) {
                return i.repeat();
            }
            if (r instanceof Request.BufferedInventory i) {
                return i.repeat();
            }
            if (r instanceof Request.FastSwitchInventory i) {
                return i.repeat() * i.activeSlots().stream().mapToInt(s -> s.stay()).sum();
            }
            return 0;
        }

        private static long millis(long ms) {
            return TimeUnit.MILLISECONDS.toNanos(ms);
        }
    }
}
