package org.medcab.reader.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a byte stream cut into arbitrary chunks back into frames. Because 0xA0 may also occur in
 * data, a frame start is only believed once its Len is plausible and its checksum holds; otherwise
 * the decoder drops one byte and searches again, so one damaged frame costs one frame, never the
 * stream. Each kind of damage is counted. Not thread-safe: one decoder per serial line reader;
 * only {@link #counters()} may be read from other threads.
 */
public final class FrameDecoder {
    /** Smallest Len: address, command and check with no data. */
    private static final int MIN_LEN = 3;

    private final byte[] buffer = new byte[4 * 257];
    private int size;

    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong discardedBytes = new AtomicLong();
    private final AtomicLong checksumErrors = new AtomicLong();
    private final AtomicLong badLengths = new AtomicLong();
    private final AtomicLong truncatedFrames = new AtomicLong();

    /** Frames {@link #lineIdle()} found behind a truncated frame, handed out by the next {@link #feed}. */
    private final List<Frame> recovered = new ArrayList<>();

    /** Feeds bytes and returns the frames they complete, in order. */
    public List<Frame> feed(byte[] bytes, int offset, int length) {
        List<Frame> out = new ArrayList<>(recovered);
        recovered.clear();
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int n = Math.min(end - i, buffer.length - size);
            System.arraycopy(bytes, i, buffer, size, n);
            size += n;
            i += n;
            drain(out);
        }
        return out;
    }

    public List<Frame> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /**
     * Declares that the line went quiet (a read timeout): the partial frame at the head of the
     * buffer will never be completed, so it is counted as truncated and its first byte dropped; the
     * bytes behind it are searched again, because a truncated frame whose Len promised more bytes
     * than arrived can hide complete frames (typically the summary that ends a reply). Returns
     * those frames. Consecutive dead frame starts with no good frame between them count as one
     * truncated frame, since a 0xA0 inside a truncated frame's data looks like another start.
     */
    public List<Frame> idle() {
        List<Frame> out = new ArrayList<>(recovered);
        recovered.clear();
        boolean inTruncatedRun = false;
        while (size > 0) {
            if (!inTruncatedRun) {
                truncatedFrames.incrementAndGet();
                inTruncatedRun = true;
            }
            System.arraycopy(buffer, 1, buffer, 0, size - 1);
            size--;
            discardedBytes.incrementAndGet();
            int before = out.size();
            drain(out);
            if (out.size() > before) {
                inTruncatedRun = false;
            }
        }
        return out;
    }

    /**
     * Same as {@link #idle()} for callers that only feed: the frames recovered behind a truncated
     * frame are returned at the start of the next {@link #feed} instead of at once.
     */
    public void lineIdle() {
        recovered.addAll(idle());
    }

    private void drain(List<Frame> out) {
        int start = 0;
        while (start < size) {
            if ((buffer[start] & 0xFF) != Frame.HEAD) {
                start++;
                discardedBytes.incrementAndGet();
                continue;
            }
            if (start + 1 >= size) {
                break;
            }
            int len = buffer[start + 1] & 0xFF;
            if (len < MIN_LEN) {
                badLengths.incrementAndGet();
                start++;
                discardedBytes.incrementAndGet();
                continue;
            }
            int frameLength = len + 2;
            if (start + frameLength > size) {
                break;
            }
            if (Frame.checksum(buffer, start, frameLength - 1) != buffer[start + frameLength - 1]) {
                // Either real corruption or a 0xA0 inside data: slide by one and look again.
                checksumErrors.incrementAndGet();
                start++;
                discardedBytes.incrementAndGet();
                continue;
            }
            byte[] data = new byte[len - 3];
            System.arraycopy(buffer, start + 4, data, 0, data.length);
            out.add(new Frame(buffer[start + 2] & 0xFF, buffer[start + 3] & 0xFF, data));
            frames.incrementAndGet();
            start += frameLength;
        }
        System.arraycopy(buffer, start, buffer, 0, size - start);
        size -= start;
    }

    /** Bytes currently held waiting for the rest of a frame. */
    public int pending() {
        return size;
    }

    public DecoderCounters counters() {
        return new DecoderCounters(frames.get(), discardedBytes.get(), checksumErrors.get(),
                badLengths.get(), truncatedFrames.get());
    }
}
