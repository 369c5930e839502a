package org.medcab.rs485;

/** The reader could not serve a request: no answer, an error code, or its bus is down. */
public class ReaderUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReaderUnavailableException(String message) {
        super(message);
    }

    public ReaderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
