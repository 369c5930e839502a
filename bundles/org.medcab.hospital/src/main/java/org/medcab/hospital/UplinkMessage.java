package org.medcab.hospital;

import java.time.Instant;
import java.util.Objects;

import com.google.gson.JsonObject;

/**
 * One message for the HIS before the link gives it its envelope. The link adds {@code schema},
 * {@code id}, {@code seq}, {@code site}, {@code gateway} and {@code time} in front of the body's
 * own fields and publishes it on {@code {prefix}/{site}/{gateway}/{subtopic}} with QoS 1.
 *
 * @param schema   the payload's schema id, for example {@code medcab/zone-status/1}; documented in
 *                 the contract under {@code contract/}
 * @param subtopic the topic below the gateway's root, for example {@code events/zone-status};
 *                 levels separated by {@code /}, none of them empty, {@code +} or {@code #}
 * @param time     the instant the message speaks about (not when it happens to be sent)
 * @param body     the message's own fields; must not contain the envelope's field names. The link
 *                 keeps its own copy, so the caller may reuse the object
 * @param delivery priority and what the outbox may drop when full
 * @param retained whether the broker keeps it as the topic's last value (zone snapshots, lights)
 */
public record UplinkMessage(String schema, String subtopic, Instant time, JsonObject body, Delivery delivery, boolean retained) {
    public UplinkMessage {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(subtopic, "subtopic");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(delivery, "delivery");
        body = body.deepCopy();
    }
}
