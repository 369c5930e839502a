package org.medcab.picking.internal;

import java.time.Instant;
import java.util.Objects;

import org.medcab.hospital.CommandReply;
import org.medcab.hospital.ReplyStatus;

import com.google.gson.JsonObject;

/**
 * A message the engine has decided on and stored but not yet handed over: a pick's final reply or
 * an alarm. Kept in the pick store until it is delivered, so neither a missing link nor a crash
 * loses it.
 */
sealed interface Outgoing {
    JsonObject toJson();

    static Outgoing fromJson(JsonObject json) {
        JsonObject body = json.getAsJsonObject("body");
        return switch (json.get("kind").getAsString()) {
            case "reply" -> new Reply(new PickOrigin(json.get("requestId").getAsString(),
                    json.get("correlationId").getAsString()),
                    new CommandReply(ReplyStatus.valueOf(json.get("status").getAsString()), body));
            case "alarm" -> new Alarm(Instant.parse(json.get("time").getAsString()), body);
            default -> throw new IllegalArgumentException("unknown kind " + json.get("kind"));
        };
    }

    /** A follow-up reply to the pick's own request. */
    record Reply(PickOrigin origin, CommandReply reply) implements Outgoing {
        public Reply {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("kind", "reply");
            json.addProperty("requestId", origin.requestId());
            json.addProperty("correlationId", origin.correlationId());
            json.addProperty("status", reply.status().name());
            json.add("body", reply.result());
            return json;
        }
    }

    /** A {@code medcab/alarm/1} body for {@code events/alarm}. */
    record Alarm(Instant time, JsonObject body) implements Outgoing {
        public Alarm {
            Objects.requireNonNull(time, "time");
            body = body.deepCopy();
        }

        @Override
        public JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("kind", "alarm");
            json.addProperty("time", time.toString());
            json.add("body", body);
            return json;
        }
    }
}
