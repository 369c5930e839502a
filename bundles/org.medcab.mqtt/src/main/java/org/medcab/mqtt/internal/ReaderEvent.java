package org.medcab.mqtt.internal;

import java.time.Instant;

import com.google.gson.JsonObject;

import org.medcab.api.ReaderHealth;

/** A reader went offline or came back. */
record ReaderEvent(Instant time, ReaderHealth reader) implements Message {
    static final String SCHEMA = "medcab/reader-event/1";

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public String subtopic() {
        return "events/reader";
    }

    @Override
    public boolean retained() {
        return false;
    }

    @Override
    public void addBody(JsonObject json) {
        json.addProperty("reader", reader.readerId());
        json.addProperty("bus", reader.bus());
        json.addProperty("address", reader.address());
        json.addProperty("online", reader.online());
        json.addProperty("timeouts", reader.timeouts());
        json.addProperty("checksumErrors", reader.checksumErrors());
        json.addProperty("lastSeen", reader.lastSeen() == null ? null : reader.lastSeen().toString());
    }
}
