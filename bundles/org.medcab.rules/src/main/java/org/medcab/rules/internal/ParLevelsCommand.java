package org.medcab.rules.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.hospital.ReplyStatus;
import org.medcab.identifiers.Gtin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * {@code cmd/par-levels}: the HIS sets how many units of which drug each zone must hold. Every row
 * is checked before anything changes; the new table is stored durably, then takes effect.
 * With {@code replace: false} (the default) the valid rows are merged into the table (level 0
 * removes a row) and the invalid ones are named in the reply ({@code partial}); with
 * {@code replace: true} the request is the whole new table, so one invalid row rejects it all.
 */
final class ParLevelsCommand implements CommandHandler {
    static final String NAME = "par-levels";
    /** Also the schema's maxItems: a cabinet has tens of zones and a few drugs per zone. */
    static final int MAX_ROWS = 10_000;
    static final int MAX_LEVEL = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(ParLevelsCommand.class);
    private static final Set<String> TOP_FIELDS = Set.of("schema", "requestId", "correlationId", "levels", "replace");
    private static final Set<String> ROW_FIELDS = Set.of("zone", "gtin", "level", "reorderPoint");

    private final RulesStore store;
    private final Consumer<ParLevels> changed;
    private volatile ParLevels table;

    /**
     * @param initial the table as loaded from the store
     * @param changed told of every new table once it is stored (on the calling thread)
     */
    ParLevelsCommand(RulesStore store, ParLevels initial, Consumer<ParLevels> changed) {
        this.store = store;
        this.table = initial;
        this.changed = changed;
    }

    ParLevels table() {
        return table;
    }

    @Override
    public synchronized CommandReply handle(CommandRequest request) throws CommandRejectedException {
        JsonObject payload = request.payload();
        for (String field : payload.keySet()) {
            if (!TOP_FIELDS.contains(field)) {
                throw new CommandRejectedException("/" + field, "unknown field");
            }
        }
        boolean replace = false;
        if (payload.has("replace")) {
            JsonElement r = payload.get("replace");
            if (!(r.isJsonPrimitive() && r.getAsJsonPrimitive().isBoolean())) {
                throw new CommandRejectedException("/replace", "must be true or false");
            }
            replace = r.getAsBoolean();
        }
        JsonElement levelsField = payload.get("levels");
        if (levelsField == null || !levelsField.isJsonArray()) {
            throw new CommandRejectedException("/levels", "required: an array of {zone, gtin, level, reorderPoint}");
        }
        JsonArray rows = levelsField.getAsJsonArray();
        if (rows.size() > MAX_ROWS) {
            throw new CommandRejectedException("/levels", "at most " + MAX_ROWS + " rows, got " + rows.size());
        }

        List<ParLevels.Change> changes = new ArrayList<>();
        JsonArray rejected = new JsonArray();
        Map<ZoneDrug, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                ParLevels.Change change = row(rows.get(i), i);
                Integer earlier = seen.putIfAbsent(change.key(), i);
                if (earlier != null) {
                    throw new RowProblem("/levels/" + i, "same zone and gtin as row " + earlier);
                }
                changes.add(change);
            } catch (RowProblem p) {
                JsonObject r = new JsonObject();
                r.addProperty("index", i);
                r.addProperty("field", p.field);
                r.addProperty("problem", p.problem);
                rejected.add(r);
            }
        }
        if (replace && !rejected.isEmpty()) {
            JsonObject first = rejected.get(0).getAsJsonObject();
            throw new CommandRejectedException(first.get("field").getAsString(), first.get("problem").getAsString()
                    + " (replace applies the whole table or nothing; " + rejected.size() + " of " + rows.size()
                    + " rows are invalid)");
        }

        ParLevels next = replace
                ? ParLevels.of(changes.stream().filter(c -> c.level() != null).map(ParLevels.Change::level).toList())
                : table.merge(changes);
        if (!next.equals(table)) {
            try {
                store.saveLevels(next, request.requestId());
            } catch (IOException e) {
                // Nothing changed: the table in memory is still the stored one. The link replies failed.
                throw new UncheckedIOException("par levels not stored in " + store.levelsFile() + ": " + e.getMessage(), e);
            }
            table = next;
            LOG.info("par levels {} by request {}: {} rows applied, {} rejected, {} rows in the table",
                    replace ? "replaced" : "updated", request.requestId(), changes.size(), rejected.size(), next.size());
            changed.accept(next);
        }
        JsonObject result = new JsonObject();
        result.addProperty("applied", changes.size());
        result.add("rejected", rejected);
        result.addProperty("tableRows", next.size());
        return CommandReply.of(rejected.isEmpty() ? ReplyStatus.OK : ReplyStatus.PARTIAL, result);
    }

    /** One row, checked field by field in the order an integrator reads them. */
    private static ParLevels.Change row(JsonElement element, int index) throws RowProblem {
        String at = "/levels/" + index;
        if (!element.isJsonObject()) {
            throw new RowProblem(at, "must be an object {zone, gtin, level, reorderPoint}");
        }
        JsonObject row = element.getAsJsonObject();
        for (String field : row.keySet()) {
            if (!ROW_FIELDS.contains(field)) {
                throw new RowProblem(at + "/" + field, "unknown field");
            }
        }
        String zone = string(row, "zone", at);
        if (!TopicLevel.isValid(zone)) {
            throw new RowProblem(at + "/zone", "a zone id is 1 to 64 characters without '/', '+', '#' or NUL");
        }
        String gtin = string(row, "gtin", at);
        if (!gtin.matches("[0-9]{14}")) {
            throw new RowProblem(at + "/gtin", "a GTIN-14 is 14 digits");
        }
        if (!Gtin.isValid(gtin)) {
            throw new RowProblem(at + "/gtin", "check digit is wrong (should be " + Gtin.checkDigit(gtin.substring(0, 13)) + ")");
        }
        int level = integer(row, "level", at, 0, MAX_LEVEL);
        int reorderPoint = integer(row, "reorderPoint", at, 0, MAX_LEVEL);
        ZoneDrug key = new ZoneDrug(zone, gtin);
        if (level == 0) {
            return new ParLevels.Change(key, null);
        }
        if (reorderPoint >= level) {
            throw new RowProblem(at + "/reorderPoint", "must be below the level (" + level + ")");
        }
        return new ParLevels.Change(key, new ParLevel(zone, gtin, level, reorderPoint));
    }

    private static String string(JsonObject row, String field, String at) throws RowProblem {
        JsonElement e = row.get(field);
        if (e == null) {
            throw new RowProblem(at + "/" + field, "required");
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
            throw new RowProblem(at + "/" + field, "must be a string");
        }
        return e.getAsString();
    }

    private static int integer(JsonObject row, String field, String at, int min, int max) throws RowProblem {
        JsonElement e = row.get(field);
        if (e == null) {
            throw new RowProblem(at + "/" + field, "required");
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())) {
            throw new RowProblem(at + "/" + field, "must be an integer");
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        BigDecimal value = p.getAsBigDecimal();
        if (value.stripTrailingZeros().scale() > 0) {
            throw new RowProblem(at + "/" + field, "must be an integer");
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new RowProblem(at + "/" + field, "must be from " + min + " to " + max);
        }
        return value.intValueExact();
    }

    /** A row's problem: which field (JSON Pointer) and what is wrong. */
    private static final class RowProblem extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;
        final String problem;

        RowProblem(String field, String problem) {
            super(field + ": " + problem, null, false, false);
            this.field = field;
            this.problem = problem;
        }
    }
}
