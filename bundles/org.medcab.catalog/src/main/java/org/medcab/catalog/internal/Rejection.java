package org.medcab.catalog.internal;

import java.util.Objects;

import com.google.gson.JsonObject;

/**
 * One row of a batch that was not applied, and why.
 *
 * @param index   the row's position in its list of the request, from 0
 * @param key     the row's GTIN (drugs) or item code (items, removals, units), or null when it had none
 * @param field   JSON Pointer of the offending field in the request, e.g. {@code /items/12/expiry}
 * @param problem what is wrong, in words an integrator understands
 */
record Rejection(int index, String key, String field, String problem) {
    Rejection {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
    }

    /** As the reply shows it; {@code keyName} is {@code gtin} or {@code code}. */
    JsonObject toJson(String keyName) {
        JsonObject json = new JsonObject();
        json.addProperty("index", index);
        if (key != null) {
            json.addProperty(keyName, key);
        }
        json.addProperty("field", field);
        json.addProperty("problem", problem);
        return json;
    }
}
