package org.medcab.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fazecast.jSerialComm.SerialPort;

import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.FrameDecoder;

/** The gateway's end of the line in tests: sends request frames, collects reply frames with arrival times. */
final class GatewayPort implements AutoCloseable {
    /** A frame and the System.nanoTime() at which its last byte was read. */
    record Arrival(Frame frame, long nanos) {
    }

    private final SerialPort port;
    final FrameDecoder decoder = new FrameDecoder();

    GatewayPort(String path) throws IOException {
        port = SerialPort.getCommPort(path);
        port.setComPortParameters(115200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 20, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open " + path);
        }
    }

    void send(Frame f) {
        byte[] b = f.encode();
        port.writeBytes(b, b.length);
    }

    /** Frames until {@code last} matches one (included) or {@code timeoutMillis} pass. */
    List<Arrival> receive(Predicate<Frame> last, long timeoutMillis) {
        List<Arrival> out = new ArrayList<>();
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            int n = port.readBytes(buf, buf.length);
            long at = System.nanoTime();
            if (n <= 0) {
                decoder.lineIdle();
                continue;
            }
            for (Frame f : decoder.feed(buf, 0, n)) {
                out.add(new Arrival(f, at));
                if (last.test(f)) {
                    return out;
                }
            }
        }
        return out;
    }

    /** Sends and waits for one reply frame, or null. */
    Frame request(Frame f, long timeoutMillis) {
        send(f);
        List<Arrival> r = receive(x -> true, timeoutMillis);
        return r.isEmpty() ? null : r.get(0).frame();
    }

    @Override
    public void close() {
        port.closePort();
    }
}
