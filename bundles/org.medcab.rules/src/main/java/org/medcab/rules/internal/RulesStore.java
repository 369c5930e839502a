package org.medcab.rules.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What the rules keep across restarts, in two small JSON files of one folder (the bundle's data
 * area by default), each rewritten whole and atomically ({@link AtomicJsonFile}):
 * {@value #LEVELS_FILE}, the par level table as the HIS last set it, and {@value #REQUESTED_FILE},
 * the zone/drug pairs whose replenishment request was sent and has not been answered by a refill
 * yet, so a restart does not ask again.
 */
final class RulesStore {
    static final String LEVELS_FILE = "par-levels.json";
    static final String REQUESTED_FILE = "replenishment-requested.json";
    private static final int FORMAT = 1;

    private final AtomicJsonFile levels;
    private final AtomicJsonFile requested;

    RulesStore(Path folder) {
        levels = new AtomicJsonFile(folder.resolve(LEVELS_FILE));
        requested = new AtomicJsonFile(folder.resolve(REQUESTED_FILE));
    }

    Path levelsFile() {
        return levels.path();
    }

    /**
     * The stored table; empty when none was ever stored.
     *
     * @throws IOException when the file cannot be read or does not hold a valid table (moved aside)
     */
    ParLevels loadLevels() throws IOException {
        Optional<JsonObject> doc = levels.read();
        if (doc.isEmpty()) {
            return ParLevels.EMPTY;
        }
        try {
            checkFormat(doc.get());
            List<ParLevel> rows = new ArrayList<>();
            for (JsonElement e : doc.get().getAsJsonArray("levels")) {
                JsonObject row = e.getAsJsonObject();
                rows.add(new ParLevel(row.get("zone").getAsString(), row.get("gtin").getAsString(),
                        row.get("level").getAsInt(), row.get("reorderPoint").getAsInt()));
            }
            return ParLevels.of(rows);
        } catch (RuntimeException e) {
            throw new IOException(levels.path() + " does not hold a par level table (" + e + "); moved aside to "
                    + levels.moveAside(), e);
        }
    }

    /** Stores the table; when this returns it survives a crash. */
    void saveLevels(ParLevels table, String requestId) throws IOException {
        JsonArray rows = new JsonArray();
        for (ParLevel level : table.rows()) {
            JsonObject row = row(level.key());
            row.addProperty("level", level.level());
            row.addProperty("reorderPoint", level.reorderPoint());
            rows.add(row);
        }
        JsonObject doc = new JsonObject();
        doc.addProperty("format", FORMAT);
        doc.addProperty("requestId", requestId);
        doc.add("levels", rows);
        levels.write(doc);
    }

    /** The zone/drug pairs whose replenishment request is outstanding. */
    Set<ZoneDrug> loadRequested() throws IOException {
        Optional<JsonObject> doc = requested.read();
        Set<ZoneDrug> result = new TreeSet<>();
        if (doc.isEmpty()) {
            return result;
        }
        try {
            checkFormat(doc.get());
            for (JsonElement e : doc.get().getAsJsonArray("requested")) {
                JsonObject row = e.getAsJsonObject();
                result.add(new ZoneDrug(row.get("zone").getAsString(), row.get("gtin").getAsString()));
            }
            return result;
        } catch (RuntimeException e) {
            throw new IOException(requested.path() + " does not hold replenishment requests (" + e + "); moved aside to "
                    + requested.moveAside(), e);
        }
    }

    void saveRequested(Set<ZoneDrug> pairs) throws IOException {
        JsonArray rows = new JsonArray();
        for (ZoneDrug pair : new TreeSet<>(pairs)) {
            rows.add(row(pair));
        }
        JsonObject doc = new JsonObject();
        doc.addProperty("format", FORMAT);
        doc.add("requested", rows);
        requested.write(doc);
    }

    private static JsonObject row(ZoneDrug key) {
        JsonObject row = new JsonObject();
        row.addProperty("zone", key.zone());
        row.addProperty("gtin", key.gtin());
        return row;
    }

    private static void checkFormat(JsonObject doc) {
        if (!doc.has("format") || doc.get("format").getAsInt() != FORMAT) {
            throw new IllegalArgumentException("unknown format " + doc.get("format"));
        }
    }
}
