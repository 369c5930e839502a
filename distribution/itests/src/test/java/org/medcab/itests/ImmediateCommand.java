package org.medcab.itests;

import java.time.Instant;

import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A command as the MQTT link hands it to its handler, for in-framework tests that call a handler directly:
 * for commands that answer at once, so a follow-up reply fails the test.
 */
record ImmediateCommand(String command, JsonObject payload) implements CommandRequest {
    ImmediateCommand(String command, String json) {
        this(command, JsonParser.parseString(json).getAsJsonObject());
    }

    @Override
    public String requestId() {
        return payload.get("requestId").getAsString();
    }

    @Override
    public String correlationId() {
        return requestId();
    }

    @Override
    public JsonObject payload() {
        return payload.deepCopy();
    }

    @Override
    public Instant received() {
        return Instant.now();
    }

    @Override
    public void followUp(CommandReply reply) {
        throw new AssertionError("cmd/" + command + " answers at once, yet sent a follow-up: " + reply);
    }
}
