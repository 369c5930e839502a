package org.medcab.mqtt.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The durable memory of the command path, one H2 MVStore file ({@value #FILE}) in the link's data
 * directory:
 * <ul>
 * <li>the <em>inbox</em>: every command as it arrived, raw, until its reply is in the uplink. What is
 * still there after a restart is processed again;</li>
 * <li>the <em>requests</em>: per request id, the request's digest, whether its handler was called,
 * and the latest reply, so that a redelivery is answered again instead of applied twice. Kept for
 * the retention time and up to a count; finished requests older than that are forgotten.</li>
 * </ul>
 * Every change that a reply depends on is committed and synced to disk before the method returns.
 * MVStore writes append-only chunks with checksums: after a crash the file opens at the last
 * complete commit.
 */
final class RequestLog implements AutoCloseable {
    static final String FILE = "commands.mv";
    /** Longest command name kept from a topic: longer is no command of the contract anyway. */
    static final int MAX_COMMAND = 256;

    /** A command as it arrived; {@code payload} is null when it was larger than the limit and not kept. */
    record Arrival(long key, String command, Instant received, int size, byte[] payload) {
    }

    enum State {
        /** The handler was called and has not returned a reply yet (or the gateway stopped meanwhile). */
        HANDLING,
        /** A reply is stored. */
        DONE
    }

    /** The latest reply to a request, as it went to the uplink. */
    record StoredReply(String schema, String subtopic, Instant time, JsonObject body) {
    }

    /**
     * What is remembered of one request id.
     *
     * @param applied whether the handler may have changed anything (it was called and did not reject)
     * @param order   the inbox key of the arrival it came with: the age order for forgetting
     */
    record Request(String command, String digest, Instant received, State state, boolean applied, long order,
            StoredReply reply) {
        Request withReply(State newState, boolean nowApplied, StoredReply latest) {
            return new Request(command, digest, received, newState, nowApplied, order, latest);
        }
    }

    private final MVStore store;
    private final MVMap<Long, byte[]> inbox;
    private final MVMap<String, String> requests;
    private final MVMap<Long, String> order;
    private final Duration retention;
    private final int limit;
    private long nextKey;

    private RequestLog(MVStore store, Duration retention, int limit) {
        this.store = store;
        this.retention = retention;
        this.limit = limit;
        inbox = store.openMap("inbox");
        requests = store.openMap("requests");
        order = store.openMap("order");
        Long lastInbox = inbox.lastKey();
        Long lastOrder = order.lastKey();
        nextKey = Math.max(lastInbox == null ? 0 : lastInbox, lastOrder == null ? 0 : lastOrder) + 1;
    }

    /** Opens (or creates) the log in a directory. */
    static RequestLog open(Path directory, Duration retention, int limit) {
        MVStore store = new MVStore.Builder()
                .fileName(directory.resolve(FILE).toString())
                // Commits are ours, each before a reply depends on it; no background writer.
                .autoCommitDisabled()
                .open();
        return new RequestLog(store, retention, limit);
    }

    /** Stores an arrival durably; returns its key. */
    synchronized long arrived(String command, byte[] payloadOrNull, int size, Instant received) {
        long key = nextKey++;
        inbox.put(key, encode(new Arrival(key, command, received, size, payloadOrNull)));
        commit();
        return key;
    }

    /** Every arrival not yet answered, oldest first. */
    synchronized List<Arrival> unanswered() {
        List<Arrival> all = new ArrayList<>();
        for (Iterator<Long> it = inbox.keyIterator(null); it.hasNext();) {
            long key = it.next();
            all.add(decode(key, inbox.get(key)));
        }
        return all;
    }

    synchronized Optional<Arrival> arrival(long key) {
        byte[] bytes = inbox.get(key);
        return bytes == null ? Optional.empty() : Optional.of(decode(key, bytes));
    }

    /** The arrival's reply is in the uplink; it is not processed again after a restart. */
    synchronized void answered(long key) {
        inbox.remove(key);
        // Not synced: if this is lost, a restart answers the request again from its stored reply.
        store.commit();
    }

    synchronized Optional<Request> request(String requestId) {
        String json = requests.get(requestId);
        return json == null ? Optional.empty() : Optional.of(fromJson(json));
    }

    /** Stores what is known of a request id, durably, and forgets what has outlived retention and count. */
    synchronized void put(String requestId, Request request, Instant now) {
        String previous = requests.put(requestId, toJson(request));
        if (previous != null) {
            long previousOrder = fromJson(previous).order();
            if (previousOrder != request.order()) {
                order.remove(previousOrder);
            }
        }
        order.put(request.order(), requestId);
        forget(now);
        commit();
    }

    synchronized int size() {
        return requests.size();
    }

    private void forget(Instant now) {
        Instant horizon = now.minus(retention);
        int excess = requests.size() - limit;
        for (Iterator<Long> it = order.keyIterator(null); it.hasNext();) {
            long key = it.next();
            String id = order.get(key);
            String json = id == null ? null : requests.get(id);
            if (json == null) {
                order.remove(key);
                continue;
            }
            Request r = fromJson(json);
            boolean tooMany = excess > 0;
            if (!tooMany && !r.received().isBefore(horizon)) {
                return; // in age order: everything after this one is younger
            }
            if (r.state() == State.DONE) {
                requests.remove(id);
                order.remove(key);
                excess--;
            }
        }
    }

    private void commit() {
        store.commit();
        store.sync();
    }

    @Override
    public synchronized void close() {
        store.close();
    }

    private static byte[] encode(Arrival a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (a.payload() == null ? 0 : a.payload().length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(a.command().length() > MAX_COMMAND ? a.command().substring(0, MAX_COMMAND) : a.command());
            out.writeLong(a.received().getEpochSecond());
            out.writeInt(a.received().getNano());
            out.writeInt(a.size());
            out.writeBoolean(a.payload() != null);
            if (a.payload() != null) {
                out.write(a.payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Arrival decode(long key, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String command = in.readUTF();
            Instant received = Instant.ofEpochSecond(in.readLong(), in.readInt());
            int size = in.readInt();
            byte[] payload = in.readBoolean() ? in.readAllBytes() : null;
            return new Arrival(key, command, received, size, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toJson(Request r) {
        JsonObject o = new JsonObject();
        o.addProperty("command", r.command());
        o.addProperty("digest", r.digest());
        o.addProperty("received", r.received().toString());
        o.addProperty("state", r.state().name());
        o.addProperty("applied", r.applied());
        o.addProperty("order", r.order());
        if (r.reply() != null) {
            JsonObject reply = new JsonObject();
            reply.addProperty("schema", r.reply().schema());
            reply.addProperty("subtopic", r.reply().subtopic());
            reply.addProperty("time", r.reply().time().toString());
            reply.add("body", r.reply().body());
            o.add("reply", reply);
        }
        return o.toString();
    }

    private static Request fromJson(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        StoredReply reply = null;
        if (o.has("reply")) {
            JsonObject r = o.getAsJsonObject("reply");
            reply = new StoredReply(r.get("schema").getAsString(), r.get("subtopic").getAsString(),
                    Instant.parse(r.get("time").getAsString()), r.getAsJsonObject("body"));
        }
        return new Request(o.get("command").getAsString(), o.get("digest").getAsString(),
                Instant.parse(o.get("received").getAsString()), State.valueOf(o.get("state").getAsString()),
                o.get("applied").getAsBoolean(), o.get("order").getAsLong(), reply);
    }

    /** For the README and the log: how many request ids are remembered and for how long. */
    @Override
    public String toString() {
        return "request log " + FILE + " (" + requests.size() + " request ids, retention " + retention + ", limit " + limit + ")";
    }
}
