package org.medcab.leds;

import java.util.Objects;

/**
 * The light one zone shows.
 *
 * @param zone    the zone id
 * @param colour  the colour; {@link LightColour#OFF} for a dark zone
 * @param pattern steady or blinking; always {@link LightPattern#STEADY} when off
 * @param reason  the finding behind it; {@link LightReason#NONE} when off
 */
public record ZoneLight(String zone, LightColour colour, LightPattern pattern, LightReason reason) {
    public ZoneLight {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(reason, "reason");
        if (colour == LightColour.OFF && (pattern != LightPattern.STEADY || reason != LightReason.NONE)) {
            throw new IllegalArgumentException("zone " + zone + ": an unlit zone has no pattern or reason");
        }
    }

    public static ZoneLight off(String zone) {
        return new ZoneLight(zone, LightColour.OFF, LightPattern.STEADY, LightReason.NONE);
    }
}
