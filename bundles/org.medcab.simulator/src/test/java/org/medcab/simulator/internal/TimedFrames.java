package org.medcab.simulator.internal;

import java.util.ArrayList;
import java.util.List;

import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.FrameDecoder;

/** Drives a {@link SimulatorCore} in simulated time and reads the line back as frames with times. */
final class TimedFrames {
    /** A frame as received, with the start of its first byte and the end of its last byte. */
    record Received(Frame frame, long start, long end) {
    }

    final SimulatorCore core;
    final FrameDecoder decoder = new FrameDecoder();

    TimedFrames(SimulatorCore core) {
        this.core = core;
    }

    /** Sends a request ending at {@code at}, runs everything to completion and returns what the line carried. */
    List<Received> exchange(Frame request, long at) {
        core.onRequest(request, at);
        return run(at);
    }

    List<Received> run(long from) {
        core.advanceTo(from + 3_600_000_000_000L);
        List<Received> out = new ArrayList<>();
        long byteNanos = core.bus().byteNanos();
        long start = -1;
        for (Bus.LineByte b : core.bus().drain()) {
            if (decoder.pending() == 0) {
                start = b.time();
            }
            for (Frame f : decoder.feed(new byte[] {(byte) b.value()})) {
                out.add(new Received(f, start, b.time() + byteNanos));
                start = b.time() + byteNanos;
            }
        }
        decoder.lineIdle();
        return out;
    }

    /** Bytes the line carried in the last run, as they came. */
    static List<Frame> frames(List<Received> received) {
        return received.stream().map(Received::frame).toList();
    }
}
