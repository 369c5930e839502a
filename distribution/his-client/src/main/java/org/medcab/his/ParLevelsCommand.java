package org.medcab.his;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

/** {@code par-levels --csv F}: how many of a drug each zone must hold, command {@code par-levels}. */
final class ParLevelsCommand extends CsvCommand {
    private static final Pattern ZONE = Pattern.compile("[^/+#\\u0000]{1,64}");

    @Override
    public String name() {
        return "par-levels";
    }

    @Override
    public String summary() {
        return "set par levels from CSV (zone,gtin,level,reorderPoint)";
    }

    @Override
    public String usage() {
        return """
                medcab-his par-levels --csv levels.csv --gateway G [--replace] [options]

                Sends {"levels":[{zone,gtin,level,reorderPoint}, ...],"replace":false} on cmd/par-levels, all rows in one
                command. --replace: the gateway drops every par level not in the file. reorderPoint may be empty.
                  --replace               replace all par levels instead of adding to / changing them
                """ + CSV_USAGE.replace("rows per command [1000]", "not used: one command")
                + COMMON_USAGE;
    }

    @Override
    Set<String> valued() {
        return Set.of("csv");
    }

    @Override
    Set<String> switches() {
        return Set.of("replace");
    }

    @Override
    String arrayField() {
        return "levels";
    }

    @Override
    List<String> requiredColumns() {
        return List.of("zone", "gtin", "level");
    }

    @Override
    List<String> optionalColumns() {
        return List.of("reorderPoint");
    }

    @Override
    JsonObject row(Csv csv, Csv.Row row, Csv.Keys keys) {
        String zone = row.matching("zone", true, ZONE, "a zone id (1..64 characters without '/', '+', '#')");
        String gtin = row.gtin("gtin");
        if (zone != null && gtin != null) {
            keys.once(row, "gtin", zone + " " + gtin);
        }
        Integer level = row.integer("level", true, 0);
        Integer reorder = row.integer("reorderPoint", false, 0);
        JsonObject o = new JsonObject();
        put(o, "zone", zone);
        put(o, "gtin", gtin);
        if (level != null) {
            o.addProperty("level", level);
        }
        if (reorder != null) {
            o.addProperty("reorderPoint", reorder);
        }
        return unlessMissing(o, zone, gtin, level);
    }

    @Override
    void complete(JsonObject payload, Options o) {
        payload.addProperty("replace", o.flag("replace"));
    }

    @Override
    List<JsonObject> payloads(String source, String text, int batch, Options o) throws InputException {
        // One command: replace=true in several batches would let each batch wipe the one before.
        return super.payloads(source, text, Integer.MAX_VALUE, o);
    }
}
