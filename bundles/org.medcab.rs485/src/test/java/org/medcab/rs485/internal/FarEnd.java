package org.medcab.rs485.internal;

import java.io.IOException;
import java.util.List;

import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.FrameDecoder;

/**
 * The far end of a serial line where test readers sit: decodes the gateway's requests and writes
 * the readers' answers, at least 1 ms after the request like a real reader. Also records when it
 * last wrote, to check the gateway's turnaround.
 */
final class FarEnd implements AutoCloseable {
    private final SerialLine line;
    private final List<TestReader> readers;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long lastWriteNanos;
    /** Smallest gap seen between the end of an answer and the next request. */
    private volatile long minTurnaroundNanos = Long.MAX_VALUE;

    FarEnd(SerialLine line, TestReader... readers) {
        this.line = line;
        this.readers = List.of(readers);
        this.thread = new Thread(this::run, "far-end");
        thread.setDaemon(true);
        thread.start();
    }

    long minTurnaroundNanos() {
        return minTurnaroundNanos;
    }

    private void run() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] buffer = new byte[512];
        while (!closed) {
            try {
                int n = line.read(buffer);
                long now = System.nanoTime();
                List<Frame> frames = n > 0 ? decoder.feed(buffer, 0, n) : decoder.idle();
                for (Frame request : frames) {
                    if (lastWriteNanos != 0) {
                        minTurnaroundNanos = Math.min(minTurnaroundNanos, now - lastWriteNanos);
                    }
                    Thread.sleep(1);
                    for (TestReader r : readers) {
                        for (TestReader.Step step : r.answer(request)) {
                            if (step.delayMillis() > 0) {
                                Thread.sleep(step.delayMillis());
                            }
                            // Stamped before the write: the bus may read the bytes before write() returns.
                            lastWriteNanos = System.nanoTime();
                            line.write(step.bytes());
                        }
                    }
                }
            } catch (IOException e) {
                return; // the line is gone; a test that replugs starts a new far end
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Writes raw bytes from the far end (unsolicited frames, noise). */
    void send(byte[] bytes) throws IOException {
        lastWriteNanos = System.nanoTime();
        line.write(bytes);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        line.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
