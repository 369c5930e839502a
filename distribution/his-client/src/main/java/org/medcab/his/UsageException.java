package org.medcab.his;

/** Arguments that do not make sense; the message says which and why. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
