package org.medcab.his;

import java.util.List;

import com.google.gson.JsonObject;

/** {@code catalog --csv F}: the drug catalogue (one row per GTIN), command {@code catalog}. */
final class CatalogCommand extends CsvCommand {
    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public String summary() {
        return "load the drug catalogue from CSV (gtin,name,strength,form,manufacturer,approvalNumber,storageClass)";
    }

    @Override
    public String usage() {
        return """
                medcab-his catalog --csv drugs.csv --gateway G [--batch 1000] [options]

                Sends {"drugs":[{gtin,name,strength,form,manufacturer,approvalNumber,storageClass}, ...]} on cmd/catalog,
                one command per batch. Columns gtin and name are required, the others may be left out or empty.
                """ + CSV_USAGE + COMMON_USAGE;
    }

    @Override
    String arrayField() {
        return "drugs";
    }

    @Override
    List<String> requiredColumns() {
        return List.of("gtin", "name");
    }

    @Override
    List<String> optionalColumns() {
        return List.of("strength", "form", "manufacturer", "approvalNumber", "storageClass");
    }

    @Override
    JsonObject row(Csv csv, Csv.Row row, Csv.Keys keys) {
        String gtin = row.gtin("gtin");
        if (gtin != null) {
            keys.once(row, "gtin", gtin);
        }
        String name = row.required("name");
        JsonObject drug = new JsonObject();
        put(drug, "gtin", gtin);
        put(drug, "name", name);
        for (String column : optionalColumns()) {
            put(drug, column, row.optional(column));
        }
        return unlessMissing(drug, gtin, name);
    }
}
