package org.medcab.mqtt.internal;

/** A command refused on the way to its handler; carries the {@link CommandError} the reply names. */
final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient CommandError error;

    CommandException(String field, String problem) {
        super(problem, null, false, false);
        error = new CommandError(field, problem);
    }

    CommandError error() {
        return error;
    }
}
