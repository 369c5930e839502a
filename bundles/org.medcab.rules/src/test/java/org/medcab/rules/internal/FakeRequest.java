package org.medcab.rules.internal;

import java.time.Instant;

import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A command as the link would hand it over, with the payload given as JSON text. */
final class FakeRequest implements CommandRequest {
    private final String command;
    private final JsonObject payload;

    FakeRequest(String command, String json) {
        this.command = command;
        this.payload = JsonParser.parseString(json).getAsJsonObject();
    }

    @Override
    public String command() {
        return command;
    }

    @Override
    public String requestId() {
        return payload.has("requestId") ? payload.get("requestId").getAsString() : "";
    }

    @Override
    public String correlationId() {
        return payload.has("correlationId") ? payload.get("correlationId").getAsString() : requestId();
    }

    @Override
    public JsonObject payload() {
        return payload.deepCopy();
    }

    @Override
    public Instant received() {
        return Instant.parse("2026-03-01T12:00:00Z");
    }

    @Override
    public void followUp(CommandReply reply) {
        throw new AssertionError("par-levels answers at once");
    }
}
