package org.medcab.his;

import java.util.List;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

/** {@code items --csv F}: registers items (one code each) with batch and expiry, command {@code items}. */
final class ItemsCommand extends CsvCommand {
    /** EPC as upper-case hex, or a 20-digit drug traceability code (as the command's schema has it). */
    private static final Pattern CODE = Pattern.compile("[0-9A-F]{24,64}|8[0-9]{19}");

    @Override
    public String name() {
        return "items";
    }

    @Override
    public String summary() {
        return "register items from CSV (code,gtin,batch,expiry,productionDate)";
    }

    @Override
    public String usage() {
        return """
                medcab-his items --csv items.csv --gateway G [--batch 1000] [options]

                Sends {"items":[{code,gtin,batch,expiry,productionDate}, ...]} on cmd/items, one command per batch.
                code: the EPC as upper-case hex (24..64 digits) or the 20-digit traceability code; dates YYYY-MM-DD;
                productionDate may be empty.
                """ + CSV_USAGE + COMMON_USAGE;
    }

    @Override
    String arrayField() {
        return "items";
    }

    @Override
    List<String> requiredColumns() {
        return List.of("code", "gtin", "batch", "expiry");
    }

    @Override
    List<String> optionalColumns() {
        return List.of("productionDate");
    }

    @Override
    JsonObject row(Csv csv, Csv.Row row, Csv.Keys keys) {
        String code = row.matching("code", true, CODE,
                "an EPC (24..64 upper-case hex digits) or a 20-digit traceability code");
        if (code != null) {
            keys.once(row, "code", code);
        }
        String gtin = row.gtin("gtin");
        String batch = row.required("batch");
        String expiry = row.date("expiry", true);
        String production = row.date("productionDate", false);
        JsonObject item = new JsonObject();
        put(item, "code", code);
        put(item, "gtin", gtin);
        put(item, "batch", batch);
        put(item, "expiry", expiry);
        put(item, "productionDate", production);
        if (production != null && expiry != null && production.compareTo(expiry) > 0) {
            csv.error(row, "productionDate", production + " is after the expiry " + expiry);
            return null;
        }
        return unlessMissing(item, code, gtin, batch, expiry);
    }
}
