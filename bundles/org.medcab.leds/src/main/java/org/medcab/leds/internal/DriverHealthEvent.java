package org.medcab.leds.internal;

import com.google.gson.JsonObject;

import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;

/**
 * The HIS message telling that a light driver failed or works again, on {@code events/led-driver}:
 * the cabinet's lamps may be wrong meanwhile, which the pharmacy must know.
 */
final class DriverHealthEvent {
    static final String SCHEMA = "medcab/led-driver/1";
    static final String SUBTOPIC = "events/led-driver";

    private DriverHealthEvent() {
    }

    static UplinkMessage of(DriverHealth health) {
        JsonObject body = new JsonObject();
        body.addProperty("driver", health.driver());
        body.addProperty("working", health.working());
        body.addProperty("problem", health.problem());
        body.addProperty("failures", health.failures());
        return new UplinkMessage(SCHEMA, SUBTOPIC, health.since(), body, Delivery.RECORD, false);
    }
}
