package org.medcab.rules.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import org.medcab.catalog.Drug;
import org.medcab.catalog.ItemCatalog;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;
import org.medcab.rules.StatusReason;
import org.medcab.rules.ZoneCondition;
import org.medcab.rules.ZoneStatus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** The messages the rules send to the HIS, as the contract's schemas describe them. */
final class StatusMessages {
    static final String ZONE_STATUS_SCHEMA = "medcab/zone-status/1";
    static final String ZONE_STATUS_EVENTS = "events/zone-status";
    static final String REPLENISHMENT_SCHEMA = "medcab/replenishment/1";
    static final String REPLENISHMENT_EVENTS = "events/replenishment";

    private StatusMessages() {
    }

    /** A change of a zone's status: never dropped, in order. */
    static UplinkMessage statusEvent(JsonObject body, ZoneStatus status) {
        return new UplinkMessage(ZONE_STATUS_SCHEMA, ZONE_STATUS_EVENTS, status.evaluated(), body, Delivery.RECORD, false);
    }

    /** The zone's current status, retained on {@code status/{zone}} for an HIS screen that joins later. */
    static UplinkMessage currentStatus(JsonObject body, ZoneStatus status) {
        return new UplinkMessage(ZONE_STATUS_SCHEMA, "status/" + status.zone(), status.evaluated(), body, Delivery.LATEST, true);
    }

    /**
     * The body both carry.
     *
     * @param today    the local date the status was worked out on (expiry days are counted from it)
     * @param previous the condition the HIS was told before, null for the first status it gets
     */
    static JsonObject statusBody(ZoneStatus status, LocalDate today, ZoneCondition previous, ItemCatalog catalog) {
        JsonObject body = new JsonObject();
        body.addProperty("zone", status.zone());
        body.addProperty("condition", wireName(status.condition()));
        body.add("previous", previous == null ? JsonNull.INSTANCE : new JsonPrimitive(wireName(previous)));
        body.addProperty("alarm", status.alarm());
        body.addProperty("localDate", today.toString());
        JsonArray reasons = new JsonArray();
        for (StatusReason reason : status.reasons()) {
            JsonObject r = new JsonObject();
            r.addProperty("kind", wireName(reason.kind()));
            if (!reason.gtin().isEmpty()) {
                r.addProperty("gtin", reason.gtin());
                r.add("drug", drugName(reason.gtin(), catalog));
            }
            JsonArray items = new JsonArray();
            reason.items().forEach(items::add);
            r.add("items", items);
            if (reason.expiry() != null) {
                r.addProperty("expiry", reason.expiry().toString());
                r.addProperty("daysLeft", ZoneRules.daysLeft(today, reason.expiry()));
            }
            if (reason.kind() == StatusReason.Kind.BELOW_PAR) {
                r.addProperty("required", reason.required());
                r.addProperty("present", reason.present());
            }
            reasons.add(r);
        }
        body.add("reasons", reasons);
        return body;
    }

    /** A drug fell to or below its reorder point in a zone. */
    static UplinkMessage replenishment(ParLevel level, int present, ItemCatalog catalog, Instant time) {
        JsonObject body = new JsonObject();
        body.addProperty("zone", level.zone());
        body.addProperty("gtin", level.gtin());
        body.add("drug", drugName(level.gtin(), catalog));
        body.addProperty("present", present);
        body.addProperty("reorderPoint", level.reorderPoint());
        body.addProperty("level", level.level());
        body.addProperty("suggestedQuantity", level.level() - present);
        return new UplinkMessage(REPLENISHMENT_SCHEMA, REPLENISHMENT_EVENTS, time, body, Delivery.RECORD, false);
    }

    /** The drug's name, or null when the catalog does not describe it. */
    private static JsonElement drugName(String gtin, ItemCatalog catalog) {
        return catalog.drug(gtin).map(Drug::name).<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE);
    }

    /** {@code READERS_OFFLINE} → {@code readers-offline}, as in every enum of the contract. */
    static String wireName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
