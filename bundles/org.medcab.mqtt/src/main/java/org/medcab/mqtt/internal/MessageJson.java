package org.medcab.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.medcab.hospital.Delivery;

/** Renders a {@link Message} as the UTF-8 JSON payload the HIS receives. */
final class MessageJson {
    // Nulls are written (a reader never seen has "lastSeen": null) so every documented field is present.
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private MessageJson() {
    }

    /** Envelope first ({@code schema, id, seq, site, gateway, time}), then the message's own fields. */
    static byte[] encode(Message message, UUID id, long seq, String site, String gateway) {
        return encode(message.schema(), message.time(), body(message), id, seq, site, gateway);
    }

    /** The same for a message given as schema, time and body (what the outbox stores). */
    static byte[] encode(String schema, Instant time, JsonObject body, UUID id, long seq, String site, String gateway) {
        JsonObject json = new JsonObject();
        json.addProperty("schema", schema);
        json.addProperty("id", id.toString());
        json.addProperty("seq", seq);
        json.addProperty("site", site);
        json.addProperty("gateway", gateway);
        json.addProperty("time", time.toString());
        for (Map.Entry<String, JsonElement> field : body.entrySet()) {
            json.add(field.getKey(), field.getValue());
        }
        return GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
    }

    /** The message's own fields, without the envelope. */
    static JsonObject body(Message message) {
        JsonObject body = new JsonObject();
        message.addBody(body);
        return body;
    }

    /** The outbox figures as the health and birth messages carry them. */
    static JsonObject outbox(DurableOutbox.Figures figures) {
        JsonObject json = new JsonObject();
        json.addProperty("messages", figures.total());
        for (Delivery delivery : Delivery.values()) {
            json.addProperty(delivery.name().toLowerCase(Locale.ROOT), figures.messages().get(delivery));
        }
        json.addProperty("bytes", figures.bytes());
        json.addProperty("oldestAgeMs", figures.oldestAge() == null ? null : figures.oldestAge().toMillis());
        json.addProperty("droppedRoutine", figures.droppedRoutine());
        json.addProperty("coalescedLatest", figures.coalescedLatest());
        json.addProperty("overLimit", figures.overLimit());
        json.addProperty("maxMessages", figures.maxMessages());
        json.addProperty("maxBytes", figures.maxBytes());
        return json;
    }

    /** EPCs in one stable order, so the same contents always give the same payload. */
    static JsonArray sorted(Collection<String> values) {
        JsonArray array = new JsonArray();
        new TreeSet<>(values).forEach(array::add);
        return array;
    }
}
