package org.medcab.picking.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The active picks and the replies and alarms not yet handed over, as one JSON file rewritten
 * whole on every change: written to a temporary file, forced to the disk, renamed over the old
 * one, the directory forced, so after a crash the file holds either the state before a change or
 * after it. A cabinet has a handful of picks at a time (a few kB), so a whole rewrite per change
 * is cheaper than a database and needs no other bundle to be running before picks can resume.
 */
final class PickStore {
    private static final Logger LOG = LoggerFactory.getLogger(PickStore.class);
    private static final int FORMAT = 1;

    /** What the file held. */
    record State(List<ActivePick> picks, List<Outgoing> outgoing) {
        State {
            picks = List.copyOf(picks);
            outgoing = List.copyOf(outgoing);
        }
    }

    private final Path file;
    private final Clock clock;

    PickStore(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    /**
     * Reads the file; an absent file is an empty state. A file that cannot be read as picks is moved
     * aside (kept for an engineer, named in the log) and the state starts empty: refusing to start
     * would leave the cabinet without pick guidance until someone logs in.
     */
    State load() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new State(List.of(), List.of());
        }
        try {
            JsonObject json = JsonParser.parseString(text).getAsJsonObject();
            if (json.get("format").getAsInt() != FORMAT) {
                throw new IllegalArgumentException("format " + json.get("format") + ", this version reads " + FORMAT);
            }
            List<ActivePick> picks = new ArrayList<>();
            for (JsonElement pick : json.getAsJsonArray("picks")) {
                picks.add(ActivePick.fromJson(pick.getAsJsonObject()));
            }
            List<Outgoing> outgoing = new ArrayList<>();
            for (JsonElement message : json.getAsJsonArray("outgoing")) {
                outgoing.add(Outgoing.fromJson(message.getAsJsonObject()));
            }
            return new State(picks, outgoing);
        } catch (RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + clock.millis());
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.error("pick store {} cannot be read ({}); moved to {} and starting with no active picks: the HIS"
                    + " gets no outcome for picks accepted before", file, e, aside);
            return new State(List.of(), List.of());
        }
    }

    void save(State state) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        JsonArray picks = new JsonArray();
        state.picks().forEach(p -> picks.add(p.toJson()));
        json.add("picks", picks);
        JsonArray outgoing = new JsonArray();
        state.outgoing().forEach(o -> outgoing.add(o.toJson()));
        json.add("outgoing", outgoing);

        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(json.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The rename is durable only once the directory is on disk too.
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("cannot force directory {}: {}", file.getParent(), e.toString());
        }
    }
}
