package org.medcab.picking.internal;

import java.time.LocalDate;
import java.util.Objects;

import org.medcab.catalog.RegisteredItem;

import com.google.gson.JsonObject;

/**
 * One item as a pick speaks of it: where it was and what the catalog said it is when it was
 * offered or left. {@code gtin}, {@code batch} and {@code expiry} are null for an item the catalog
 * does not know.
 */
record Unit(String code, String zone, String gtin, String batch, LocalDate expiry) {
    Unit {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(zone, "zone");
    }

    static Unit of(String code, String zone, RegisteredItem item) {
        return item == null ? new Unit(code, zone, null, null, null)
                : new Unit(code, zone, item.gtin(), item.batch(), item.expiry());
    }

    boolean registered() {
        return gtin != null;
    }

    /** {@code code} and whichever of {@code gtin}, {@code batch}, {@code expiry} are known. */
    JsonObject identity(boolean withGtin) {
        JsonObject json = new JsonObject();
        json.addProperty("code", code);
        if (withGtin && gtin != null) {
            json.addProperty("gtin", gtin);
        }
        if (batch != null) {
            json.addProperty("batch", batch);
        }
        if (expiry != null) {
            json.addProperty("expiry", expiry.toString());
        }
        return json;
    }

    /** Everything, for the pick store. */
    JsonObject toJson() {
        JsonObject json = identity(true);
        json.addProperty("zone", zone);
        return json;
    }

    static Unit fromJson(JsonObject json) {
        return new Unit(json.get("code").getAsString(), json.get("zone").getAsString(), optional(json, "gtin"),
                optional(json, "batch"), json.has("expiry") ? LocalDate.parse(json.get("expiry").getAsString()) : null);
    }

    private static String optional(JsonObject json, String field) {
        return json.has(field) ? json.get(field).getAsString() : null;
    }
}
