package org.medcab.leds.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonObject;

import org.medcab.hospital.Delivery;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;
import org.medcab.leds.LightDriver;
import org.medcab.leds.LightDriverException;
import org.medcab.leds.LightScene;
import org.medcab.leds.ZoneLight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors every zone's light to the HIS: a retained {@code led/{zone}} message
 * ({@code medcab/led/1}, {@link Delivery#LATEST}) whenever the light of a zone changes, so a screen
 * subscribing to {@code led/+} shows the same lights as the cabinet. Blink phases are not sent:
 * the message names the pattern.
 */
final class MqttMirrorDriver implements LightDriver {
    static final String SCHEMA = "medcab/led/1";
    private static final Logger LOG = LoggerFactory.getLogger(MqttMirrorDriver.class);

    private final String name;
    private final HospitalUplink uplink;
    private final Clock clock;
    private final Map<String, ZoneLight> published = new HashMap<>(); // guarded by this
    private final Set<String> unpublishable = new HashSet<>(); // guarded by this

    MqttMirrorDriver(String name, HospitalUplink uplink, Clock clock) {
        this.name = name;
        this.uplink = uplink;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean followsBlinkPhases() {
        return false;
    }

    @Override
    public synchronized void show(LightScene scene) throws LightDriverException {
        for (ZoneLight light : scene.lights().values()) {
            if (light.equals(published.get(light.zone())) || !publishable(light.zone())) {
                continue;
            }
            try {
                uplink.send(message(light, clock));
            } catch (UplinkRefusedException e) {
                throw new LightDriverException("HIS uplink refused the light of zone " + light.zone() + ": " + e.getMessage(), e);
            }
            published.put(light.zone(), light);
        }
    }

    /** A zone id that cannot be one topic level is logged once and left out, rather than retried forever. */
    private boolean publishable(String zone) {
        if (!zone.isEmpty() && zone.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c == 0)) {
            return true;
        }
        if (unpublishable.add(zone)) {
            LOG.error("light driver {}: zone id \"{}\" cannot be an MQTT topic level; its light is not mirrored", name, zone);
        }
        return false;
    }

    static UplinkMessage message(ZoneLight light, Clock clock) {
        JsonObject body = new JsonObject();
        body.addProperty("zone", light.zone());
        body.addProperty("colour", wire(light.colour()));
        body.addProperty("pattern", wire(light.pattern()));
        body.addProperty("reason", wire(light.reason()));
        return new UplinkMessage(SCHEMA, "led/" + light.zone(), clock.instant(), body, Delivery.LATEST, true);
    }

    /** RED → red, BLINK_SLOW → blink-slow, WRONG_ITEM → wrong-item. */
    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
