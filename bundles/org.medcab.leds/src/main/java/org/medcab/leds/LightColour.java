package org.medcab.leds;

/** The colour a zone's lamp shows; {@link #OFF} when it is dark. */
public enum LightColour {
    OFF, RED, YELLOW, GREEN
}
