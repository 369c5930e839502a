package org.medcab.rs485.internal;

import org.medcab.rs485.ReaderUnavailableException;

/** A request's reply did not arrive, or did not end, within its time. */
public final class NoReplyException extends ReaderUnavailableException {
    private static final long serialVersionUID = 1L;

    private final boolean partial;

    public NoReplyException(String message, boolean partial) {
        super(message);
        this.partial = partial;
    }

    /** Whether the reader did answer, but its reply stream stopped before the frame that ends it. */
    public boolean partial() {
        return partial;
    }
}
