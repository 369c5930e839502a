package org.medcab.mqtt.internal;

import java.time.Duration;
import java.time.Instant;

import com.google.gson.JsonObject;

/**
 * "This is how the link is doing", sent every {@code healthIntervalSeconds}: the connection and the
 * outbox figures (queue depth per delivery class, bytes, oldest message's age, drops).
 *
 * @param connectedSince start of the current broker connection, null while there is none
 */
record HealthMessage(Instant time, Instant connectedSince, DurableOutbox.Figures outbox) implements Message {
    static final String SCHEMA = "medcab/health/1";

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public String subtopic() {
        return "health";
    }

    @Override
    public boolean retained() {
        return false;
    }

    @Override
    public void addBody(JsonObject json) {
        JsonObject connection = new JsonObject();
        connection.addProperty("connected", connectedSince != null);
        connection.addProperty("since", connectedSince == null ? null : connectedSince.toString());
        connection.addProperty("uptimeSeconds",
                connectedSince == null ? 0 : Math.max(0, Duration.between(connectedSince, time).toSeconds()));
        json.add("connection", connection);
        json.add("outbox", MessageJson.outbox(outbox));
    }
}
