package org.medcab.rs485.internal;

import org.medcab.rs485.ReaderUnavailableException;

/** The bus's serial port is not open (lost, reopening, or the bus closed): nothing was sent. */
public final class BusUnavailableException extends ReaderUnavailableException {
    private static final long serialVersionUID = 1L;

    public BusUnavailableException(String message) {
        super(message);
    }
}
