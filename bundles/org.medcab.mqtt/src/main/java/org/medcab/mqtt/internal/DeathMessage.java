package org.medcab.mqtt.internal;

import java.time.Instant;

import com.google.gson.JsonObject;

/**
 * "The gateway is offline". Registered as the last will at connect time, so when the broker sends
 * it on the gateway's behalf its {@code time} and {@code seq} are those of the connection's start.
 */
record DeathMessage(Instant time) implements Message {
    static final String SCHEMA = "medcab/death/1";

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public String subtopic() {
        return "death";
    }

    @Override
    public boolean retained() {
        return false;
    }

    @Override
    public void addBody(JsonObject json) {
        // The envelope says it all: which gateway, when.
    }
}
