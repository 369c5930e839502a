package org.medcab.simulator.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import com.fazecast.jSerialComm.SerialPort;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.FrameDecoder;

/**
 * Runs a {@link SimulatorCore} in real time on a serial port: simulated nanoseconds are
 * {@code System.nanoTime()} since start. Three threads: the receiver decodes requests, the radio
 * runs inventory events as their time comes (a little ahead, so records are queued before they
 * are due), the transmitter paces the line's bytes at the baud rate.
 */
public final class RealTimeLine implements AutoCloseable, SimulatorCore.LineSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(RealTimeLine.class);
    /** The radio runs this far ahead of the wall clock so the transmitter never waits for a record. */
    static final long RADIO_LOOKAHEAD_NANOS = 2_000_000;
    /**
     * How late the transmitter may be and still catch up. On a busy 2-core machine a thread often
     * wakes a millisecond or more late; the bytes then overdue leave together, so no byte ever
     * leaves before its slot and the line keeps the simulated timeline exactly in aggregate (a USB
     * serial adapter's latency timer clumps bytes the same way). A longer stall (a blocked write, a
     * long GC pause) re-times the backlog to start now rather than bursting it.
     */
    static final long MAX_LATE_NANOS = 20_000_000;
    static final int READ_TIMEOUT_MILLIS = 50;
    static final int WRITE_TIMEOUT_MILLIS = 200;
    static final long REOPEN_INTERVAL_NANOS = 1_000_000_000L;
    static final long STATUS_INTERVAL_NANOS = 60_000_000_000L;
    /** errno values after which a read is simply tried again. */
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    private final SimulatorCore core;
    private final String path;
    private final int baud;
    private final long origin = System.nanoTime();
    private final FrameDecoder decoder = new FrameDecoder();
    private volatile SerialPort port;
    private volatile boolean unplugged;
    private volatile boolean running = true;
    private final Thread receiver;
    private final Thread transmitter;
    private final Thread radio;
    private long requestStart;
    private long requestBytes;
    private long droppedBytes;

    public RealTimeLine(SimulatorCore core, String path, int baud) {
        this.core = core;
        this.path = path;
        this.baud = baud;
        this.receiver = new Thread(this::receive, "medcab-simulator-rx");
        this.transmitter = new Thread(this::transmit, "medcab-simulator-tx");
        this.radio = new Thread(this::runRadio, "medcab-simulator-radio");
        for (Thread t : List.of(receiver, transmitter, radio)) {
            t.setDaemon(true);
        }
    }

    /** Simulated time now. */
    public long now() {
        return System.nanoTime() - origin;
    }

    /** Opens the port (unless the scenario starts unplugged) and starts the threads. */
    public void start() throws IOException {
        core.setLineSwitch(this);
        unplugged = core.unplugged();
        if (!unplugged) {
            open();
        }
        receiver.start();
        transmitter.start();
        radio.start();
    }

    public boolean isOpen() {
        SerialPort p = port;
        return p != null && p.isOpen();
    }

    private synchronized void open() throws IOException {
        SerialPort p = SerialPort.getCommPort(path);
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MILLIS, WRITE_TIMEOUT_MILLIS);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + p.getLastErrorCode() + ")");
        }
        // Whatever the gateway sent while the line was down never reached a reader.
        p.flushIOBuffers();
        port = p;
    }

    private synchronized void closePort() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            p.closePort();
        }
    }

    @Override
    public void unplugged(boolean value) {
        unplugged = value;
        if (value) {
            closePort();
        } else {
            try {
                open();
            } catch (IOException e) {
                LOG.error("reopening {} failed, will retry: {}", path, e.getMessage());
            }
        }
    }

    private void receive() {
        byte[] buf = new byte[512];
        long lastReopen = 0;
        while (running) {
            SerialPort p = port;
            if (p == null) {
                if (!unplugged && now() - lastReopen > REOPEN_INTERVAL_NANOS) {
                    lastReopen = now();
                    try {
                        open();
                        LOG.info("serial line {} open again", path);
                    } catch (IOException e) {
                        LOG.debug("reopen failed: {}", e.getMessage());
                    }
                }
                LockSupport.parkNanos(20_000_000);
                continue;
            }
            try {
                int n = p.readBytes(buf, buf.length);
                long at = now();
                if (n < 0 && (p.getLastErrorCode() == EINTR || p.getLastErrorCode() == EAGAIN)) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                if (n < 0) {
                    if (port == p && running && !unplugged) {
                        LOG.error("serial line {} failed (error {}); reopening every second", path, p.getLastErrorCode());
                        closePort();
                    }
                    continue;
                }
                if (n == 0) {
                    dispatch(decoder.idle(), at);
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    buf[i] = (byte) core.faults().lineByte(buf[i]);
                }
                if (decoder.pending() == 0) {
                    requestStart = at;
                    requestBytes = 0;
                }
                dispatch(decoder.feed(buf, 0, n), at);
            } catch (RuntimeException e) {
                // Never let the receiver die silently: the gateway would see a dead line.
                LOG.error("receiver error, carrying on", e);
            }
        }
    }

    /**
     * Hands decoded requests to the readers. The pty delivers the gateway's bytes at once, so a
     * request's last byte is taken to arrive no sooner than its first byte plus its length at the
     * line's rate, as it would on a real wire.
     */
    private void dispatch(List<Frame> frames, long at) {
        for (Frame f : frames) {
            requestBytes += f.wireLength();
            long end = Math.max(at, requestStart + requestBytes * core.bus().byteNanos());
            core.onRequest(f, end);
        }
    }

    private void transmit() {
        byte[] out = new byte[64];
        while (running) {
            try {
                core.bus().awaitDue(this::now, 100_000_000);
                int n = core.bus().takeDue(now(), MAX_LATE_NANOS, out);
                if (n == 0) {
                    continue;
                }
                SerialPort p = port;
                int written = p == null ? 0 : p.writeBytes(out, n);
                if (written < n) {
                    // Unplugged, or nobody reads the other end: the bytes are lost, as on a real line.
                    droppedBytes += n - Math.max(written, 0);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("transmitter error, carrying on", e);
            }
        }
    }

    private void runRadio() {
        long nextStatus = now() + STATUS_INTERVAL_NANOS;
        while (running) {
            try {
                long now = now();
                core.advanceTo(now + RADIO_LOOKAHEAD_NANOS);
                if (now >= nextStatus) {
                    nextStatus = now + STATUS_INTERVAL_NANOS;
                    LOG.info("status: {}; port {} {}, dropped bytes {}", core.status().replace('\n', ';'), path,
                            isOpen() ? "open" : "closed", droppedBytes);
                }
                long next = core.nextEventTime();
                long wait = next == Long.MAX_VALUE ? 100_000_000 : next - RADIO_LOOKAHEAD_NANOS - now();
                if (wait > 0) {
                    core.awaitRuns(Math.min(wait, 100_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("radio error, carrying on", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : List.of(receiver, transmitter, radio)) {
            t.interrupt();
        }
        closePort();
        for (Thread t : List.of(receiver, transmitter, radio)) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
