package org.medcab.simulator.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.medcab.reader.protocol.Frame;

/**
 * The shared RS485 line as the gateway's receiver sees it (8.4). Each reader has a UART that sends
 * its frames byte after byte, each frame no sooner than it is ready and behind the frames queued
 * before it. The line carries one byte per byte time (10 bits at the baud rate); when several UARTs
 * have a byte in the same byte time, the receiver gets their bitwise OR. Times are simulated
 * nanoseconds.
 */
final class Bus {
    /** A byte the line carried, and when it started. */
    record LineByte(long time, int value) {
    }

    final class Uart {
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private long freeAt = Long.MIN_VALUE;
        private int position;

        private long nextByteTime() {
            Pending p = queue.peekFirst();
            return p == null ? Long.MAX_VALUE : Math.max(p.ready, freeAt);
        }

        private int takeByte() {
            Pending p = queue.peekFirst();
            int b = p.bytes[position++] & 0xFF;
            if (position == p.bytes.length) {
                queue.removeFirst();
                position = 0;
            }
            return b;
        }
    }

    private record Pending(byte[] bytes, long ready) {
    }

    private final long byteNanos;
    private final LineFaults faults;
    private final List<Uart> uarts = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sent = lock.newCondition();
    private long lineFreeAt = Long.MIN_VALUE;
    private long bytesOnLine;
    private long collidedBytes;
    private long retimedBytes;

    Bus(int baud, LineFaults faults) {
        // 8N1: start bit, 8 data bits, stop bit.
        this.byteNanos = Math.round(10 * 1e9 / baud);
        this.faults = faults;
    }

    long byteNanos() {
        return byteNanos;
    }

    Uart newUart() {
        lock.lock();
        try {
            Uart u = new Uart();
            uarts.add(u);
            return u;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a frame on a reader's UART, to start no sooner than {@code ready}. */
    void send(Uart uart, Frame frame, long ready) {
        byte[] bytes = faults.frameToSend(frame.encode());
        lock.lock();
        try {
            uart.queue.addLast(new Pending(bytes, ready));
            sent.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops whatever a reader had not sent yet (it fell silent). */
    void cancel(Uart uart) {
        lock.lock();
        try {
            uart.queue.clear();
            uart.position = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the reader has nothing left to send at {@code now}. */
    boolean idle(Uart uart, long now) {
        lock.lock();
        try {
            return uart.queue.isEmpty() && uart.freeAt <= now;
        } finally {
            lock.unlock();
        }
    }

    private long nextByteTimeLocked() {
        long t = Long.MAX_VALUE;
        for (Uart u : uarts) {
            t = Math.min(t, u.nextByteTime());
        }
        return t == Long.MAX_VALUE ? t : Math.max(t, lineFreeAt);
    }

    /**
     * Takes the byte starting at {@code time}: the OR of every UART with a byte due within that
     * byte time, damaged by the byte error rate.
     */
    private int takeLocked(long time) {
        int value = 0;
        int senders = 0;
        for (Uart u : uarts) {
            if (u.nextByteTime() < time + byteNanos) {
                value |= u.takeByte();
                u.freeAt = time + byteNanos;
                senders++;
            }
        }
        lineFreeAt = time + byteNanos;
        bytesOnLine++;
        if (senders > 1) {
            collidedBytes++;
        }
        return faults.lineByte(value);
    }

    /**
     * Takes every byte due by {@code now} into {@code out}, at most {@code out.length}, and returns
     * how many. A backlog older than {@code maxLateNanos} is not caught up at once but re-timed to
     * start now, so that the line never carries bytes faster than its rate after a stall.
     */
    int takeDue(long now, long maxLateNanos, byte[] out) {
        lock.lock();
        try {
            int n = 0;
            while (n < out.length) {
                long t = nextByteTimeLocked();
                if (t > now) {
                    break;
                }
                if (t < now - maxLateNanos) {
                    retimedBytes++;
                    t = now;
                }
                out[n++] = (byte) takeLocked(t);
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, in real time, until the next byte is due or a frame is queued, at most
     * {@code maxWaitNanos}. The wait may overshoot by the scheduler's slack (~0.1 ms); the bytes then
     * due leave together, so the line keeps its rate in aggregate and no byte leaves early.
     */
    void awaitDue(LongSupplier clock, long maxWaitNanos) throws InterruptedException {
        lock.lock();
        try {
            long now = clock.getAsLong();
            long next = nextByteTimeLocked();
            if (next > now) {
                sent.awaitNanos(next == Long.MAX_VALUE ? maxWaitNanos : Math.min(maxWaitNanos, next - now));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Everything queued, in line order, without waiting: for tests in simulated time. */
    List<LineByte> drain() {
        lock.lock();
        try {
            List<LineByte> out = new ArrayList<>();
            long t;
            while ((t = nextByteTimeLocked()) != Long.MAX_VALUE) {
                out.add(new LineByte(t, takeLocked(t)));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    String summary() {
        lock.lock();
        try {
            return "line bytes " + bytesOnLine + " (collided " + collidedBytes + ", re-timed after a stall " + retimedBytes + ")";
        } finally {
            lock.unlock();
        }
    }
}
