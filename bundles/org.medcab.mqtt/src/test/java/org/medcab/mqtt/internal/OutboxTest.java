package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.medcab.mqtt.internal.Cycles.EPC_1;
import static org.medcab.mqtt.internal.Cycles.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OutboxTest {
    private static List<ZoneSnapshot> snapshots(long cycle, String... zones) {
        List<ZoneSnapshot> list = new ArrayList<>();
        for (String zone : zones) {
            list.add(new ZoneSnapshot(cycle, T0, Cycles.known(zone, Set.of(EPC_1), Set.of(), Set.of())));
        }
        return list;
    }

    private static Message event(long cycle) {
        return new InventoryEvent(cycle, T0, 1, 1, true, List.of());
    }

    private static String describe(Message m) {
        if (m instanceof ZoneSnapshot s) {
            return s.zone().zone() + "@" + s.cycle();
        }
        return "event@" + ((InventoryEvent) m).cycle();
    }

    /** Takes everything pending, in order, as if a connection sent it all. */
    private static List<Outbox.Entry> takeAll(Outbox outbox) throws InterruptedException {
        List<Outbox.Entry> taken = new ArrayList<>();
        Outbox.Entry e;
        while ((e = outbox.next(Integer.MAX_VALUE, 0)) != null) {
            taken.add(e);
        }
        return taken;
    }

    private static List<String> describe(List<Outbox.Entry> entries) {
        return entries.stream().map(e -> describe(e.message)).toList();
    }

    @Test
    void keepsOnlyTheLatestUnsentSnapshotPerZoneAndEveryEventInOrder() throws InterruptedException {
        Outbox outbox = new Outbox(100);
        outbox.addCycle(snapshots(1, "A1", "A2"), List.of(event(1)));
        outbox.addCycle(snapshots(2, "A1", "A2"), List.of(event(2)));
        outbox.addCycle(snapshots(3, "A1"), List.of(event(3)));
        assertEquals(List.of("event@1", "A2@2", "event@2", "A1@3", "event@3"), describe(takeAll(outbox)));
    }

    @Test
    void dropsTheOldestEventsBeyondTheLimitButNoSnapshot() throws InterruptedException {
        Outbox outbox = new Outbox(3);
        for (long cycle = 1; cycle <= 5; cycle++) {
            outbox.addCycle(snapshots(cycle, "A1"), List.of(event(cycle)));
        }
        assertEquals(2, outbox.takeDroppedEvents());
        assertEquals(0, outbox.takeDroppedEvents(), "counted once");
        assertEquals(List.of("event@3", "event@4", "A1@5", "event@5"), describe(takeAll(outbox)));
    }

    @Test
    void holdsBackWhenTheWindowIsFull() throws InterruptedException {
        Outbox outbox = new Outbox(100);
        outbox.addCycle(List.of(), List.of(event(1), event(2)));
        Outbox.Entry first = outbox.next(1, 0);
        assertEquals("event@1", describe(first.message));
        assertNull(outbox.next(1, 10), "one in flight already");
        outbox.delivered(first);
        assertEquals("event@2", describe(outbox.next(1, 0).message));
    }

    @Test
    void anUnacknowledgedMessageIsResentFirstAndKeepsWhatWasSent() throws InterruptedException {
        Outbox outbox = new Outbox(100);
        outbox.addCycle(List.of(), List.of(event(1), event(2), event(3)));
        Outbox.Entry first = outbox.next(10, 0);
        Outbox.Entry second = outbox.next(10, 0);
        first.sent = new Outbox.Sent("t", new byte[0], 7);
        outbox.delivered(second);
        outbox.restartDelivery();
        List<Outbox.Entry> again = takeAll(outbox);
        assertEquals(List.of("event@1", "event@3"), describe(again));
        assertSame(first, again.get(0), "same id and seq on resend");
        assertEquals(7, again.get(0).sent.seq());
    }

    @Test
    void aNewConnectionRepeatsTheLatestSnapshotOfEveryZoneAsANewMessage() throws InterruptedException {
        Outbox outbox = new Outbox(100);
        outbox.addCycle(snapshots(1, "A1", "A2"), List.of(event(1)));
        List<Outbox.Entry> sent = takeAll(outbox);
        sent.forEach(e -> e.sent = new Outbox.Sent("t", new byte[0], 1));
        sent.forEach(outbox::delivered);
        assertEquals(0, outbox.size());

        outbox.restartDelivery();
        List<Outbox.Entry> repeated = takeAll(outbox);
        assertEquals(List.of("A1@1", "A2@1"), describe(repeated), "delivered events are not repeated");
        assertNotSame(sent.get(0), repeated.get(0));
        assertNull(repeated.get(0).sent, "a new message gets a new id and seq");
    }

    @Test
    void aReplacedSnapshotInFlightIsNotResent() throws InterruptedException {
        Outbox outbox = new Outbox(100);
        outbox.addCycle(snapshots(1, "A1"), List.of(event(1)));
        Outbox.Entry old = outbox.next(10, 0);
        assertEquals("A1@1", describe(old.message));
        outbox.addCycle(snapshots(2, "A1"), List.of(event(2)));
        outbox.restartDelivery();
        assertEquals(List.of("event@1", "A1@2", "event@2"), describe(takeAll(outbox)));
    }

    @Test
    void anAcknowledgementArrivingAfterTheRestartStillCounts() throws InterruptedException {
        Outbox outbox = new Outbox(100);
        outbox.addCycle(List.of(), List.of(event(1), event(2)));
        Outbox.Entry first = outbox.next(10, 0);
        outbox.restartDelivery();
        outbox.delivered(first);
        assertEquals(List.of("event@2"), describe(takeAll(outbox)));
    }
}
