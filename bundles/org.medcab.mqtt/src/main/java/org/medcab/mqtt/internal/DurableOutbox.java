package org.medcab.mqtt.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages on their way to the broker, kept in an H2 MVStore file in the link's data directory
 * so that neither a broker outage of hours nor a kill -9 of the gateway loses one.
 *
 * <p>Durability: {@link #store} returns only after its messages are committed and forced to disk;
 * concurrent callers share one commit (group commit). MVStore writes every commit as a new chunk
 * after the old ones and switches the file header last, so a crash mid-write leaves the previous
 * commit readable: there is no state in between.
 *
 * <p>Numbering: a message gets its {@code id} and {@code seq} when it is first taken for
 * publishing ({@link #take}), and the rendered payload, with both, replaces the stored draft in the
 * same commit as the sequence counter, before it goes on the wire (one commit per batch). So seq
 * has no gaps the HIS could mistake for a loss, continues exactly after a crash, and a message
 * resent after a crash carries its original id and seq.
 *
 * <p>Order and bounds: {@link Delivery#URGENT} messages go before all others; the rest keep the
 * order they were stored in. {@link Delivery#LATEST} replaces an older one on the same subtopic that
 * has not been numbered yet. Above {@code maxMessages} or {@code maxBytes} the oldest
 * {@link Delivery#ROUTINE} messages are dropped; URGENT, RECORD and LATEST are kept beyond the
 * bound (an ERROR is logged and {@link Figures#overLimit()} is set) because losing them is worse
 * than using more disk.
 *
 * <p>A message leaves the store when the broker acknowledged it ({@link #delivered}); those removals
 * are committed with the next batch or by {@link #flush}: lost by a crash they only cause a resend
 * with the same id, which QoS 1 allows anyway.
 */
final class DurableOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableOutbox.class);

    /** The store's file name in the data directory. */
    static final String FILE = "outbox.mv.db";
    private static final byte FORMAT = 1;
    private static final String LAST_SEQ = "lastSeq";

    /** Turns a stored draft into the payload, envelope included. */
    @FunctionalInterface
    interface Renderer {
        byte[] render(String schema, Instant time, JsonObject body, UUID id, long seq);
    }

    /** A message in the store. Only its key and routing facts are kept in memory; the payload stays on disk. */
    static final class Entry {
        final long key;
        final Delivery delivery;
        final String subtopic;
        final boolean retained;
        final long storedAt;
        int bytes;
        long seq;

        Entry(long key, Delivery delivery, String subtopic, boolean retained, long storedAt, int bytes, long seq) {
            this.key = key;
            this.delivery = delivery;
            this.subtopic = subtopic;
            this.retained = retained;
            this.storedAt = storedAt;
            this.bytes = bytes;
            this.seq = seq;
        }
    }

    /** A message ready for the wire, with its final payload. */
    record Ready(Entry entry, String subtopic, byte[] payload, long seq, boolean retained) {
    }

    /** What is in the outbox, for the health and birth messages. */
    record Figures(Map<Delivery, Integer> messages, long bytes, Duration oldestAge, long droppedRoutine,
                   long coalescedLatest, boolean overLimit, int maxMessages, long maxBytes) {
        int total() {
            return messages.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Path file;
    private final Renderer renderer;
    private final Clock clock;
    private final int maxMessages;
    private final long maxBytes;
    private final MVStore store;
    /** key -> stored record (draft or rendered payload). */
    private final MVMap<Long, byte[]> messages;
    /** subtopic -> draft of the newest retained LATEST message, restated on every connection. */
    private final MVMap<String, byte[]> retainedLatest;
    private final MVMap<String, Long> meta;

    private final TreeMap<Long, Entry> urgent = new TreeMap<>();
    private final TreeMap<Long, Entry> others = new TreeMap<>();
    private final TreeMap<Long, Entry> routine = new TreeMap<>();
    private final Map<Long, Entry> inFlight = new LinkedHashMap<>();
    /** LATEST messages not numbered yet, per subtopic: the one a newer message replaces. */
    private final Map<String, Entry> unsentLatest = new HashMap<>();
    private final Map<Delivery, Integer> counts = new EnumMap<>(Delivery.class);
    private long bytes;
    private long nextKey;
    private long lastSeq;
    private long droppedRoutine;
    private long coalescedLatest;
    private boolean overLimit;
    private long wakeups;

    private final Object commitLock = new Object();
    /** Changes made (under this) and changes known to be on disk (under commitLock). */
    private long written;
    private long durable;

    /**
     * Opens (or creates) the outbox in {@code directory}. An older link's {@code mqtt-sequence}
     * high-water mark is honoured: numbering never goes below it.
     *
     * @throws IOException when the store or the old sequence file cannot be read; starting anyway could
     *                     lose the waiting messages or reuse numbers the HIS has seen
     */
    DurableOutbox(Path directory, int maxMessages, long maxBytes, Renderer renderer, Clock clock) throws IOException {
        this.file = directory.toAbsolutePath().resolve(FILE);
        this.renderer = renderer;
        this.clock = clock;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        Files.createDirectories(file.getParent());
        try {
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        } catch (RuntimeException e) {
            throw new IOException("MQTT outbox " + file + " cannot be opened (" + e.getMessage() + "); the messages in it"
                    + " would be lost: move the file aside to start with an empty outbox", e);
        }
        try {
            messages = store.openMap("messages");
            retainedLatest = store.openMap("retainedLatest");
            meta = store.openMap("meta");
            lastSeq = Math.max(meta.getOrDefault(LAST_SEQ, 0L), SequenceMigration.read(directory));
            recover();
            meta.put(LAST_SEQ, lastSeq);
            store.commit();
            store.sync();
        } catch (IOException | RuntimeException e) {
            store.closeImmediately();
            throw e instanceof IOException io ? io
                    : new IOException("MQTT outbox " + file + " cannot be read: " + e.getMessage(), e);
        }
        SequenceMigration.retire(directory);
    }

    private void recover() {
        int damaged = 0;
        List<Long> drop = new ArrayList<>();
        for (Map.Entry<Long, byte[]> stored : messages.entrySet()) {
            long key = stored.getKey();
            nextKey = Math.max(nextKey, key + 1);
            Entry entry;
            try {
                entry = header(key, stored.getValue());
            } catch (IOException | RuntimeException e) {
                damaged++;
                drop.add(key);
                continue;
            }
            lastSeq = Math.max(lastSeq, entry.seq);
            index(entry);
        }
        drop.forEach(messages::remove);
        if (damaged > 0) {
            // MVStore checksums its chunks, so this means a record this code cannot read, not a torn write.
            LOG.error("MQTT outbox {}: {} stored messages could not be read and were removed", file, damaged);
        }
        int waiting = size();
        if (waiting > 0) {
            LOG.info("MQTT outbox {}: {} messages waiting from before the restart; seq continues after {}", file, waiting,
                    lastSeq);
        }
    }

    /**
     * Stores the messages durably, in order, and returns once they are on disk.
     *
     * @throws IOException when they could not be written; none of them is kept then
     */
    void store(List<UplinkMessage> batch) throws IOException {
        List<Entry> added = new ArrayList<>(batch.size());
        long ticket;
        try {
            synchronized (this) {
                checkOpen();
                long now = clock.millis();
                for (UplinkMessage message : batch) {
                    byte[] draft = draft(message);
                    Entry entry = new Entry(nextKey++, message.delivery(), message.subtopic(), message.retained(), now, 0, 0);
                    byte[] record = record(entry, draft);
                    entry.bytes = record.length;
                    if (entry.delivery == Delivery.LATEST) {
                        Entry older = unsentLatest.get(entry.subtopic);
                        if (older != null) {
                            // Only the newest state matters and the older one was never numbered: no gap in seq.
                            unindex(older);
                            messages.remove(older.key);
                            coalescedLatest++;
                        }
                        if (entry.retained) {
                            retainedLatest.put(entry.subtopic, draft);
                        }
                    }
                    messages.put(entry.key, record);
                    index(entry);
                    added.add(entry);
                }
                enforceBounds();
                ticket = ++written;
                notifyAll();
            }
        } catch (RuntimeException e) {
            // A store that failed underneath (disk gone): the caller gets a refusal, not a crash.
            throw new IOException("MQTT outbox " + file + " cannot be written: " + e.getMessage(), e);
        }
        try {
            awaitDurable(ticket);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                for (Entry entry : added) {
                    if (messages.remove(entry.key) != null) {
                        unindex(entry);
                    }
                }
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private void enforceBounds() {
        while ((size() > maxMessages || bytes > maxBytes) && !routine.isEmpty()) {
            Entry oldest = routine.firstEntry().getValue();
            unindex(oldest);
            messages.remove(oldest.key);
            droppedRoutine++;
            if (droppedRoutine == 1 || droppedRoutine % 1000 == 0) {
                LOG.warn("MQTT outbox full ({} messages, {} bytes; bounds {} and {}): dropping the oldest routine"
                        + " messages, {} so far", size(), bytes, maxMessages, maxBytes, droppedRoutine);
            }
        }
        boolean over = size() > maxMessages || bytes > maxBytes;
        if (over && !overLimit) {
            LOG.error("MQTT outbox over its bound ({} messages, {} bytes; bounds {} and {}) with nothing left that may be"
                    + " dropped: urgent, record and latest messages are kept beyond the bound, using more disk, until the"
                    + " broker is back", size(), bytes, maxMessages, maxBytes);
        } else if (!over && overLimit) {
            LOG.info("MQTT outbox back within its bounds ({} messages, {} bytes)", size(), bytes);
        }
        overLimit = over;
    }

    /**
     * Waits up to {@code timeoutMillis} (0: not at all) for something to send while fewer than
     * {@code window} messages are in flight, then takes as many as the window allows (urgent first),
     * numbers those sent for the first time, commits, and returns them ready for the wire.
     */
    List<Ready> take(int window, long timeoutMillis) throws IOException, InterruptedException {
        return take(window, timeoutMillis, () -> true);
    }

    /**
     * The same, taking nothing if {@code stillConnected} says no after the wait: a message numbered for a
     * connection that is already gone would go out after the next birth with a lower seq.
     */
    List<Ready> take(int window, long timeoutMillis, BooleanSupplier stillConnected)
            throws IOException, InterruptedException {
        List<Ready> ready = new ArrayList<>();
        long ticket;
        synchronized (this) {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            long woken = wakeups;
            while (!worthTaking(window) && woken == wakeups) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                wait(left);
            }
            checkOpen();
            if (!stillConnected.getAsBoolean()) {
                return ready;
            }
            int max = window - inFlight.size();
            boolean numbered = false;
            while (ready.size() < max && (!urgent.isEmpty() || !others.isEmpty())) {
                Entry entry = (!urgent.isEmpty() ? urgent : others).firstEntry().getValue();
                byte[] record = messages.get(entry.key);
                boolean first = entry.seq == 0;
                byte[] payload;
                try {
                    payload = payload(entry, record);
                } catch (IOException | RuntimeException e) {
                    LOG.error("MQTT outbox: stored message {} on {} cannot be read and is removed: {}", entry.key,
                            entry.subtopic, e.toString());
                    unindex(entry);
                    messages.remove(entry.key);
                    continue;
                }
                numbered |= first;
                unqueue(entry);
                inFlight.put(entry.key, entry);
                ready.add(new Ready(entry, entry.subtopic, payload, entry.seq, entry.retained));
            }
            if (numbered) {
                meta.put(LAST_SEQ, lastSeq);
            }
            ticket = numbered ? ++written : 0;
        }
        if (ticket > 0) {
            awaitDurable(ticket);
        }
        return ready;
    }

    /**
     * Something waits and the window has room for it: an urgent message as soon as there is any room,
     * otherwise once half the window is free (or all that waits fits), so that one commit numbers a
     * batch instead of each acknowledgement costing a disk sync.
     */
    private boolean worthTaking(int window) {
        int free = window - inFlight.size();
        int waiting = urgent.size() + others.size();
        if (free <= 0 || waiting == 0) {
            return false;
        }
        return !urgent.isEmpty() || free >= Math.min(Math.max(1, window / 2), waiting);
    }

    /** The stored payload, or the draft rendered now with a new id and the next seq (stored in its place). */
    private byte[] payload(Entry entry, byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        skipHeader(in);
        byte[] content = in.readNBytes(in.readInt());
        if (entry.seq > 0) {
            return content;
        }
        JsonObject draft = JsonParser.parseString(new String(content, StandardCharsets.UTF_8)).getAsJsonObject();
        long seq = lastSeq + 1;
        byte[] payload = renderer.render(draft.get("schema").getAsString(), Instant.parse(draft.get("time").getAsString()),
                draft.getAsJsonObject("body"), UUID.randomUUID(), seq);
        lastSeq = seq;
        entry.seq = seq;
        byte[] rendered = record(entry, payload);
        messages.put(entry.key, rendered);
        bytes += rendered.length - entry.bytes;
        entry.bytes = rendered.length;
        return payload;
    }

    /** A seq for a message that does not wait in the outbox (birth, death), committed before it is returned. */
    long nextSeq() throws IOException {
        long ticket;
        long seq;
        synchronized (this) {
            checkOpen();
            seq = ++lastSeq;
            meta.put(LAST_SEQ, lastSeq);
            ticket = ++written;
        }
        awaitDurable(ticket);
        return seq;
    }

    /** The broker has the message: it leaves the store (committed with the next batch or {@link #flush}). */
    synchronized void delivered(Entry entry) {
        // It may be back in the queues already if the connection ended as its acknowledgement arrived.
        if (inFlight.remove(entry.key) != null || urgent.remove(entry.key) != null || others.remove(entry.key) != null) {
            routine.remove(entry.key);
            count(entry, -1);
            messages.remove(entry.key);
            written++;
            if (overLimit) {
                enforceBounds();
            }
            notifyAll();
        }
    }

    /**
     * A new connection starts: whatever was in flight goes back to its place, and the newest retained
     * LATEST message of every subtopic is queued again if none is waiting (a restarted broker may have
     * lost its retained copy); the restated one is a new message, with a new id and seq.
     */
    void restartDelivery() throws IOException {
        long ticket;
        synchronized (this) {
            checkOpen();
            for (Entry entry : inFlight.values()) {
                queue(entry);
            }
            inFlight.clear();
            Map<String, Boolean> waiting = new HashMap<>();
            for (Entry entry : urgent.values()) {
                waiting.put(entry.subtopic, true);
            }
            for (Entry entry : others.values()) {
                waiting.put(entry.subtopic, true);
            }
            long now = clock.millis();
            for (Map.Entry<String, byte[]> latest : retainedLatest.entrySet()) {
                if (!waiting.containsKey(latest.getKey())) {
                    Entry entry = new Entry(nextKey++, Delivery.LATEST, latest.getKey(), true, now, 0, 0);
                    byte[] record = record(entry, latest.getValue());
                    entry.bytes = record.length;
                    messages.put(entry.key, record);
                    index(entry);
                }
            }
            ticket = ++written;
        }
        awaitDurable(ticket);
    }

    /**
     * Stops restating the retained subtopics under {@code prefix} that are not in {@code keep} (a zone
     * that left the configuration). Made durable with the next commit; lost in a crash, a stale one is
     * restated once more.
     */
    synchronized void keepRetained(String prefix, Set<String> keep) {
        List<String> gone = retainedLatest.keySet().stream()
                .filter(subtopic -> subtopic.startsWith(prefix) && !keep.contains(subtopic)).toList();
        if (!gone.isEmpty()) {
            gone.forEach(retainedLatest::remove); // MVMap's key set cannot remove through its iterator
            written++;
        }
    }

    /** Commits what is not on disk yet (acknowledged removals); the link calls it when idle and on close. */
    void flush() throws IOException {
        long ticket;
        synchronized (this) {
            if (store.isClosed()) {
                return;
            }
            ticket = written;
        }
        awaitDurable(ticket);
    }

    /** Wakes a caller waiting in {@link #take}, which then returns what it can take at once. */
    synchronized void wake() {
        wakeups++;
        notifyAll();
    }

    /** Waits up to {@code timeoutMillis} until nothing is waiting or in flight; true if so. */
    synchronized boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (size() > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized int size() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized Figures figures() {
        long oldest = Long.MAX_VALUE;
        for (TreeMap<Long, Entry> queue : List.of(urgent, others)) {
            if (!queue.isEmpty()) {
                oldest = Math.min(oldest, queue.firstEntry().getValue().storedAt);
            }
        }
        for (Entry entry : inFlight.values()) {
            oldest = Math.min(oldest, entry.storedAt);
        }
        Map<Delivery, Integer> byDelivery = new EnumMap<>(Delivery.class);
        for (Delivery d : Delivery.values()) {
            byDelivery.put(d, counts.getOrDefault(d, 0));
        }
        Duration age = oldest == Long.MAX_VALUE ? null : Duration.ofMillis(Math.max(0, clock.millis() - oldest));
        return new Figures(Map.copyOf(byDelivery), bytes, age, droppedRoutine, coalescedLatest, overLimit, maxMessages,
                maxBytes);
    }

    /** Commits and closes; what is still waiting is sent after the next start. */
    @Override
    public void close() {
        synchronized (commitLock) {
            synchronized (this) {
                if (store.isClosed()) {
                    return;
                }
                try {
                    store.close();
                } catch (RuntimeException e) {
                    LOG.error("MQTT outbox {} not closed cleanly: {}; the last acknowledgements may be resent", file,
                            e.toString());
                    store.closeImmediately();
                }
            }
        }
    }

    private void awaitDurable(long ticket) throws IOException {
        synchronized (commitLock) {
            if (durable >= ticket) {
                return; // another caller's commit took this one along
            }
            long upTo;
            try {
                synchronized (this) {
                    checkOpen();
                    upTo = written;
                    store.commit();
                }
                // Forcing the file is the slow part; senders arriving meanwhile wait for the next commit together.
                store.sync();
            } catch (IllegalStateException e) {
                throw new IOException("MQTT outbox " + file + " cannot be written: " + e.getMessage(), e);
            }
            durable = upTo;
        }
    }

    private void checkOpen() throws IOException {
        if (store.isClosed()) {
            throw new IOException("MQTT outbox " + file + " is closed");
        }
    }

    private void index(Entry entry) {
        queue(entry);
        count(entry, 1);
    }

    private void queue(Entry entry) {
        (entry.delivery == Delivery.URGENT ? urgent : others).put(entry.key, entry);
        if (entry.delivery == Delivery.ROUTINE) {
            routine.put(entry.key, entry);
        }
        if (entry.delivery == Delivery.LATEST && entry.seq == 0) {
            unsentLatest.put(entry.subtopic, entry);
        }
    }

    private void unqueue(Entry entry) {
        urgent.remove(entry.key);
        others.remove(entry.key);
        routine.remove(entry.key);
        unsentLatest.remove(entry.subtopic, entry);
    }

    private void unindex(Entry entry) {
        unqueue(entry);
        inFlight.remove(entry.key);
        count(entry, -1);
    }

    private void count(Entry entry, int sign) {
        counts.merge(entry.delivery, sign, Integer::sum);
        bytes += (long) sign * entry.bytes;
    }

    private static byte[] draft(UplinkMessage message) {
        JsonObject draft = new JsonObject();
        draft.addProperty("schema", message.schema());
        draft.addProperty("time", message.time().toString());
        draft.add("body", message.body());
        return draft.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** format, delivery, retained, storedAt, subtopic, seq (0 = draft), content. */
    private static byte[] record(Entry entry, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(entry.delivery.ordinal());
            out.writeBoolean(entry.retained);
            out.writeLong(entry.storedAt);
            out.writeUTF(entry.subtopic);
            out.writeLong(entry.seq);
            out.writeInt(content.length);
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Entry header(long key, byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown record format " + format);
        }
        Delivery delivery = Delivery.values()[in.readByte()];
        boolean retained = in.readBoolean();
        long storedAt = in.readLong();
        String subtopic = in.readUTF();
        long seq = in.readLong();
        int length = in.readInt();
        if (length < 0 || length != in.available()) {
            throw new IOException("record length " + length + " does not match");
        }
        return new Entry(key, delivery, subtopic, retained, storedAt, record.length, seq);
    }

    private static void skipHeader(DataInputStream in) throws IOException {
        in.readByte();
        in.readByte();
        in.readBoolean();
        in.readLong();
        in.readUTF();
        in.readLong();
    }
}
