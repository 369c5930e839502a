package org.medcab.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.medcab.reader.protocol.Frame;

/** The shared line of 8.4 in simulated time: pacing, queueing, OR of overlapping transmissions, stalls. */
class BusTest {
    private static final long MS = 1_000_000;

    @Test
    void aByteTakesTenBitTimesAndFramesQueueBehindEachOther() {
        Bus bus = new Bus(115200, new LineFaults(1));
        assertEquals(86_806, bus.byteNanos());
        Bus.Uart u = bus.newUart();
        bus.send(u, new Frame(1, 0x72, (byte) 8, (byte) 1), 10 * MS);
        bus.send(u, new Frame(1, 0x72, (byte) 8, (byte) 1), 10 * MS);
        List<Bus.LineByte> bytes = bus.drain();
        assertEquals(14, bytes.size());
        for (int i = 0; i < bytes.size(); i++) {
            assertEquals(10 * MS + i * 86_806L, bytes.get(i).time());
        }
        assertEquals(0xA0, bytes.get(7).value(), "the second frame follows at once");
    }

    @Test
    void overlappingTransmissionsAreOredByteByByte() {
        Bus bus = new Bus(115200, new LineFaults(1));
        Bus.Uart a = bus.newUart();
        Bus.Uart b = bus.newUart();
        byte[] fa = new Frame(1, 0x72, (byte) 8, (byte) 1).encode();
        byte[] fb = new Frame(2, 0x72, (byte) 8, (byte) 1).encode();
        bus.send(a, new Frame(1, 0x72, (byte) 8, (byte) 1), MS);
        // Starts a third of a byte later: still the same byte times on the receiver's side.
        bus.send(b, new Frame(2, 0x72, (byte) 8, (byte) 1), MS + 30_000);
        List<Bus.LineByte> bytes = bus.drain();
        assertEquals(7, bytes.size());
        for (int i = 0; i < 7; i++) {
            assertEquals((fa[i] | fb[i]) & 0xFF, bytes.get(i).value());
        }
        assertTrue(bus.summary().contains("collided 7"));
    }

    @Test
    void overdueBytesCatchUpWithinTheSlackAndAreReTimedAfterAStall() {
        Bus bus = new Bus(115200, new LineFaults(1));
        Bus.Uart u = bus.newUart();
        bus.send(u, new Frame(1, 0x89, new byte[16]), 0);
        byte[] out = new byte[64];
        // Nothing leaves before its slot.
        assertEquals(1, bus.takeDue(0, 500_000, out));
        assertEquals(0, bus.takeDue(86_805, 500_000, out), "second byte not yet due");
        // Late: the bytes of slots 1..4, all due by now, leave together; the line keeps its rate.
        assertEquals(4, bus.takeDue(4 * 86_806 + 1, 500_000, out));
        // A 10 ms stall: the overdue byte is re-timed to now, the rest follow at the line rate.
        long now = 14 * MS;
        assertEquals(1, bus.takeDue(now, 500_000, out));
        assertEquals(0, bus.takeDue(now + 86_805, 500_000, out));
        assertEquals(1, bus.takeDue(now + 86_806, 500_000, out));
        assertTrue(bus.summary().contains("re-timed after a stall 1"));
    }
}
