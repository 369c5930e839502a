package org.medcab.mqtt.internal;

import java.time.Instant;

import com.google.gson.JsonObject;

/**
 * One message of the hospital interface before it is given its id and seq. Each kind knows its
 * schema, its topic below {@code {prefix}/{site}/{gateway}} and its own fields; {@link MessageJson}
 * adds the common envelope.
 */
sealed interface Message permits BirthMessage, DeathMessage, ZoneSnapshot, InventoryEvent, ReaderEvent, HealthMessage {
    String schema();

    /** The topic below {@code {prefix}/{site}/{gateway}}. */
    String subtopic();

    boolean retained();

    /** The instant the message speaks about, for the envelope's {@code time}. */
    Instant time();

    /** Adds the fields of this kind after the envelope. */
    void addBody(JsonObject json);
}
