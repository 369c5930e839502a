package org.medcab.leds;

/** A driver could not show a scene (port gone, line busy, uplink refused); the message says why. */
public final class LightDriverException extends Exception {
    private static final long serialVersionUID = 1L;

    public LightDriverException(String message) {
        super(message);
    }

    public LightDriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
