package org.medcab.mqtt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;

/** Numbered test messages for the outbox tests, and the outbox as the link opens it. */
final class OutboxMessages {
    static final String SCHEMA = "medcab/test/1";

    private OutboxMessages() {
    }

    static DurableOutbox open(Path dir, int maxMessages, long maxBytes, Clock clock) throws IOException {
        return new DurableOutbox(dir, maxMessages, maxBytes,
                (schema, time, body, id, seq) -> MessageJson.encode(schema, time, body, id, seq, "site1", "cabinet1"), clock);
    }

    static DurableOutbox open(Path dir) throws IOException {
        return open(dir, 1_000_000, Long.MAX_VALUE, Clock.systemUTC());
    }

    /** Message {@code n} on {@code subtopic}, its body {@code {"n": n}}. */
    static UplinkMessage numbered(String subtopic, long n, Delivery delivery) {
        JsonObject body = new JsonObject();
        body.addProperty("n", n);
        return new UplinkMessage(SCHEMA, subtopic, Instant.parse("2026-01-05T10:00:00Z"), body, delivery,
                delivery == Delivery.LATEST);
    }

    static JsonObject json(DurableOutbox.Ready ready) {
        return JsonParser.parseString(new String(ready.payload(), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    static long n(DurableOutbox.Ready ready) {
        return json(ready).get("n").getAsLong();
    }
}
