package org.medcab.picking.internal;

import java.util.Objects;

import org.medcab.hospital.CommandRejectedException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What a {@code cmd/pick} asks for.
 *
 * @param orderId        the HIS's pick order id
 * @param gtin           the drug
 * @param quantity       how many units
 * @param timeoutSeconds how long the pick may take; null for the configured default
 */
record PickOrder(String orderId, String gtin, int quantity, Integer timeoutSeconds) {
    PickOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(gtin, "gtin");
    }

    /**
     * Reads a payload that passed {@code cmd-pick.json}; still refuses a payload that did not, so a
     * link without schema validation cannot make the engine act on nonsense.
     */
    static PickOrder of(JsonObject payload) throws CommandRejectedException {
        return new PickOrder(text(payload, "orderId"), text(payload, "gtin"), number(payload, "quantity"),
                payload.has("timeoutSeconds") ? number(payload, "timeoutSeconds") : null);
    }

    static String text(JsonObject payload, String field) throws CommandRejectedException {
        JsonElement value = payload.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new CommandRejectedException("/" + field, "required, a string");
        }
        return value.getAsString();
    }

    private static int number(JsonObject payload, String field) throws CommandRejectedException {
        JsonElement value = payload.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw new CommandRejectedException("/" + field, "required, an integer");
        }
        try {
            return value.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException e) {
            throw new CommandRejectedException("/" + field, "must be a whole number in range, not " + value);
        }
    }
}
