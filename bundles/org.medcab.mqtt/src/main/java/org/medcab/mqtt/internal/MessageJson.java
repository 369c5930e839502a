package org.medcab.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.TreeSet;
import java.util.UUID;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Renders a {@link Message} as the UTF-8 JSON payload the HIS receives. */
final class MessageJson {
    // Nulls are written (a reader never seen has "lastSeen": null) so every documented field is present.
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private MessageJson() {
    }

    /** Envelope first ({@code schema, id, seq, site, gateway, time}), then the message's own fields. */
    static byte[] encode(Message message, UUID id, long seq, String site, String gateway) {
        JsonObject json = new JsonObject();
        json.addProperty("schema", message.schema());
        json.addProperty("id", id.toString());
        json.addProperty("seq", seq);
        json.addProperty("site", site);
        json.addProperty("gateway", gateway);
        json.addProperty("time", message.time().toString());
        message.addBody(json);
        return GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
    }

    /** EPCs in one stable order, so the same contents always give the same payload. */
    static JsonArray sorted(Collection<String> values) {
        JsonArray array = new JsonArray();
        new TreeSet<>(values).forEach(array::add);
        return array;
    }
}
