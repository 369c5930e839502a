package org.medcab.leds;

/**
 * How a lit zone lamp shows its colour. The controller keeps the time: slow blinking is 1 Hz (0.5 s
 * on, 0.5 s off), fast blinking 4 Hz (0.125 s on, 0.125 s off), every zone and every driver in the
 * same phase.
 */
public enum LightPattern {
    STEADY, BLINK_SLOW, BLINK_FAST
}
