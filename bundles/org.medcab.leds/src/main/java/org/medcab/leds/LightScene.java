package org.medcab.leds;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every zone's light at one moment.
 *
 * @param lights the light of every zone the controller knows, by zone id (sorted)
 * @param lit    the colour each zone's lamp shows right now, in the current blink phase: a
 *               blinking light's colour in its on-phase, {@link LightColour#OFF} in its off-phase.
 *               Lamp drivers switch their outputs by this, mirrors report {@code lights}.
 */
public record LightScene(Map<String, ZoneLight> lights, Map<String, LightColour> lit) {
    public static final LightScene DARK = new LightScene(Map.of(), Map.of());

    public LightScene {
        lights = Collections.unmodifiableMap(new TreeMap<>(lights));
        lit = Collections.unmodifiableMap(new TreeMap<>(lit));
    }

    /** The colour the zone's lamp shows right now; {@link LightColour#OFF} for a zone not in the scene. */
    public LightColour litColour(String zone) {
        return lit.getOrDefault(zone, LightColour.OFF);
    }
}
