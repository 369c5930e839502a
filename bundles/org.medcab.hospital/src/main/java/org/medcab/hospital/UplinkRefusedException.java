package org.medcab.hospital;

/** The outbox did not store a message; the reason says why. Nothing of it was stored. */
public final class UplinkRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public UplinkRefusedException(String message) {
        super(message);
    }

    public UplinkRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
