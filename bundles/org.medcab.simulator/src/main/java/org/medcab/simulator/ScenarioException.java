package org.medcab.simulator;

/** A scenario that cannot be simulated; the message names the field, e.g. {@code tags[12].label}. */
public class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }
}
