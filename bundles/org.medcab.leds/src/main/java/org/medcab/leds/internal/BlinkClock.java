package org.medcab.leds.internal;

import java.util.Map;
import java.util.TreeMap;

import org.medcab.leds.LightColour;
import org.medcab.leds.ZoneLight;

/**
 * The one blink time base of the cabinet, in ticks of {@link #TICK_MILLIS}: fast blinking (4 Hz) is
 * on for one tick and off for one, slow blinking (1 Hz) on for four and off for four. Every zone
 * and every driver takes its phase from the same tick, so lamps blink together.
 */
final class BlinkClock {
    static final int TICK_MILLIS = 125;

    private BlinkClock() {
    }

    /** The colour each zone's lamp shows at the tick. */
    static Map<String, LightColour> lit(Map<String, ZoneLight> lights, long tick) {
        Map<String, LightColour> lit = new TreeMap<>();
        for (ZoneLight light : lights.values()) {
            lit.put(light.zone(), on(light, tick) ? light.colour() : LightColour.OFF);
        }
        return lit;
    }

    static boolean on(ZoneLight light, long tick) {
        return switch (light.pattern()) {
            case STEADY -> true;
            case BLINK_FAST -> tick % 2 == 0;
            case BLINK_SLOW -> tick % 8 < 4;
        };
    }
}
