package org.medcab.mqtt.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The messages of finished cycles on their way to the broker, in the order the cycles produced them.
 * In memory only (a durable outbox that survives a restart is a later step): what is here when the
 * gateway stops is lost, and the next cycle's snapshots restate the zones.
 *
 * <p>Bounded while the broker is away: a zone snapshot replaces the zone's older snapshot that has
 * not gone out yet (only the latest contents matter, and there is one per zone), and events, which
 * all matter, are kept up to a limit beyond which the oldest are dropped and counted.
 *
 * <p>A message moves from <em>pending</em> to <em>in flight</em> when handed to the current
 * connection and leaves when the broker acknowledges it. When a connection ends, whatever is still
 * in flight goes back to pending at its original place, so nothing unacknowledged is lost and the
 * order is kept. Thread-safe: the inventory thread adds, the link's worker takes, the MQTT client's
 * thread acknowledges.
 */
final class Outbox {
    /** One message waiting; {@code sent} is set by the worker when it first goes out and then kept for resends. */
    static final class Entry {
        final long order;
        final Message message;
        Sent sent;

        Entry(long order, Message message) {
            this.order = order;
            this.message = message;
        }

        boolean isSnapshot() {
            return message instanceof ZoneSnapshot;
        }

        String zone() {
            return ((ZoneSnapshot) message).zone().zone();
        }
    }

    /** A message as it went out the first time: a resend must carry the same id and seq. */
    record Sent(String topic, byte[] payload, long seq) {
    }

    private final int eventLimit;
    private final TreeMap<Long, Entry> pending = new TreeMap<>();
    private final ArrayDeque<Entry> inFlight = new ArrayDeque<>();
    /** The newest snapshot of every zone of the latest cycle, wherever it is (pending, in flight or delivered). */
    private final Map<String, Entry> latestSnapshots = new HashMap<>();
    private long nextOrder;
    private int events;
    private long droppedEvents;

    Outbox(int eventLimit) {
        this.eventLimit = eventLimit;
    }

    /**
     * Adds one cycle's messages: its zone snapshots, then its events.
     *
     * @return how many old events were dropped to stay within the limit
     */
    synchronized int addCycle(List<ZoneSnapshot> snapshots, List<Message> cycleEvents) {
        Map<String, Entry> previous = new HashMap<>(latestSnapshots);
        latestSnapshots.clear();
        for (ZoneSnapshot snapshot : snapshots) {
            Entry entry = new Entry(nextOrder++, snapshot);
            Entry older = previous.get(snapshot.zone().zone());
            if (older != null) {
                pending.remove(older.order, older);
            }
            latestSnapshots.put(snapshot.zone().zone(), entry);
            pending.put(entry.order, entry);
        }
        int dropped = 0;
        for (Message event : cycleEvents) {
            Entry entry = new Entry(nextOrder++, event);
            pending.put(entry.order, entry);
            events++;
        }
        while (events > eventLimit && dropOldestPendingEvent()) {
            dropped++;
        }
        droppedEvents += dropped;
        notifyAll();
        return dropped;
    }

    private boolean dropOldestPendingEvent() {
        for (Iterator<Entry> it = pending.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (!entry.isSnapshot()) {
                it.remove();
                events--;
                return true;
            }
        }
        return false;
    }

    /**
     * Waits up to {@code timeoutMillis} (0: not at all) for a pending message while fewer than
     * {@code window} are in flight, and moves it to in flight; {@code null} on timeout or {@link #wake()}.
     */
    synchronized Entry next(int window, long timeoutMillis) throws InterruptedException {
        if ((pending.isEmpty() || inFlight.size() >= window) && timeoutMillis > 0) {
            wait(timeoutMillis);
        }
        if (pending.isEmpty() || inFlight.size() >= window) {
            return null;
        }
        Entry entry = pending.pollFirstEntry().getValue();
        inFlight.add(entry);
        return entry;
    }

    /** The broker has the message. */
    synchronized void delivered(Entry entry) {
        // It may already be back in pending if the connection ended as its acknowledgement arrived.
        boolean known = inFlight.remove(entry) || pending.remove(entry.order, entry);
        if (known && !entry.isSnapshot()) {
            events--;
        }
        notifyAll();
    }

    /**
     * A new connection starts: everything unacknowledged goes back to pending in its original place,
     * except snapshots a newer one has replaced; and the latest snapshot of every zone is queued
     * again even if it was delivered, because a broker that restarted may have lost its retained copy.
     */
    synchronized void restartDelivery() {
        for (Entry entry : inFlight) {
            Entry latest = entry.isSnapshot() ? latestSnapshots.get(entry.zone()) : null;
            if (latest == null || latest == entry) {
                pending.put(entry.order, entry);
            }
        }
        inFlight.clear();
        for (Map.Entry<String, Entry> latest : latestSnapshots.entrySet()) {
            Entry entry = latest.getValue();
            if (pending.get(entry.order) != entry) {
                // Delivered already: a new message (new id and seq) with the same contents, at the same place.
                Entry again = new Entry(entry.order, entry.message);
                latest.setValue(again);
                pending.put(again.order, again);
            }
        }
    }

    /** Wakes a worker waiting in {@link #next}. */
    synchronized void wake() {
        notifyAll();
    }

    /** Waits up to {@code timeoutMillis} until nothing is pending or in flight; true if so. */
    synchronized boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!pending.isEmpty() || !inFlight.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Events dropped for lack of room since the last call. */
    synchronized long takeDroppedEvents() {
        long n = droppedEvents;
        droppedEvents = 0;
        return n;
    }

    synchronized int size() {
        return pending.size() + inFlight.size();
    }
}
