package org.medcab.his;

/** An input file (CSV, JSON) with errors; the message names each (file, line, column). */
final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }
}
