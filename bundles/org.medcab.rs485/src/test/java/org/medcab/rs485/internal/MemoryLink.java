package org.medcab.rs485.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Two ends of an in-memory serial line; {@link #cut()} makes both fail like an unplugged adapter. */
final class MemoryLink {
    private final BlockingQueue<byte[]> toBus = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> toFar = new LinkedBlockingQueue<>();
    private volatile boolean cut;
    private final int idleMillis;

    MemoryLink(int idleMillis) {
        this.idleMillis = idleMillis;
    }

    SerialLine busEnd() {
        return new End(toBus, toFar);
    }

    SerialLine farEnd() {
        return new End(toFar, toBus);
    }

    void cut() {
        cut = true;
    }

    private final class End implements SerialLine {
        private final BlockingQueue<byte[]> in;
        private final BlockingQueue<byte[]> out;
        private byte[] rest = new byte[0];

        End(BlockingQueue<byte[]> in, BlockingQueue<byte[]> out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public int read(byte[] buffer) throws IOException {
            if (cut) {
                throw new IOException("line cut");
            }
            if (rest.length == 0) {
                try {
                    byte[] next = in.poll(idleMillis, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        if (cut) {
                            throw new IOException("line cut");
                        }
                        return 0;
                    }
                    rest = next;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
            }
            int n = Math.min(buffer.length, rest.length);
            System.arraycopy(rest, 0, buffer, 0, n);
            rest = Arrays.copyOfRange(rest, n, rest.length);
            return n;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            if (cut) {
                throw new IOException("line cut");
            }
            out.add(bytes.clone());
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
